import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';

/** A form dialog's error, shown under its fields (nothing when there is none). */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert">
      {message}
    </Alert>
  );
}

/** A form dialog's buttons: leave without saving, and submit the form; both wait while it saves. */
export function FormActions({ onClose, saving, submitLabel, cancelLabel = 'Cancel' }: { onClose: () => void; saving: boolean; submitLabel: string; cancelLabel?: string }) {
  return (
    <DialogActions>
      <Button onClick={onClose} disabled={saving}>
        {cancelLabel}
      </Button>
      <Button type="submit" variant="contained" disabled={saving}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}
