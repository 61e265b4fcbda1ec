import { useEffect, useId, useState, type FormEvent } from 'react';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { readApiError } from '../common/apiErrors';
import type { ScheduleActivity, ScheduleActivityInput, ScheduleActivityPatch, ScheduleBlock } from './types';
import { FormActions, FormError } from '../common/FormDialog';

type Values = { title: string; description: string; link: string; minutes: string; required: boolean; blockId: string };
type Field = keyof Values;
const FIELDS: Field[] = ['title', 'description', 'link', 'minutes', 'required', 'blockId'];

export interface ActivityDialogProps {
  open: boolean;
  /** The block the activity is in (or is added to). */
  block: ScheduleBlock;
  /** The activity to edit; none to add one. */
  activity?: ScheduleActivity;
  /** Blocks of the same day it may move to when edited. */
  dayBlocks: ScheduleBlock[];
  onClose: () => void;
  onCreate: (blockId: string, input: ScheduleActivityInput) => Promise<void>;
  /** patch may be empty when only the block changes; toBlockId is set when it does. */
  onUpdate: (id: string, patch: ScheduleActivityPatch, toBlockId?: string) => Promise<void>;
}

function initialValues(block: ScheduleBlock, activity?: ScheduleActivity): Values {
  return {
    title: activity?.title ?? '',
    description: activity?.description ?? '',
    link: activity?.link ?? '',
    minutes: activity?.minutes != null ? String(activity.minutes) : '',
    required: activity?.required ?? false,
    blockId: block.id,
  };
}

/** Adds or edits an activity of a block. */
export function ActivityDialog({ open, block, activity, dayBlocks, onClose, onCreate, onUpdate }: ActivityDialogProps) {
  const [values, setValues] = useState<Values>(() => initialValues(block, activity));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setValues(initialValues(block, activity));
    setErrors({});
    setFormError(null);
    setSaving(false);
    // Only when the dialog opens: a refetch behind it must not wipe what is being typed.
  }, [open]);

  const set = <F extends Field>(field: F, value: Values[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    const title = values.title.trim();
    const minutes = values.minutes.trim() === '' ? undefined : Number(values.minutes);
    if (!title) problems.title = 'Say what to do, in a line.';
    if (minutes !== undefined && !Number.isInteger(minutes)) problems.minutes = 'Whole minutes, 1 to 600.';
    if (activity?.minutes != null && minutes === undefined) problems.minutes = 'An estimate cannot be removed once given; enter 1 to 600.';
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      if (activity) {
        const patch: ScheduleActivityPatch = {};
        if (title !== activity.title) patch.title = title;
        if (values.description.trim() !== activity.description) patch.description = values.description.trim();
        if (values.link.trim() !== (activity.link ?? '')) patch.link = values.link.trim(); // "" removes it
        if (minutes !== undefined && minutes !== activity.minutes) patch.minutes = minutes;
        if (values.required !== activity.required) patch.required = values.required;
        const toBlockId = values.blockId !== block.id ? values.blockId : undefined;
        if (Object.keys(patch).length || toBlockId) await onUpdate(activity.id, patch, toBlockId);
        else onClose();
      } else {
        const input: ScheduleActivityInput = { title, required: values.required };
        if (values.description.trim()) input.description = values.description.trim();
        if (values.link.trim()) input.link = values.link.trim();
        if (minutes !== undefined) input.minutes = minutes;
        await onCreate(block.id, input);
      }
    } catch (error) {
      const { message, field } = readApiError(error, 'The activity could not be saved.');
      const onForm = field === 'id' ? undefined : field; // "id" means the activity itself is gone
      if (onForm && (FIELDS as string[]).includes(onForm)) setErrors({ [onForm]: message });
      else setFormError(message);
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{activity ? 'Edit activity' : `Add an activity to ${block.title}`}</DialogTitle>
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
              helperText={errors.title ?? 'What to do, in a line, e.g. "Apply to 3 jobs".'}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
            <TextField
              label="Description"
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
              fullWidth
              multiline
              minRows={2}
              error={!!errors.description}
              helperText={errors.description ?? 'How to do it (optional).'}
              slotProps={{ htmlInput: { maxLength: 5000 } }}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label="Link"
                type="url"
                value={values.link}
                onChange={(e) => set('link', e.target.value)}
                fullWidth
                error={!!errors.link}
                helperText={errors.link ?? 'An http(s) link to the lesson or tool (optional).'}
                placeholder="https://"
              />
              <TextField
                label="Minutes"
                type="number"
                value={values.minutes}
                onChange={(e) => set('minutes', e.target.value)}
                sx={{ width: { sm: 200 } }}
                error={!!errors.minutes}
                helperText={errors.minutes ?? 'Estimate, 1 to 600.'}
                slotProps={{ htmlInput: { min: 1, max: 600, step: 1 } }}
              />
            </Stack>
            <div>
              <FormControlLabel
                control={<Switch checked={values.required} onChange={(e) => set('required', e.target.checked)} />}
                label="Required"
              />
              <FormHelperText error={!!errors.required} sx={{ mt: 0 }}>
                {errors.required ?? 'A required activity cannot be skipped; learners may skip any number of the others.'}
              </FormHelperText>
            </div>
            {activity && dayBlocks.length > 1 && (
              <TextField
                select
                label="Block"
                value={values.blockId}
                onChange={(e) => set('blockId', e.target.value)}
                fullWidth
                error={!!errors.blockId}
                helperText={errors.blockId ?? (values.blockId !== block.id ? 'The activity moves to the end of that block.' : undefined)}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                {dayBlocks.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.startTime}–{b.endTime} {b.title}
                  </option>
                ))}
              </TextField>
            )}
            <FormError message={formError} />
          </Stack>
        </DialogContent>
        <FormActions onClose={onClose} saving={saving} submitLabel={activity ? 'Save' : 'Add activity'} />
      </form>
    </Dialog>
  );
}
