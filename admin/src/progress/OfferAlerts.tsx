import { useState } from 'react';
import CelebrationIcon from '@mui/icons-material/Celebration';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import type { CoachAlert } from './types';
import { ALERTS_KEY, useCoachAlerts } from './useProgress';

function AlertRow({ alert }: { alert: CoachAlert }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [saving, setSaving] = useState(false);
  const handle = async () => {
    setSaving(true);
    try {
      await dataProvider.resolveCoachAlert(alert.id);
      notify(`Marked handled: ${alert.learner.name}.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    } catch (e) {
      notify(readApiError(e, 'The alert could not be marked handled.').message, { type: 'error' });
      setSaving(false);
    }
  };
  return (
    <Alert
      severity="success"
      icon={<CelebrationIcon />}
      data-testid="offer-alert"
      action={
        <Button color="inherit" size="small" disabled={saving} onClick={() => void handle()} aria-label={`Handled: ${alert.message}`}>
          Handled
        </Button>
      }
    >
      <Link to={`/learners/${alert.learner.id}/show`}>{alert.learner.name}</Link>: {alert.message}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
        {formatDateTime(alert.createdAt)}
      </Typography>
    </Alert>
  );
}

/** Open alerts (offers received) for the signed-in coach; nothing at all when there are none. */
export function OfferAlerts() {
  const { data, error } = useCoachAlerts();
  if (error) return <Alert severity="warning">{readApiError(error, 'The offer alerts could not be loaded.').message}</Alert>;
  if (!data?.length) return null;
  return (
    <Stack spacing={1} component="section" aria-label="Offer alerts">
      {data.map((alert) => (
        <AlertRow key={alert.id} alert={alert} />
      ))}
    </Stack>
  );
}
