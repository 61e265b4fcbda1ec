import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { readApiError } from '../common/apiErrors';
import { KIND_LABELS, SUBMISSION_KINDS } from '../reviews/labels';
import type { SubmissionKind } from '../reviews/types';
import type { RequiredActivity, RequiredActivityInput, RequiredActivityPatch } from './types';
import { FormActions, FormError } from '../common/FormDialog';

type Values = { kind: SubmissionKind | ''; title: string; description: string; moduleWeek: string };
type Field = keyof Values;
const FIELDS: Field[] = ['kind', 'title', 'description', 'moduleWeek'];

export interface RequiredActivityDialogProps {
  open: boolean;
  /** The rule to reword; none to add one. */
  rule?: RequiredActivity;
  onClose: () => void;
  onCreate: (input: RequiredActivityInput) => Promise<void>;
  onUpdate: (id: string, patch: RequiredActivityPatch) => Promise<void>;
}

const initialValues = (rule?: RequiredActivity): Values => ({
  kind: rule?.kind ?? '',
  title: rule?.title ?? '',
  description: rule?.description ?? '',
  moduleWeek: rule?.moduleWeek != null ? String(rule.moduleWeek) : '',
});

/** Adds a required activity, or rewords one (what it requires cannot change: retire it and add another). */
export function RequiredActivityDialog({ open, rule, onClose, onCreate, onUpdate }: RequiredActivityDialogProps) {
  const [values, setValues] = useState<Values>(() => initialValues(rule));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setValues(initialValues(rule));
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
    const description = values.description.trim();
    const week = values.moduleWeek.trim() === '' ? undefined : Number(values.moduleWeek);
    if (!title) problems.title = 'Say what is required, as learners will read it.';
    if (!rule && !values.kind) problems.kind = 'Pick the kind of submission that meets it.';
    if (!rule && week !== undefined && (!Number.isInteger(week) || week < 1 || week > 520)) problems.moduleWeek = 'A week from 1 to 520, or empty for every week.';
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      if (rule) {
        const patch: RequiredActivityPatch = {};
        if (title !== rule.title) patch.title = title;
        if (description !== rule.description) patch.description = description;
        if (Object.keys(patch).length) await onUpdate(rule.id, patch);
        else onClose();
      } else {
        const input: RequiredActivityInput = { kind: values.kind as SubmissionKind, title };
        if (description) input.description = description;
        if (week !== undefined) input.moduleWeek = week;
        await onCreate(input);
      }
    } catch (error) {
      const { message, field } = readApiError(error, 'The required activity could not be saved.');
      if (field && (FIELDS as string[]).includes(field)) setErrors({ [field]: message });
      else setFormError(message);
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{rule ? 'Reword required activity' : 'Add a required activity'}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {rule ? (
              <Alert severity="info">
                Only the wording changes, for every week it applies to. To change what it requires, retire it and add a new one.
              </Alert>
            ) : (
              <Alert severity="info">
                It applies from each learner's next module week: weeks already under way keep the rules they started with.
              </Alert>
            )}
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                select
                label="Kind"
                value={values.kind}
                onChange={(e) => set('kind', e.target.value as SubmissionKind)}
                required={!rule}
                disabled={!!rule}
                fullWidth
                error={!!errors.kind}
                helperText={errors.kind ?? 'The submission that meets it.'}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                <option value="" disabled>
                  Pick a kind
                </option>
                {SUBMISSION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </TextField>
              <TextField
                label="Module week"
                type="number"
                value={values.moduleWeek}
                onChange={(e) => set('moduleWeek', e.target.value)}
                disabled={!!rule}
                sx={{ width: { sm: 220 }, flex: 'none' }}
                error={!!errors.moduleWeek}
                helperText={errors.moduleWeek ?? 'Empty: every week.'}
                placeholder="Every week"
                slotProps={{ htmlInput: { min: 1, max: 520, step: 1 }, inputLabel: { shrink: true } }}
              />
            </Stack>
            <TextField
              label="Title"
              value={values.title}
              onChange={(e) => set('title', e.target.value)}
              required
              fullWidth
              autoFocus
              error={!!errors.title}
              helperText={errors.title ?? 'As learners read it, e.g. "Weekly retrospective".'}
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
              helperText={errors.description ?? 'More detail for learners (optional).'}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
            <FormError message={formError} />
          </Stack>
        </DialogContent>
        <FormActions onClose={onClose} saving={saving} submitLabel={rule ? 'Save' : 'Add required activity'} />
      </form>
    </Dialog>
  );
}
