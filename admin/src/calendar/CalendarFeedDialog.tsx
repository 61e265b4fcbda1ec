import { useEffect, useId, useRef, useState } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import EventNoteIcon from '@mui/icons-material/EventNote';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

/** Copies text; falls back to selecting it in the field when the Clipboard API is not allowed. */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/**
 * Makes the signed-in person's secret calendar (iCalendar) link. Each new link retires the one before,
 * and it is shown only here, once: the dialog says so before and after.
 */
export function CalendarFeedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const [url, setUrl] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    setUrl(null);
    setError(null);
    setWorking(false);
  }, [open]);

  const make = async () => {
    setWorking(true);
    setError(null);
    try {
      const { data } = await dataProvider.regenerateCalendarFeed();
      setUrl(data.url);
      requestAnimationFrame(() => fieldRef.current?.select());
    } catch (e) {
      setError(readApiError(e, 'The calendar link could not be made.').message);
    } finally {
      setWorking(false);
    }
  };

  const copyUrl = async () => {
    if (!url) return;
    const copied = await copy(url, fieldRef.current);
    notify(copied ? 'Calendar link copied.' : 'Select the link and copy it by hand.', { type: copied ? 'success' : 'info' });
  };

  return (
    <Dialog open={open} onClose={working ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Calendar feed</DialogTitle>
      <DialogContent>
        {url ? (
          <>
            <DialogContentText sx={{ mb: 2 }}>
              Subscribe to this link in Google Calendar, Outlook or Apple Calendar (“add calendar from URL”): your 1:1s and the
              events you facilitate appear there and stay up to date.
            </DialogContentText>
            <TextField
              label="Your calendar link"
              value={url}
              fullWidth
              inputRef={fieldRef}
              onFocus={(e) => e.target.select()}
              slotProps={{
                htmlInput: { readOnly: true, 'data-testid': 'calendar-feed-url' },
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <Button size="small" startIcon={<ContentCopyIcon />} onClick={() => void copyUrl()}>
                        Copy
                      </Button>
                    </InputAdornment>
                  ),
                },
              }}
            />
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="calendar-feed-warning">
              This link is shown only now: copy it before you close this window. Anyone who has it can read your calendar.
              Any link you made before has stopped working.
            </Alert>
          </>
        ) : (
          <>
            <DialogContentText>
              Get a secret link that calendar apps subscribe to, with your 1:1 meetings and the events you facilitate.
            </DialogContentText>
            <Alert severity="warning" sx={{ mt: 2 }}>
              Making a new link stops the old one working: calendars subscribed to it stop updating until you give them the new
              one.
            </Alert>
          </>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={working}>
          {url ? 'Done' : 'Back'}
        </Button>
        {!url && (
          <Button variant="contained" startIcon={<EventNoteIcon />} onClick={() => void make()} disabled={working}>
            Make my link
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
