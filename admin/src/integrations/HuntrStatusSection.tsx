import { Fragment, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../common/dates';
import { Fact } from '../common/Fact';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import type { HuntrIntegrationState, KeptHuntrAction } from './data';

/** Under the unmatched members' key, so linking a member (which invalidates it) refreshes this too. */
export const HUNTR_STATUS_KEY = ['unmatchedHuntrMembers', 'integration'];

const REASONS: Record<string, string> = {
  UNKNOWN_MEMBER: 'Unknown member',
  UNKNOWN_CATEGORY: 'Unknown category',
  UNKNOWN_ACTION_TYPE: 'Unknown action type',
  PARSER_CHANGED: 'Read again',
};

/** The body as it came, indented when it is JSON. */
function Body({ raw }: { raw: string }) {
  let text = raw;
  try {
    text = JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Not JSON: shown as it came.
  }
  return (
    <Box component="pre" sx={{ m: 0, p: 1, maxHeight: 320, overflow: 'auto', fontSize: 12, bgcolor: 'action.hover', borderRadius: 1 }}>
      {text}
    </Box>
  );
}

function KeptRow({ action }: { action: KeptHuntrAction }) {
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <TableRow data-testid="kept-action">
        <TableCell>{formatDateTime(action.arrivedAt)}</TableCell>
        <TableCell>{action.actionType}</TableCell>
        <TableCell>{action.memberEmail ?? '—'}</TableCell>
        <TableCell>
          <Chip size="small" label={REASONS[action.reason] ?? action.reason} color={action.reason === 'UNKNOWN_MEMBER' ? 'warning' : 'default'} />
        </TableCell>
        <TableCell>{action.detail}</TableCell>
        <TableCell>{action.attempts}</TableCell>
        <TableCell>
          <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open} aria-label={`Body of Huntr action ${action.id}`}>
            {open ? 'Hide' : 'Show'}
          </Button>
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={7}>
            <Body raw={action.rawBody} />
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

function SyncOutcome({ state }: { state: HuntrIntegrationState }) {
  if (!state.syncConfigured && !state.lastSyncRunAt) return <>Off: set HUNTR_API_TOKEN to pull from Huntr every 10 minutes</>;
  if (!state.lastSyncRunAt) return <>On, not run yet</>;
  const failed = state.lastSyncError !== null;
  return (
    <>
      {formatDateTime(state.lastSyncRunAt)}
      {failed ? ' — failed' : `: read ${state.lastSyncPulled}, took in ${state.lastSyncApplied}, kept ${state.lastSyncKept}`}
      {!state.syncConfigured && ' (now off: HUNTR_API_TOKEN unset)'}
    </>
  );
}

/**
 * How the Huntr connection stands (staff): the webhook, the pull-sync and its last outcome, and the actions Huntr
 * sent that wait for a mapping, with their reason and body. Unmatched members are linked in the section below.
 */
export function HuntrStatusSection() {
  const dataProvider = useWaypointDataProvider();
  const status = useQuery({
    queryKey: HUNTR_STATUS_KEY,
    queryFn: async () => (await dataProvider.getHuntrIntegration(50)).data,
  });
  const state = status.data;
  return (
    <Box component="section" aria-labelledby="huntr-status-heading">
      <Typography id="huntr-status-heading" variant="h6" component="h2" gutterBottom>
        Huntr connection
      </Typography>
      <ListState
        error={status.error}
        isPending={status.isPending}
        isEmpty={false}
        what="the Huntr connection"
        onRetry={() => void status.refetch()}
        empty={null}
      >
        {state && (
          <>
            <Box component="dl" sx={{ m: 0 }} data-testid="huntr-status">
              <Fact label="Webhook" labelWidth={160}>
                {state.webhookConfigured ? 'Receiving at /webhooks/huntr' : 'Not configured: set HUNTR_WEBHOOK_SECRET (deliveries get 503)'}
              </Fact>
              <Fact label="Last delivery" labelWidth={160}>
                {state.lastDeliveryAt ? formatDateTime(state.lastDeliveryAt) : 'None yet'}
              </Fact>
              <Fact label="Last sync" labelWidth={160}>
                <SyncOutcome state={state} />
              </Fact>
              {state.lastSyncSucceededAt && (
                <Fact label="Last good sync" labelWidth={160}>
                  {formatDateTime(state.lastSyncSucceededAt)}
                  {state.syncedThrough && `, everything read up to ${formatDateTime(state.syncedThrough)}`}
                  {`, ${state.huntrMembers} Huntr members`}
                </Fact>
              )}
            </Box>
            {state.lastSyncError && (
              <Alert severity="error" sx={{ my: 1 }} data-testid="huntr-sync-error">
                The last sync failed: {state.lastSyncError}
              </Alert>
            )}
            <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
              Actions waiting for a mapping ({state.keptActionCount})
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Huntr sent these but Waypoint could not place them yet. They are tried again at every sync, and an unknown member&apos;s as soon
              as you link the member below.
            </Typography>
            {state.keptActions.length === 0 ? (
              <Typography color="text.secondary">Nothing waits: every action Huntr sent was placed.</Typography>
            ) : (
              <Table size="small" aria-label="Huntr actions waiting for a mapping">
                <TableHead>
                  <TableRow>
                    <TableCell>Arrived</TableCell>
                    <TableCell>Type</TableCell>
                    <TableCell>Member</TableCell>
                    <TableCell>Reason</TableCell>
                    <TableCell>Detail</TableCell>
                    <TableCell>Tries</TableCell>
                    <TableCell>Body</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {state.keptActions.map((a) => (
                    <KeptRow key={a.id} action={a} />
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </ListState>
    </Box>
  );
}
