import { useState, type FormEvent } from 'react';
import AddIcon from '@mui/icons-material/Add';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Alert from '@mui/material/Alert';
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
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { API_SCOPES, type ApiClient } from './types';

const CLIENTS_KEY = ['apiClients'];

/** The form, then the key once: closing the dialog forgets it for good. */
function CreateApiClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['progress:read']);
  const [coachId, setCoachId] = useState('');
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
      const { data } = await dataProvider.createApiClient(name.trim(), scopes, coachId || undefined);
      setCreated(data);
      await queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
    } catch (e) {
      setError(readApiError(e, 'The API client could not be created.').message);
    }
    setSaving(false);
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      notify('Key copied.', { type: 'success' });
    } catch {
      notify('Copying is blocked here: select the key and copy it by hand.', { type: 'warning' });
    }
  };

  return (
    <Dialog open={open} onClose={created ? undefined : close} fullWidth maxWidth="sm" aria-labelledby="api-client-dialog-title">
      <DialogTitle id="api-client-dialog-title">{created ? `Key for ${created.client.name}` : 'Create an API client'}</DialogTitle>
      {created ? (
        <>
          <DialogContent>
            <Alert severity="warning" sx={{ mb: 2 }}>
              Copy this key now and store it in the other system. Waypoint keeps only its hash: you will not see it again.
              If it is lost, revoke this client and create a new one.
            </Alert>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField
                label="API key"
                value={created.key}
                fullWidth
                slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'new-api-key', style: { fontFamily: 'monospace' } } }}
                onFocus={(e) => e.target.select()}
              />
              <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={() => void copy()}>
                Copy
              </Button>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={close}>
              I have stored the key
            </Button>
          </DialogActions>
        </>
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

function ClientRow({ client, onRevoke }: { client: ApiClient; onRevoke: (client: ApiClient) => void }) {
  return (
    <TableRow data-testid="api-client" sx={client.revokedAt ? { '& td, & th': { color: 'text.disabled' } } : undefined}>
      <TableCell component="th" scope="row">
        {client.name}
        <Typography variant="caption" sx={{ display: 'block', fontFamily: 'monospace' }}>
          {client.keyPrefix}…
        </Typography>
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
          <Button size="small" color="error" onClick={() => onRevoke(client)} aria-label={`Revoke ${client.name}`}>
            Revoke
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** Staff manage the keys other systems read Waypoint with: create (key shown once), see use, revoke. */
export function ApiClientsSection() {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
  // The client stays set while the dialog fades out, so its title keeps the name.
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
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
        <Box sx={{ overflowX: 'auto' }}>
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
                />
              ))}
            </TableBody>
          </Table>
        </Box>
      </ListState>
      <CreateApiClientDialog open={creating} onClose={() => setCreating(false)} />
      <Confirm
        isOpen={confirming}
        loading={saving}
        title={`Revoke ${revoking?.name ?? ''}?`}
        content="The key is refused from the next request. This cannot be undone: the system using it will need a new key."
        confirm="Revoke"
        onConfirm={() => void revoke()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
