import { useState, type FormEvent } from 'react';
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
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
import { Confirm, useGetList, useNotify } from 'react-admin';
import { ExpirySelect, KeyShownOnce, expiryIn, newRetryKey } from './ApiKeyParts';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { API_SCOPES, type ApiClient, type ApiClientKey } from './types';
import { TableScroll } from '../common/TableScroll';

const CLIENTS_KEY = ['apiClients'];

/** Rotation: a second key for the client, shown once; both work until the old one is revoked. */
function RotateKeyDialog({ client, onClose }: { client: ApiClient | null; onClose: () => void }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(90);
  const [retryKey] = useState(() => newRetryKey());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const close = () => {
    setKey(null);
    setError(null);
    onClose();
  };
  const rotate = async () => {
    if (!client) return;
    setSaving(true);
    try {
      const { data } = await dataProvider.rotateApiClientKey(client.id, expiryIn(days), `${retryKey}:${client.id}`);
      setKey(data.key);
      await queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
    } catch (e) {
      setError(readApiError(e, 'No new key could be issued.').message);
    }
    setSaving(false);
  };
  return (
    <Dialog open={!!client} onClose={key ? undefined : close} fullWidth maxWidth="sm" aria-labelledby="rotate-key-title">
      <DialogTitle id="rotate-key-title">{key ? `New key for ${client?.name ?? ''}` : `Rotate the key of ${client?.name ?? ''}?`}</DialogTitle>
      {key ? (
        <KeyShownOnce apiKey={key} onDone={close} />
      ) : (
        <>
          <DialogContent>
            <Stack spacing={2}>
              <Typography variant="body2">
                A second key is issued. Both work until you revoke the old one, so the other system can switch without a gap.
              </Typography>
              <ExpirySelect days={days} onChange={setDays} />
              {error && <FormHelperText error>{error}</FormHelperText>}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button variant="contained" disabled={saving} onClick={() => void rotate()}>
              Issue a new key
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

/** The form, then the key once: closing the dialog forgets it for good. */
function CreateApiClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['progress:read']);
  const [coachId, setCoachId] = useState('');
  const [days, setDays] = useState(90);
  // One idempotency key per filled-in form: a retried click creates one client.
  const [retryKey, setRetryKey] = useState(() => newRetryKey());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ key: string; client: ApiClient } | null>(null);
  const { data: coaches } = useGetList('users', {
    filter: { role: 'COACH', active: true },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  }, { enabled: open });

  const close = () => {
    setName('');
    setScopes(['progress:read']);
    setCoachId('');
    setDays(90);
    setRetryKey(newRetryKey());
    setError(null);
    setCreated(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give it a name, e.g. "View Progress page".');
    if (!scopes.length) return setError('Choose at least one thing it may read.');
    setSaving(true);
    try {
      const { data } = await dataProvider.createApiClient(name.trim(), scopes, coachId || undefined, expiryIn(days), retryKey);
      setCreated(data);
      await queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
    } catch (e) {
      setError(readApiError(e, 'The API client could not be created.').message);
    }
    setSaving(false);
  };

  return (
    <Dialog open={open} onClose={created ? undefined : close} fullWidth maxWidth="sm" aria-labelledby="api-client-dialog-title">
      <DialogTitle id="api-client-dialog-title">{created ? `Key for ${created.client.name}` : 'Create an API client'}</DialogTitle>
      {created ? (
        <KeyShownOnce apiKey={created.key} onDone={close} />
      ) : (
        <Box component="form" onSubmit={submit} noValidate>
          <DialogContent>
            <Stack spacing={2}>
              <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus helperText="Who reads with it, e.g. View Progress page." slotProps={{ htmlInput: { maxLength: 200 } }} />
              <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
                <FormLabel component="legend">May read</FormLabel>
                <FormGroup row>
                  {API_SCOPES.map((s) => (
                    <FormControlLabel
                      key={s.id}
                      label={`${s.label} (${s.id})`}
                      control={
                        <Checkbox
                          checked={scopes.includes(s.id)}
                          onChange={(e) => setScopes((all) => (e.target.checked ? [...all, s.id] : all.filter((x) => x !== s.id)))}
                        />
                      }
                    />
                  ))}
                </FormGroup>
              </Box>
              <TextField select label="Limit to a coach's learners" value={coachId} onChange={(e) => setCoachId(e.target.value)} helperText="Leave as every learner for program-wide clients.">
                <MenuItem value="">Every learner</MenuItem>
                {(coaches ?? []).map((c) => (
                  <MenuItem key={c.id} value={String(c.id)}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
              <ExpirySelect days={days} onChange={setDays} />
              {error && <FormHelperText error>{error}</FormHelperText>}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={saving}>
              Create API client
            </Button>
          </DialogActions>
        </Box>
      )}
    </Dialog>
  );
}

const KEY_STATE = { ACTIVE: 'Works', EXPIRED: 'Expired', REVOKED: 'Key revoked' } as const;

function KeyLine({ apiKey, onRevoke }: { apiKey: ApiClientKey; onRevoke?: () => void }) {
  return (
    <Stack direction="row" spacing={1} useFlexGap data-testid="api-key" sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="caption" sx={{ fontFamily: 'monospace' }}>
        {apiKey.keyPrefix}…
      </Typography>
      <Chip size="small" label={KEY_STATE[apiKey.state]} color={apiKey.state === 'ACTIVE' ? 'success' : 'default'} variant="outlined" />
      <Typography variant="caption" color="text.secondary">
        {apiKey.expiresAt ? `expires ${formatDateTime(apiKey.expiresAt)}` : 'no expiry'} · used {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'never'}
      </Typography>
      {onRevoke && (
        <Button size="small" color="error" onClick={onRevoke} aria-label={`Revoke key ${apiKey.keyPrefix}`}>
          Revoke key
        </Button>
      )}
    </Stack>
  );
}

function ClientRow({ client, onRevoke, onRotate, onRevokeKey }: {
  client: ApiClient;
  onRevoke: (client: ApiClient) => void;
  onRotate: (client: ApiClient) => void;
  onRevokeKey: (key: ApiClientKey) => void;
}) {
  const working = client.keys.filter((k) => k.state === 'ACTIVE');
  // Old keys stay listed while they matter: working ones, and the rest only while the client has no working key.
  const shown = client.revokedAt ? client.keys.slice(0, 1) : working.length ? working : client.keys.slice(0, 1);
  return (
    <TableRow data-testid="api-client" sx={client.revokedAt ? { '& td, & th': { color: 'text.secondary' } } : undefined}>
      <TableCell component="th" scope="row">
        {client.name}
        <Stack spacing={0.5} sx={{ mt: 0.5 }}>
          {shown.map((k) => (
            <KeyLine key={k.id} apiKey={k} onRevoke={!client.revokedAt && working.length > 1 && k.state === 'ACTIVE' ? () => onRevokeKey(k) : undefined} />
          ))}
        </Stack>
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {client.scopes.map((s) => (
            <Chip key={s} size="small" label={s} variant="outlined" />
          ))}
        </Stack>
      </TableCell>
      <TableCell>{client.coach?.name ?? 'Every learner'}</TableCell>
      <TableCell>{client.lastUsedAt ? formatDateTime(client.lastUsedAt) : 'Never'}</TableCell>
      <TableCell>
        {client.revokedAt ? (
          <Chip size="small" label={`Revoked ${formatDateTime(client.revokedAt)}`} />
        ) : (
          <Stack direction="row" spacing={1}>
            {working.length < 2 && (
              <Button size="small" onClick={() => onRotate(client)} aria-label={`Rotate the key of ${client.name}`}>
                Rotate key
              </Button>
            )}
            <Button size="small" color="error" onClick={() => onRevoke(client)} aria-label={`Revoke ${client.name}`}>
              Revoke
            </Button>
          </Stack>
        )}
      </TableCell>
    </TableRow>
  );
}

/** Staff manage the keys other systems read Waypoint with: create (key shown once), see use and expiry, rotate, revoke. */
export function ApiClientsSection() {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
  // The client stays set while the dialog fades out, so its title keeps the name.
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [rotating, setRotating] = useState<ApiClient | null>(null);
  const [revokingKey, setRevokingKey] = useState<ApiClientKey | null>(null);
  const { data, error, isPending, refetch } = useQuery({
    queryKey: CLIENTS_KEY,
    queryFn: async () => (await dataProvider.getApiClients()).data,
  });
  // Working keys first, newest first within each group.
  const clients = [...(data ?? [])].sort(
    (a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt),
  );

  const revoke = async () => {
    if (!revoking) return;
    setSaving(true);
    try {
      await dataProvider.revokeApiClient(revoking.id);
      notify(`${revoking.name}: key revoked.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
      setConfirming(false);
    } catch (e) {
      notify(readApiError(e, 'The key could not be revoked.').message, { type: 'error' });
    }
    setSaving(false);
  };

  const revokeKey = async () => {
    if (!revokingKey) return;
    setSaving(true);
    try {
      await dataProvider.revokeApiClientKey(revokingKey.id);
      notify(`Key ${revokingKey.keyPrefix}… revoked.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
      setRevokingKey(null);
    } catch (e) {
      notify(readApiError(e, 'The key could not be revoked.').message, { type: 'error' });
    }
    setSaving(false);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary">
          Other systems read Waypoint with these keys. A coach limit keeps a key to that coach's learners.
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
          Create API client
        </Button>
      </Stack>
      <ListState
        error={error}
        isPending={isPending}
        isEmpty={clients.length === 0}
        what="API clients"
        onRetry={() => void refetch()}
        empty={<Typography color="text.secondary">No API clients yet.</Typography>}
      >
        <TableScroll label="API clients">
          <Table size="small" aria-label="API clients">
            <TableHead>
              <TableRow>
                <TableCell>Name and key</TableCell>
                <TableCell>May read</TableCell>
                <TableCell>Learners</TableCell>
                <TableCell>Last used</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {clients.map((c) => (
                <ClientRow
                  key={c.id}
                  client={c}
                  onRevoke={(client) => {
                    setRevoking(client);
                    setConfirming(true);
                  }}
                  onRotate={setRotating}
                  onRevokeKey={setRevokingKey}
                />
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </ListState>
      <CreateApiClientDialog open={creating} onClose={() => setCreating(false)} />
      <RotateKeyDialog key={rotating?.id ?? 'none'} client={rotating} onClose={() => setRotating(null)} />
      <Confirm
        isOpen={!!revokingKey}
        loading={saving}
        title={`Revoke key ${revokingKey?.keyPrefix ?? ''}…?`}
        content="This key is refused from the next request; the client's other key keeps working."
        confirm="Revoke key"
        onConfirm={() => void revokeKey()}
        onClose={() => setRevokingKey(null)}
      />
      <Confirm
        isOpen={confirming}
        loading={saving}
        title={`Revoke ${revoking?.name ?? ''}?`}
        content="All its keys are refused from the next request. This cannot be undone: the system using it will need a new client."
        confirm="Revoke"
        onConfirm={() => void revoke()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
