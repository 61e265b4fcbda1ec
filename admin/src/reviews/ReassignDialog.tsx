import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useGetList } from 'react-admin';
import type { Person } from './types';

export interface ReassignDialogProps {
  open: boolean;
  learnerName: string;
  /** who holds it now, if anyone */
  holder: Person | null;
  suggested: Person | null;
  onClose: () => void;
  /** rejects with an Error whose message is shown in the dialog */
  onConfirm: (coachId: string, coachName: string) => Promise<void>;
}

/** Staff hand a waiting submission to a coach; it is claimed in that coach's name. */
export function ReassignDialog({ open, learnerName, holder, suggested, onClose, onConfirm }: ReassignDialogProps) {
  const [coachId, setCoachId] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const { data: coaches, isPending } = useGetList(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: open },
  );

  useEffect(() => {
    if (open) {
      setCoachId(suggested && suggested.id !== holder?.id ? suggested.id : '');
      setError(null);
      setSaving(false);
    }
  }, [open, suggested, holder]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const coach = coaches?.find((c) => String(c.id) === coachId);
    if (!coach || saving) return;
    setSaving(true);
    setError(null);
    try {
      await onConfirm(coachId, String(coach.name));
    } catch (e) {
      setError((e as Error)?.message || 'The submission could not be reassigned.');
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Reassign</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {learnerName}'s submission goes to the coach you choose, claimed in their name
            {holder ? `; ${holder.name} no longer holds it` : ''}.
          </DialogContentText>
          <TextField
            select
            label="Coach"
            value={coachId}
            onChange={(e) => setCoachId(e.target.value)}
            required
            fullWidth
            margin="dense"
            disabled={isPending}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="" disabled>
              {isPending ? 'Loading coaches…' : 'Choose a coach'}
            </option>
            {(coaches ?? []).map((c) => (
              <option key={c.id} value={String(c.id)} disabled={String(c.id) === holder?.id}>
                {c.name}
                {String(c.id) === suggested?.id ? ' (fewest in review)' : ''}
                {String(c.id) === holder?.id ? ' (holds it now)' : ''}
              </option>
            ))}
          </TextField>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} role="alert">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!coachId || saving}>
            Reassign
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
