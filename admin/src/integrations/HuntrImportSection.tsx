import { useState, type ChangeEvent } from 'react';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGetList, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import type { HuntrImportReport } from './types';
import type { UnmatchedHuntrMember } from './data';
import { HuntrStatusSection } from './HuntrStatusSection';

const UNMATCHED_KEY = ['unmatchedHuntrMembers'];

function Report({ report }: { report: HuntrImportReport }) {
  return (
    <Box data-testid="import-report">
      <Alert severity={report.rejected.length ? 'warning' : 'success'} sx={{ mb: 1 }}>
        {report.dryRun ? 'Check only, nothing saved: ' : 'Imported: '}
        {report.rows} rows, {report.accepted} {report.dryRun ? 'would be added' : 'added'}, {report.duplicates} already there,{' '}
        {report.skipped} skipped, {report.rejected.length} rejected.
      </Alert>
      {report.rejected.length > 0 && (
        <Table size="small" aria-label="Rejected lines">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>Line</TableCell>
              <TableCell>Why</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...report.rejected].sort((a, b) => a.line - b.line).map((r) => (
              <TableRow key={`${r.line}-${r.reason}`} data-testid="rejected-line">
                <TableCell>{r.line}</TableCell>
                <TableCell>{r.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** One unmatched email and a learner picker to tie it to. */
function UnmatchedRow({ member }: { member: UnmatchedHuntrMember }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [search, setSearch] = useState('');
  const [learner, setLearner] = useState<{ id: string; name: string; email?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const { data: learners, isPending } = useGetList('learners', {
    filter: search ? { q: search } : {},
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 20 },
  });

  const resolve = async () => {
    if (!learner) return;
    setSaving(true);
    try {
      const { data: applied } = await dataProvider.resolveHuntrMember(member.email, learner.id);
      notify(`${member.email} is now ${learner.name}: ${applied} waiting actions applied.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: UNMATCHED_KEY });
    } catch (e) {
      notify(readApiError(e, 'The member could not be matched.').message, { type: 'error' });
      setSaving(false);
    }
  };

  return (
    <TableRow data-testid="unmatched-member">
      <TableCell component="th" scope="row">
        {member.email}
      </TableCell>
      <TableCell>{member.actions}</TableCell>
      <TableCell>{formatDateTime(member.lastReceivedAt)}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Autocomplete
            size="small"
            sx={{ minWidth: 240 }}
            options={(learners ?? []).map((l) => ({ id: String(l.id), name: l.name as string, email: l.email as string }))}
            loading={isPending}
            value={learner}
            onChange={(_, value) => setLearner(value)}
            onInputChange={(_, value, reason) => reason === 'input' && setSearch(value)}
            getOptionLabel={(o) => o.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            filterOptions={(x) => x}
            renderOption={(props, o) => (
              <li {...props} key={o.id}>
                {o.name}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  {o.email}
                </Typography>
              </li>
            )}
            renderInput={(params) => <TextField {...params} label={`Learner for ${member.email}`} />}
          />
          <Button size="small" variant="outlined" disabled={!learner || saving} onClick={() => void resolve()}>
            Match
          </Button>
        </Stack>
      </TableCell>
    </TableRow>
  );
}

/**
 * Staff see how the Huntr connection stands (webhook, pull-sync, actions waiting for a mapping), load a Huntr CSV
 * export ("Check" reports what would happen, nothing saved; "Import" saves it), and tie Huntr emails that match no
 * learner to one by hand.
 */
export function HuntrImportSection() {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<HuntrImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unmatched = useQuery({
    queryKey: UNMATCHED_KEY,
    queryFn: async () => (await dataProvider.getUnmatchedHuntrMembers()).data,
  });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setReport(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await dataProvider.importHuntrCsv(await file.text(), dryRun);
      setReport(data);
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: UNMATCHED_KEY });
    } catch (e) {
      setReport(null);
      setError(readApiError(e, 'The file could not be read.').message);
    }
    setBusy(false);
  };

  return (
    <Stack spacing={3}>
      <HuntrStatusSection />
      <Box component="section" aria-labelledby="huntr-import-heading">
        <Typography id="huntr-import-heading" variant="h6" component="h2" gutterBottom>
          Import a Huntr export
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Choose a CSV exported from Huntr. Check it first: nothing is saved until you import. Rows already in Waypoint are not added twice.
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
            Choose CSV file
            <input hidden type="file" accept=".csv,text/csv" onChange={choose} aria-label="Huntr CSV file" data-testid="huntr-file" />
          </Button>
          <Typography variant="body2">{file ? file.name : 'No file chosen'}</Typography>
          <Button variant="outlined" disabled={!file || busy} onClick={() => void run(true)}>
            Check
          </Button>
          <Button variant="contained" disabled={!file || busy || !report?.dryRun} onClick={() => void run(false)}>
            Import
          </Button>
        </Stack>
        <Box sx={{ mt: 2 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {report && <Report report={report} />}
        </Box>
      </Box>
      <Box component="section" aria-labelledby="huntr-unmatched-heading">
        <Typography id="huntr-unmatched-heading" variant="h6" component="h2" gutterBottom>
          Unmatched Huntr members
        </Typography>
        <ListState
          error={unmatched.error}
          isPending={unmatched.isPending}
          isEmpty={!unmatched.data?.length}
          what="unmatched members"
          onRetry={() => void unmatched.refetch()}
          empty={<Typography color="text.secondary">Every Huntr email matches a learner.</Typography>}
        >
          <Table size="small" aria-label="Unmatched Huntr members">
            <TableHead>
              <TableRow>
                <TableCell>Huntr email</TableCell>
                <TableCell>Waiting actions</TableCell>
                <TableCell>Latest</TableCell>
                <TableCell>Learner</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(unmatched.data ?? []).map((m) => (
                <UnmatchedRow key={m.email} member={m} />
              ))}
            </TableBody>
          </Table>
        </ListState>
      </Box>
    </Stack>
  );
}
