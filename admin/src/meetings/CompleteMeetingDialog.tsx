import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import type { MeetingOutcome } from './types';

export interface CompleteMeetingDialogProps {
  open: boolean;
  learnerName: string;
  onClose: () => void;
  /** rejects with an Error whose message is shown in the dialog */
  onConfirm: (outcome: MeetingOutcome, notes: string) => Promise<void>;
}

/** After a meeting: it took place (with notes), or the learner did not come. */
export function CompleteMeetingDialog({ open, learnerName, onClose, onConfirm }: CompleteMeetingDialogProps) {
  const [outcome, setOutcome] = useState<MeetingOutcome | ''>('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setOutcome('');
    setNotes('');
    setError(null);
    setSaving(false);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome || saving) return;
    setSaving(true);
    setError(null);
    try {
      await onConfirm(outcome, notes.trim());
    } catch (e) {
      setError((e as Error)?.message || 'The outcome could not be saved.');
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>How did it go?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>Record how the 1:1 with {learnerName} went; it stays in the meeting's history.</DialogContentText>
          <FormControl required>
            <FormLabel id={`${titleId}-outcome`}>Outcome</FormLabel>
            <RadioGroup row aria-labelledby={`${titleId}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as MeetingOutcome)}>
              <FormControlLabel value="COMPLETED" control={<Radio />} label="It took place" />
              <FormControlLabel value="NO_SHOW" control={<Radio />} label={`${learnerName.split(' ')[0]} did not come`} />
            </RadioGroup>
          </FormControl>
          <TextField
            label="Notes"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            fullWidth
            multiline
            minRows={3}
            margin="normal"
            helperText="What you discussed and agreed (optional)."
            slotProps={{ htmlInput: { maxLength: 5000 } }}
          />
          {error && (
            <Alert severity="error" sx={{ mt: 1 }} role="alert">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Back
          </Button>
          <Button type="submit" variant="contained" disabled={!outcome || saving}>
            Save outcome
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
