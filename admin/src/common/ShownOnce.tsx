import type { ReactNode } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useNotify } from 'react-admin';

/**
 * A credential in the clear, shown once in a dialog (an API key, a webhook's signing secret): read-only, selected on
 * focus, a Copy button, and closing forgets it for good.
 */
export function ShownOnce(props: { value: string; label: string; noun: string; testId: string; warning: ReactNode; hint: ReactNode; onDone: () => void }) {
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      notify(`${props.noun[0].toUpperCase()}${props.noun.slice(1)} copied.`, { type: 'success' });
    } catch {
      notify(`Copying is blocked here: select the ${props.noun} and copy it by hand.`, { type: 'warning' });
    }
  };
  return (
    <>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {props.warning}
        </Alert>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            label={props.label}
            value={props.value}
            fullWidth
            slotProps={{ htmlInput: { readOnly: true, 'data-testid': props.testId, style: { fontFamily: 'monospace' } } }}
            onFocus={(e) => e.target.select()}
          />
          <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={() => void copy()}>
            Copy
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {props.hint}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={props.onDone}>
          I have stored the {props.noun}
        </Button>
      </DialogActions>
    </>
  );
}
