import { useEffect } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useBlocker } from 'react-router-dom';

/**
 * Asks before leaving a page that holds unsent work: another page of the console (react-router's blocker,
 * this dialog) or the browser's own reload, close and address bar (beforeunload, the browser's question).
 */
export function LeaveGuard({ when, title, message }: { when: boolean; title: string; message: string }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!when) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older browsers ask only when this is set
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [when]);

  // Work sent (or emptied) while the question is open: nothing to ask about any more.
  useEffect(() => {
    if (blocker.state === 'blocked' && !when) blocker.proceed();
  }, [blocker, when]);

  const open = blocker.state === 'blocked';
  return (
    <Dialog open={open} onClose={() => blocker.reset?.()} aria-labelledby="leave-guard-title" aria-describedby="leave-guard-text">
      <DialogTitle id="leave-guard-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="leave-guard-text">{message}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.proceed?.()}>Leave</Button>
        <Button variant="contained" onClick={() => blocker.reset?.()} autoFocus>
          Stay
        </Button>
      </DialogActions>
    </Dialog>
  );
}
