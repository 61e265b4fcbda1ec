import { useId, useState, type FormEvent } from 'react';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { readableTimes } from '../common/dateFormat';
import { FormActions, FormError } from '../common/FormDialog';
import { graphql } from '../gql';
import { mutate } from '../graphqlClient';
import { validSession } from '../session';

const ExcuseWeekMutation = graphql(`
  mutation excuseWeek($learnerId: ID!, $moduleWeek: Int!, $reason: String!) {
    excuseWeek(learnerId: $learnerId, moduleWeek: $moduleWeek, reason: $reason) { moduleWeek reason createdAt }
  }
`);

export interface Excuse {
  moduleWeek: number;
  reason: string;
  createdAt: string;
  /** Who excused it: the one signed in here (the API's excusedBy answers only its id on this mutation today). */
  excusedBy: { name: string };
}

interface ExcuseWeekProps {
  learnerId: string;
  learnerName: string;
  /** The learner's module week now: the week offered first. */
  currentWeek: number | null | undefined;
  onExcused: (excuse: Excuse) => void;
}

/**
 * "Excuse a week" (coaches and staff): the weekly evaluation then records that learner-week and leaves the status
 * alone, without pausing the learner. The API refuses a week already judged or excused (on the week) and an empty
 * reason (on the reason): each error is shown under its own field.
 */
export function ExcuseWeekButton({ learnerId, learnerName, currentWeek, onExcused }: ExcuseWeekProps) {
  const notify = useNotify();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [week, setWeek] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ moduleWeek?: string; reason?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);

  const start = () => {
    setWeek(currentWeek ? String(currentWeek) : '1');
    setReason('');
    setErrors({});
    setSaving(false);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const moduleWeek = Number(week);
    if (!Number.isInteger(moduleWeek) || moduleWeek < 1) return setErrors({ moduleWeek: 'A module week is a whole number, 1 or more.' });
    setSaving(true);
    setErrors({});
    try {
      const { excuseWeek } = await mutate(ExcuseWeekMutation, { learnerId, moduleWeek, reason });
      setOpen(false);
      onExcused({ ...excuseWeek, excusedBy: { name: validSession()?.user.name ?? 'you' } });
      notify(`Week ${excuseWeek.moduleWeek} of ${learnerName} is excused.`, { type: 'success' });
    } catch (error) {
      const { message: said, field } = readApiError(error);
      // "Week 2 was already judged on 2026-12-06T23:10:00.000Z": the instant in the console's own words.
      const message = readableTimes(said);
      setErrors(field === 'moduleWeek' || field === 'reason' ? { [field]: message } : { form: message });
      setSaving(false);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<EventBusyIcon />} onClick={start}>
        Excuse a week
      </Button>
      <Dialog open={open} onClose={saving ? undefined : () => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <form onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>Excuse a week of {learnerName}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              The weekly evaluation records an excused week and leaves the status as it is; the learner stays enrolled. A week
              already evaluated cannot be excused: change the status by hand instead.
            </DialogContentText>
            <Stack spacing={2}>
              <TextField
                label="Module week"
                type="number"
                value={week}
                onChange={(e) => {
                  setWeek(e.target.value);
                  setErrors((x) => ({ ...x, moduleWeek: undefined }));
                }}
                required
                error={!!errors.moduleWeek}
                helperText={errors.moduleWeek ?? (currentWeek ? `This week is week ${currentWeek}.` : undefined)}
                slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
                sx={{ maxWidth: 240 }}
              />
              <TextField
                label="Reason"
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setErrors((x) => ({ ...x, reason: undefined }));
                }}
                required
                fullWidth
                multiline
                minRows={3}
                error={!!errors.reason}
                helperText={errors.reason ?? 'Kept in the history; the learner may read it.'}
                slotProps={{ htmlInput: { maxLength: 2000 } }}
              />
              <FormError message={errors.form} />
            </Stack>
          </DialogContent>
          <FormActions onClose={() => setOpen(false)} saving={saving} submitLabel="Excuse week" />
        </form>
      </Dialog>
    </>
  );
}
