import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useGetList } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatSpan, formatInZone, fromLocalInput, safeZone, toLocalInput, zoneAbbreviation } from '../common/zones';
import type { Clash } from '../meetings/types';
import { EVENT_TYPES, TYPE_LABELS } from './labels';
import type { CoachingEventInput, CoachingEventPatch, CoachingEventRow, EventType } from './types';
import { FormActions, FormError } from '../common/FormDialog';

type Values = {
  type: EventType;
  title: string;
  description: string;
  facilitatorId: string;
  /** the start as an instant; typed in the viewer's zone */
  startsAt: string | null;
  durationMinutes: string;
  capacity: string;
  link: string;
};
type Field = keyof Values;
const FIELDS: Field[] = ['type', 'title', 'description', 'facilitatorId', 'startsAt', 'durationMinutes', 'capacity', 'link'];
const URL_PATTERN = /^https?:\/\/\S+$/i;

export interface EventDialogProps {
  open: boolean;
  /** The event to edit; none to create one. */
  event?: CoachingEventRow;
  /** The zone the start is typed in (the viewer's). */
  timeZone: string;
  onClose: () => void;
  /** rejects with the data provider's error */
  onCreate: (input: CoachingEventInput) => Promise<void>;
  onUpdate: (id: string, patch: CoachingEventPatch) => Promise<void>;
}

/** Tomorrow at 17:00 in the zone: a sensible first guess for a new event. */
function defaultStart(timeZone: string): string | null {
  const tomorrow = toLocalInput(new Date(Date.now() + 86_400_000), timeZone).slice(0, 10);
  return fromLocalInput(`${tomorrow}T17:00`, timeZone)?.toISOString() ?? null;
}

function initialValues(event: CoachingEventRow | undefined, timeZone: string): Values {
  if (event) {
    return {
      type: event.type,
      title: event.title,
      description: event.description,
      facilitatorId: event.facilitator.id,
      startsAt: event.startsAt,
      durationMinutes: String(event.durationMinutes),
      capacity: String(event.capacity),
      link: event.link ?? '',
    };
  }
  return {
    type: 'WORKSHOP',
    title: '',
    description: '',
    facilitatorId: '',
    startsAt: defaultStart(timeZone),
    durationMinutes: '60',
    capacity: '20',
    link: '',
  };
}

const wholeIn = (value: string, min: number, max: number) => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Creates or edits a coaching event (staff). The API checks the rest and blames a field, or names the facilitator's clash. */
export function EventDialog({ open, event, timeZone, onClose, onCreate, onUpdate }: EventDialogProps) {
  const zone = safeZone(timeZone);
  const [values, setValues] = useState<Values>(() => initialValues(event, zone));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [clash, setClash] = useState<Clash | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();
  const { data: coaches, isPending: coachesPending } = useGetList(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: open },
  );

  useEffect(() => {
    if (!open) return;
    setValues(initialValues(event, zone));
    setErrors({});
    setClash(null);
    setFormError(null);
    setSaving(false);
    // Only when the dialog opens: a refetch behind it must not wipe what is being typed.
  }, [open]);

  const set = <F extends Field>(field: F, value: Values[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setClash(null);
    setFormError(null);
  };

  const facilitator = coaches?.find((c) => String(c.id) === values.facilitatorId) ?? (event && event.facilitator.id === values.facilitatorId ? event.facilitator : undefined);
  const facilitatorZone = facilitator?.timeZone ? safeZone(String(facilitator.timeZone)) : undefined;
  const start = values.startsAt ? Date.parse(values.startsAt) : NaN;
  const minutes = wholeIn(values.durationMinutes, 15, 480);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const problems: Partial<Record<Field, string>> = {};
    const title = values.title.trim();
    const capacity = wholeIn(values.capacity, 1, 1000);
    const link = values.link.trim();
    const startChanged = !event || values.startsAt !== event.startsAt;
    if (!title) problems.title = 'Give the event a title.';
    if (!values.facilitatorId) problems.facilitatorId = 'Pick the coach who runs it.';
    if (!Number.isFinite(start)) problems.startsAt = 'Pick a start.';
    else if (startChanged && start <= Date.now()) problems.startsAt = 'Pick a start in the future.';
    if (minutes === undefined) problems.durationMinutes = 'Whole minutes, 15 to 480.';
    if (capacity === undefined) problems.capacity = 'Seats, 1 to 1,000.';
    else if (event && capacity < event.seats.seated) problems.capacity = `${event.seats.seated} seats are taken; capacity cannot go below that.`;
    if (link && !URL_PATTERN.test(link)) problems.link = 'An http(s) link, e.g. https://meet.example.org/workshop.';
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    setSaving(true);
    setFormError(null);
    setClash(null);
    try {
      if (event) {
        const patch: CoachingEventPatch = {};
        if (title !== event.title) patch.title = title;
        if (values.description.trim() !== event.description) patch.description = values.description.trim();
        if (values.facilitatorId !== event.facilitator.id) patch.facilitatorId = values.facilitatorId;
        if (startChanged) patch.startsAt = new Date(start).toISOString();
        if (minutes !== event.durationMinutes) patch.durationMinutes = minutes;
        if (capacity !== event.capacity) patch.capacity = capacity;
        if (link !== (event.link ?? '') && link) patch.link = link;
        if (Object.keys(patch).length) await onUpdate(event.id, patch);
        else onClose();
      } else {
        const input: CoachingEventInput = {
          type: values.type,
          title,
          facilitatorId: values.facilitatorId,
          startsAt: new Date(start).toISOString(),
          durationMinutes: minutes!,
          capacity: capacity!,
        };
        if (values.description.trim()) input.description = values.description.trim();
        if (link) input.link = link;
        await onCreate(input);
      }
    } catch (error) {
      const { message, code, field, details } = readApiError(error, 'The event could not be saved.');
      const named = details?.clash as Clash | undefined;
      if (code === 'CONFLICT' && named) setClash(named);
      else if (field && (FIELDS as string[]).includes(field)) setErrors({ [field]: message });
      else setFormError(message);
      setSaving(false);
    }
  };

  const facilitatorName = facilitator ? String(facilitator.name) : 'The facilitator';

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{event ? 'Edit event' : 'New coaching event'}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                select
                label="Type"
                value={values.type}
                onChange={(e) => set('type', e.target.value as EventType)}
                disabled={!!event}
                error={!!errors.type}
                helperText={errors.type ?? (event ? 'The type cannot be changed.' : undefined)}
                sx={{ width: { sm: 220 } }}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                {EVENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </TextField>
              <TextField
                label="Title"
                value={values.title}
                onChange={(e) => set('title', e.target.value)}
                required
                fullWidth
                autoFocus={!event}
                error={!!errors.title}
                helperText={errors.title}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
            </Stack>
            <TextField
              label="Description"
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
              fullWidth
              multiline
              minRows={2}
              error={!!errors.description}
              helperText={errors.description ?? 'What learners get from it and how to prepare (optional).'}
              slotProps={{ htmlInput: { maxLength: 5000 } }}
            />
            <TextField
              select
              label="Facilitator"
              value={values.facilitatorId}
              onChange={(e) => set('facilitatorId', e.target.value)}
              required
              fullWidth
              disabled={coachesPending}
              error={!!errors.facilitatorId}
              helperText={errors.facilitatorId ?? 'The coach who runs it; their 1:1 calendar is blocked for it.'}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value="" disabled>
                {coachesPending ? 'Loading coaches…' : 'Choose a coach'}
              </option>
              {event && !coaches?.some((c) => String(c.id) === event.facilitator.id) && (
                <option value={event.facilitator.id}>{event.facilitator.name}</option>
              )}
              {(coaches ?? []).map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name} ({c.timeZone})
                </option>
              ))}
            </TextField>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label={`Start (${zone})`}
                type="datetime-local"
                value={toLocalInput(values.startsAt, zone)}
                onChange={(e) => set('startsAt', fromLocalInput(e.target.value, zone)?.toISOString() ?? null)}
                required
                error={!!errors.startsAt}
                helperText={
                  errors.startsAt ??
                  (Number.isFinite(start) && facilitatorZone && facilitatorZone !== zone
                    ? `${facilitatorName.split(' ')[0]}: ${formatInZone(new Date(start), facilitatorZone)} ${zoneAbbreviation(facilitatorZone, new Date(start))}`
                    : 'In your time zone.')
                }
                sx={{ flex: 1 }}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300 } }}
              />
              <TextField
                label="Minutes"
                type="number"
                value={values.durationMinutes}
                onChange={(e) => set('durationMinutes', e.target.value)}
                required
                error={!!errors.durationMinutes}
                helperText={errors.durationMinutes ?? '15 to 480.'}
                sx={{ width: { sm: 130 } }}
                slotProps={{ htmlInput: { min: 15, max: 480, step: 15 } }}
              />
              <TextField
                label="Capacity"
                type="number"
                value={values.capacity}
                onChange={(e) => set('capacity', e.target.value)}
                required
                error={!!errors.capacity}
                helperText={errors.capacity ?? 'Seats; then a waitlist.'}
                sx={{ width: { sm: 130 } }}
                slotProps={{ htmlInput: { min: 1, max: 1000, step: 1 } }}
              />
            </Stack>
            <TextField
              label="Link"
              type="url"
              value={values.link}
              onChange={(e) => set('link', e.target.value)}
              fullWidth
              placeholder="https://"
              error={!!errors.link}
              helperText={errors.link ?? (event?.link ? 'Where to join. It can be changed, not removed.' : 'Where to join (optional).')}
            />
            {clash && (
              <Alert severity="warning" role="alert" data-testid="event-clash">
                <AlertTitle>{facilitatorName} is busy then</AlertTitle>
                {clash.kind === 'EVENT' ? 'Facilitating ' : ''}
                <strong>{clash.kind === 'EVENT' ? `“${clash.title}”` : clash.title}</strong>, {formatSpan(clash.startsAt, clash.endsAt, zone)}{' '}
                {zoneAbbreviation(zone, clash.startsAt)}. Pick another start or another facilitator.
              </Alert>
            )}
            <FormError message={formError} />
          </Stack>
        </DialogContent>
        <FormActions onClose={onClose} saving={saving} cancelLabel="Back" submitLabel={event ? 'Save' : 'Create event'} />
      </form>
    </Dialog>
  );
}
