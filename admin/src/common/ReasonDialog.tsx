import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** What happens, in a sentence or two. */
  children?: ReactNode;
  label?: string;
  helperText?: string;
  confirmLabel: string;
  confirmColor?: 'primary' | 'warning' | 'error';
  /** Shown when a reason is missing. */
  missing?: string;
  onClose: () => void;
  /** rejects with an Error whose message is shown in the dialog */
  onConfirm: (reason: string) => Promise<void>;
}

/** Asks for the reason behind a decline or a cancellation (the API keeps it and the learner reads it). */
export function ReasonDialog({
  open,
  title,
  children,
  label = 'Reason',
  helperText,
  confirmLabel,
  confirmColor = 'primary',
  missing = 'Say why, in a sentence.',
  onClose,
  onConfirm,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setReason('');
    setFieldError(null);
    setError(null);
    setSaving(false);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!reason.trim()) {
      setFieldError(missing);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError((e as Error)?.message || 'That did not work. Try again.');
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children && <DialogContentText sx={{ mb: 2 }}>{children}</DialogContentText>}
          <TextField
            label={label}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setFieldError(null);
            }}
            required
            fullWidth
            multiline
            minRows={3}
            autoFocus
            error={!!fieldError}
            helperText={fieldError ?? helperText}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} role="alert">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Back
          </Button>
          <Button type="submit" variant="contained" color={confirmColor} disabled={saving}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
