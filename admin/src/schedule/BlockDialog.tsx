import { useEffect, useId, useState, type FormEvent } from 'react';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { readApiError } from '../common/apiErrors';
import { KIND_HINTS, KIND_LABELS, toMinutes, WEEKDAY_NAMES } from './kinds';
import { BLOCK_KINDS, type BlockKind, type ScheduleBlock, type ScheduleBlockInput, type ScheduleBlockPatch } from './types';
import { FormActions, FormError } from '../common/FormDialog';

type Values = { title: string; kind: BlockKind; startTime: string; endTime: string; weekday: number };
type Field = keyof Values;
const FIELDS: Field[] = ['title', 'kind', 'startTime', 'endTime', 'weekday'];

export interface BlockDialogProps {
  open: boolean;
  /** The block to edit; none to add one. */
  block?: ScheduleBlock;
  /** The day a new block goes to. */
  weekday: number;
  /** Where a new block starts by default ("HH:MM"): usually the end of the day's last block. */
  suggestedStart?: string;
  timeZone: string;
  onClose: () => void;
  onCreate: (input: ScheduleBlockInput) => Promise<void>;
  onUpdate: (id: string, patch: ScheduleBlockPatch) => Promise<void>;
}

/** "HH:MM" plus minutes, kept within the day. */
function later(time: string, minutes: number): string {
  const total = Math.min(toMinutes(time) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function initialValues(block: ScheduleBlock | undefined, weekday: number, suggestedStart = '09:00'): Values {
  if (block) {
    return { title: block.title, kind: block.kind, startTime: block.startTime, endTime: block.endTime, weekday: block.weekday };
  }
  const start = Number.isFinite(toMinutes(suggestedStart)) ? suggestedStart : '09:00';
  return { title: '', kind: 'WORK_BLOCK', startTime: start, endTime: later(start, 60), weekday };
}

/** Adds or edits a block: title, kind, times and day. The API checks the rest and blames a field. */
export function BlockDialog({ open, block, weekday, suggestedStart, timeZone, onClose, onCreate, onUpdate }: BlockDialogProps) {
  const [values, setValues] = useState<Values>(() => initialValues(block, weekday, suggestedStart));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setValues(initialValues(block, weekday, suggestedStart));
    setErrors({});
    setFormError(null);
    setSaving(false);
    // Only when the dialog opens: a refetch behind it must not wipe what is being typed.
  }, [open]);

  const set = (field: Field, value: string | number) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) missing.title = 'Give the block a title.';
    if (!values.startTime) missing.startTime = 'Give a start time.';
    if (!values.endTime) missing.endTime = 'Give an end time.';
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      if (block) {
        const patch: ScheduleBlockPatch = {};
        if (values.title.trim() !== block.title) patch.title = values.title.trim();
        if (values.kind !== block.kind) patch.kind = values.kind;
        if (values.startTime !== block.startTime) patch.startTime = values.startTime;
        if (values.endTime !== block.endTime) patch.endTime = values.endTime;
        if (values.weekday !== block.weekday) patch.weekday = values.weekday;
        if (Object.keys(patch).length) await onUpdate(block.id, patch);
        else onClose();
      } else {
        await onCreate({ ...values, title: values.title.trim() });
      }
    } catch (error) {
      const { message, field } = readApiError(error, 'The block could not be saved.');
      if (field && (FIELDS as string[]).includes(field)) setErrors({ [field]: message });
      else setFormError(message);
      setSaving(false);
    }
  };

  const dayChanges = block && values.weekday !== block.weekday;

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{block ? 'Edit block' : `Add a block on ${WEEKDAY_NAMES[weekday - 1]}`}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label="Title"
              value={values.title}
              onChange={(e) => set('title', e.target.value)}
              required
              fullWidth
              autoFocus
              error={!!errors.title}
              helperText={errors.title ?? 'As learners read it on their road map, e.g. "Applications sprint".'}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField
              select
              label="Kind"
              value={values.kind}
              onChange={(e) => set('kind', e.target.value)}
              required
              fullWidth
              error={!!errors.kind}
              helperText={errors.kind ?? KIND_HINTS[values.kind]}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {BLOCK_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </TextField>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label="Start time"
                type="time"
                value={values.startTime}
                onChange={(e) => set('startTime', e.target.value)}
                required
                fullWidth
                error={!!errors.startTime}
                helperText={errors.startTime ?? timeZone}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300 } }}
              />
              <TextField
                label="End time"
                type="time"
                value={values.endTime}
                onChange={(e) => set('endTime', e.target.value)}
                required
                fullWidth
                error={!!errors.endTime}
                helperText={errors.endTime ?? 'After the start.'}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300 } }}
              />
            </Stack>
            <TextField
              select
              label="Day"
              value={values.weekday}
              onChange={(e) => set('weekday', Number(e.target.value))}
              fullWidth
              error={!!errors.weekday}
              helperText={errors.weekday ?? (dayChanges ? 'The block moves to the end of that day.' : undefined)}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {WEEKDAY_NAMES.map((name, i) => (
                <option key={name} value={i + 1}>
                  {name}
                </option>
              ))}
            </TextField>
            <FormError message={formError} />
          </Stack>
        </DialogContent>
        <FormActions onClose={onClose} saving={saving} submitLabel={block ? 'Save' : 'Add block'} />
      </form>
    </Dialog>
  );
}
