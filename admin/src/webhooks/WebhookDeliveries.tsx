import { useState } from 'react';
import RefreshIcon from '@mui/icons-material/Refresh';
import ReplayIcon from '@mui/icons-material/Replay';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import type { DeliveryStatus } from '../gql/graphql';
import { kindLabel } from '../notifications/data';
import { DeliveryStatusChip } from '../notifications/MailSection';
import { webhookDeliveriesKey, webhookMethods, type WebhookDelivery, type WebhookEndpoint } from './data';
import { TableScroll } from '../common/TableScroll';

const STATUSES: { id: DeliveryStatus; label: string }[] = [
  { id: 'SENT', label: 'Sent' },
  { id: 'PENDING', label: 'Waiting' },
  { id: 'FAILED', label: 'Failed' },
];

/** The posted body, indented when it is JSON (it always should be). */
function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

function DeliveryRow({ delivery, onReplay, replaying, error }: { delivery: WebhookDelivery; onReplay: () => void; replaying: boolean; error?: string }) {
  const [showBody, setShowBody] = useState(false);
  const bodyId = `webhook-body-${delivery.id}`;
  return (
    <>
      <TableRow data-testid="webhook-delivery" data-status={delivery.status}>
        <TableCell component="th" scope="row">
          {kindLabel(delivery.eventType)}
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace' }}>
            {delivery.eventId}
            {delivery.replayOf ? ' · replay' : ''}
          </Typography>
        </TableCell>
        <TableCell>
          <DeliveryStatusChip status={delivery.status} />
        </TableCell>
        <TableCell align="right">{delivery.responseStatus ?? (delivery.attempts ? 'no answer' : '')}</TableCell>
        <TableCell align="right">{delivery.durationMs != null ? `${delivery.durationMs} ms` : ''}</TableCell>
        <TableCell align="right">{delivery.attempts}</TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(delivery.createdAt)}
          {delivery.status === 'PENDING' && delivery.attempts > 0 && (
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
              next try {formatDateTime(delivery.dueAt)}
            </Typography>
          )}
        </TableCell>
        <TableCell sx={{ maxWidth: 280, wordBreak: 'break-word' }}>{delivery.lastError ?? ''}</TableCell>
        <TableCell>
          <Stack direction="row" spacing={0.5}>
            <Button size="small" onClick={() => setShowBody((v) => !v)} aria-expanded={showBody} aria-controls={showBody ? bodyId : undefined} aria-label={`Body of ${delivery.eventId}`}>
              Body
            </Button>
            <Button size="small" startIcon={<ReplayIcon />} disabled={replaying} onClick={onReplay} aria-label={`Replay ${kindLabel(delivery.eventType)} ${delivery.eventId}`}>
              Replay
            </Button>
          </Stack>
          {error && (
            <Typography variant="caption" color="error" role="alert" sx={{ display: 'block', maxWidth: 220 }}>
              {error}
            </Typography>
          )}
        </TableCell>
      </TableRow>
      {showBody && (
        <TableRow>
          <TableCell colSpan={8} sx={{ bgcolor: 'action.hover' }}>
            <Box component="pre" id={bodyId} tabIndex={0} role="region" aria-label={`Body of ${delivery.eventId}`} data-testid="webhook-body" sx={{ m: 0, maxHeight: 240, overflow: 'auto', fontFamily: 'monospace', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {prettyPayload(delivery.payload)}
            </Box>
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/** One endpoint's deliveries, newest first: the answer each got, how long it took, attempts, and a replay. */
export function WebhookDeliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [replaying, setReplaying] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const key = [...webhookDeliveriesKey(endpoint.id), status];
  const { data, error, isPending, refetch, isFetching } = useQuery({ queryKey: key, queryFn: () => webhookMethods.getDeliveries(endpoint.id, status || null) });

  const replay = async (delivery: WebhookDelivery) => {
    setReplaying(delivery.id);
    setErrors(({ [delivery.id]: _, ...rest }) => rest);
    try {
      await webhookMethods.replay(delivery.id);
      notify('Replay queued: it is sent again with the same event id.', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: webhookDeliveriesKey(endpoint.id) });
    } catch (e) {
      // CONFLICT (the endpoint is off) belongs to this delivery's row.
      setErrors((all) => ({ ...all, [delivery.id]: readApiError(e, 'The delivery could not be replayed.').message }));
    }
    setReplaying(null);
  };

  const headingId = `webhook-deliveries-${endpoint.id}`;
  return (
    <Stack spacing={1} component="section" aria-labelledby={headingId} sx={{ mt: 1 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
        <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          Deliveries to {endpoint.url}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField select size="small" label="Status" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')} sx={{ minWidth: 130 }}>
            <MenuItem value="">Any</MenuItem>
            {STATUSES.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.label}
              </MenuItem>
            ))}
          </TextField>
          <Button startIcon={<RefreshIcon />} onClick={() => void refetch()} disabled={isFetching}>
            Refresh
          </Button>
        </Stack>
      </Stack>
      <ListState error={error} isPending={isPending} isEmpty={!data?.length} what="deliveries" onRetry={() => void refetch()} empty={<Typography color="text.secondary">No deliveries{status ? ' with that status' : ' yet'}.</Typography>}>
        <TableScroll label={`Delivery log of ${endpoint.url}`}>
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Event</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">HTTP</TableCell>
                <TableCell align="right">Took</TableCell>
                <TableCell align="right">Attempts</TableCell>
                <TableCell>Written</TableCell>
                <TableCell>Last error</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((d) => (
                <DeliveryRow key={d.id} delivery={d} replaying={replaying === d.id} error={errors[d.id]} onReplay={() => void replay(d)} />
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </ListState>
    </Stack>
  );
}
