import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { readApiError } from './apiErrors';

/**
 * What a list panel shows before its rows: the error with a retry, a progress bar while loading, or the
 * empty message; the rows (children) once there are some. `what` names the list ("meetings").
 */
export function ListState(props: {
  error: unknown;
  isPending: boolean;
  isEmpty: boolean;
  what: string;
  onRetry: () => void;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (props.error) {
    return (
      <Alert
        severity="error"
        sx={{ m: 2 }}
        action={
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Try again
          </Button>
        }
      >
        {readApiError(props.error, `The ${props.what} could not be loaded.`).message}
      </Alert>
    );
  }
  if (props.isPending) return <LinearProgress aria-label={`Loading ${props.what}`} sx={{ m: 2 }} />;
  if (props.isEmpty) return <Box sx={{ textAlign: 'center', py: 6 }}>{props.empty}</Box>;
  return <>{props.children}</>;
}
