import { useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Confirm, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { kindLabel } from '../notifications/data';
import { ENDPOINTS_KEY, webhookMethods, type WebhookEndpoint } from './data';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookEndpointDialog } from './WebhookEndpointDialog';
import { TableScroll } from '../common/TableScroll';

function EndpointRow({ endpoint, showing, saving, onToggle, onShow, onEdit, onDelete }: {
  endpoint: WebhookEndpoint;
  showing: boolean;
  saving: boolean;
  onToggle: (enabled: boolean) => void;
  onShow: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <TableRow data-testid="webhook-endpoint">
      <TableCell component="th" scope="row" sx={{ overflowWrap: 'anywhere', minWidth: 200 }}>
        {endpoint.url}
        {endpoint.description && (
          <Typography variant="body2" color="text.secondary">
            {endpoint.description}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {endpoint.eventTypes.length ? (
          <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {endpoint.eventTypes.map((t) => (
              <Chip key={t} size="small" variant="outlined" label={kindLabel(t)} />
            ))}
          </Stack>
        ) : (
          'Every event'
        )}
      </TableCell>
      <TableCell>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Switch checked={endpoint.enabled} disabled={saving} onChange={(e) => onToggle(e.target.checked)} slotProps={{ input: { 'aria-label': `Send events to ${endpoint.url}` } }} />
          <Typography variant="body2">{endpoint.enabled ? 'On' : 'Off'}</Typography>
        </Stack>
        {!endpoint.enabled && endpoint.disabledReason && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', maxWidth: 240 }}>
            {endpoint.disabledReason}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(endpoint.createdAt)}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          <Button size="small" onClick={onShow} aria-expanded={showing} aria-label={`Deliveries to ${endpoint.url}`}>
            Deliveries
          </Button>
          <Button size="small" onClick={onEdit} aria-label={`Change ${endpoint.url}`}>
            Change
          </Button>
          <Button size="small" color="error" onClick={onDelete} aria-label={`Remove ${endpoint.url}`}>
            Remove
          </Button>
        </Stack>
      </TableCell>
    </TableRow>
  );
}

/**
 * Staff register the endpoints client platforms receive signed events at: the event types each wants, on or off
 * (Waypoint turns one off after 24 hours of failures and says why), and each endpoint's delivery log with replay.
 */
export function WebhooksSection() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<WebhookEndpoint | null>(null);
  const [removing, setRemoving] = useState<WebhookEndpoint | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const { data, error, isPending, refetch } = useQuery({ queryKey: ENDPOINTS_KEY, queryFn: webhookMethods.getEndpoints });
  const shown = data?.find((e) => e.id === showing) ?? null;

  const toggle = async (endpoint: WebhookEndpoint, enabled: boolean) => {
    setSaving(endpoint.id);
    try {
      await webhookMethods.updateEndpoint(endpoint.id, { enabled });
      notify(enabled ? `Events go to ${endpoint.url} again.` : `No events go to ${endpoint.url} until it is turned back on.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY });
    } catch (e) {
      notify(readApiError(e, 'The endpoint could not be changed.').message, { type: 'error' });
    }
    setSaving(null);
  };

  const remove = async () => {
    if (!removing) return;
    setSaving(removing.id);
    try {
      await webhookMethods.deleteEndpoint(removing.id);
      notify(`${removing.url} removed, with its delivery log.`, { type: 'success' });
      if (showing === removing.id) setShowing(null);
      await queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY });
      setRemoving(null);
    } catch (e) {
      notify(readApiError(e, 'The endpoint could not be removed.').message, { type: 'error' });
    }
    setSaving(null);
  };

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
        <Typography variant="body2" color="text.secondary">
          Client platforms receive Waypoint's events here, signed with the endpoint's secret; failed deliveries are retried for 24 hours.
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setRegistering(true)} sx={{ flex: 'none' }}>
          Register endpoint
        </Button>
      </Stack>
      <ListState
        error={error}
        isPending={isPending}
        isEmpty={!data?.length}
        what="webhook endpoints"
        onRetry={() => void refetch()}
        empty={<Typography color="text.secondary">No webhook endpoints yet.</Typography>}
      >
        <TableScroll label="Webhook endpoints">
          <Table size="small" aria-label="Webhook endpoints">
            <TableHead>
              <TableRow>
                <TableCell>URL</TableCell>
                <TableCell>Event types</TableCell>
                <TableCell>Sending</TableCell>
                <TableCell>Registered</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((endpoint) => (
                <EndpointRow
                  key={endpoint.id}
                  endpoint={endpoint}
                  showing={showing === endpoint.id}
                  saving={saving === endpoint.id}
                  onToggle={(enabled) => void toggle(endpoint, enabled)}
                  onShow={() => setShowing((id) => (id === endpoint.id ? null : endpoint.id))}
                  onEdit={() => setEditing(endpoint)}
                  onDelete={() => setRemoving(endpoint)}
                />
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </ListState>
      {shown && <WebhookDeliveries key={shown.id} endpoint={shown} />}
      <WebhookEndpointDialog open={registering} onClose={() => setRegistering(false)} />
      {editing && <WebhookEndpointDialog key={editing.id} open endpoint={editing} onClose={() => setEditing(null)} />}
      <Confirm
        isOpen={!!removing}
        loading={!!saving}
        title={`Remove ${removing?.url ?? ''}?`}
        content="No more events go to it, and its delivery log is deleted. This cannot be undone."
        confirm="Remove"
        onConfirm={() => void remove()}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
