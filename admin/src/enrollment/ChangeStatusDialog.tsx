import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { ENROLLMENT_STATUSES, STATUS_LABELS, type EnrollmentStatus } from './statuses';

export interface ChangeStatusDialogProps {
  open: boolean;
  /** one sentence on what changes, e.g. "Ada Lovelace is At risk now." */
  description: string;
  /** the learner's status now, when there is one learner */
  currentStatus?: EnrollmentStatus;
  onClose: () => void;
  /** rejects with an Error whose message is shown in the dialog */
  onConfirm: (status: EnrollmentStatus, reason: string) => Promise<void>;
}

/**
 * Asks for the new status and the reason; the reason is required because it
 * is what the status history will tell the next coach.
 */
export function ChangeStatusDialog({ open, description, currentStatus, onClose, onConfirm }: ChangeStatusDialogProps) {
  const [status, setStatus] = useState<EnrollmentStatus | ''>('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    if (open) {
      setStatus('');
      setReason('');
      setError(null);
      setSaving(false);
    }
  }, [open]);

  const canConfirm = status !== '' && reason.trim().length > 0 && !saving;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status === '' || !canConfirm) return;
    setSaving(true);
    setError(null);
    try {
      await onConfirm(status, reason.trim());
    } catch (e) {
      setError((e as Error)?.message || 'The status could not be changed.');
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Change status</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {description} The reason is kept in the status history.
          </DialogContentText>
          <TextField
            select
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as EnrollmentStatus | '')}
            required
            fullWidth
            margin="dense"
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="" disabled>
              Choose a status
            </option>
            {ENROLLMENT_STATUSES.map((s) => (
              <option key={s} value={s} disabled={s === currentStatus}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </TextField>
          <TextField
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            placeholder="Why the status changes, e.g. what the learner told you"
          />
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
          <Button type="submit" variant="contained" disabled={!canConfirm}>
            Confirm
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
