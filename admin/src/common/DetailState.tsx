import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { Title } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { readApiError } from './apiErrors';

/** A detail page while its record loads. `what` names it ("meeting"). */
export function DetailLoading({ title, what }: { title: string; what: string }) {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <Title title={title} />
      <CircularProgress aria-label={`Loading the ${what}`} />
    </Box>
  );
}

/** A detail page whose record failed to load or does not exist, with the way back to its list. */
export function DetailMissing(props: { title: string; what: string; error: unknown; backTo: string; backLabel: string }) {
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={props.title} />
      <Alert
        severity={props.error ? 'error' : 'warning'}
        action={
          <Button color="inherit" size="small" component={RouterLink} to={props.backTo}>
            {props.backLabel}
          </Button>
        }
      >
        {props.error ? readApiError(props.error, `The ${props.what} could not be loaded.`).message : `This ${props.what} does not exist (any more).`}
      </Alert>
    </Box>
  );
}
