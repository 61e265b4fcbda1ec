import { useState, type ReactNode } from 'react';
import ReplayIcon from '@mui/icons-material/Replay';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { TableScroll } from '../common/TableScroll';

const SCHEDULE_KEY = ['jobSchedule'];
const FAILED_KEY = ['failedJobs'];

/** A titled part of the tab: its list's state (error, loading, empty) or its table. */
function Part(props: {
  id: string;
  title: string;
  what: string;
  query: { error: unknown; isPending: boolean; data?: unknown[]; refetch: () => unknown };
  empty: string;
  label: string;
  children: ReactNode;
}) {
  const { query } = props;
  return (
    <Box component="section" aria-labelledby={props.id}>
      <Typography id={props.id} variant="h6" component="h2" gutterBottom>
        {props.title}
      </Typography>
      <ListState
        error={query.error}
        isPending={query.isPending}
        isEmpty={(query.data ?? []).length === 0}
        what={props.what}
        onRetry={() => void query.refetch()}
        empty={<Typography color="text.secondary">{props.empty}</Typography>}
      >
        <TableScroll label={props.label}>
          <Table size="small" aria-label={props.label}>
            {props.children}
          </Table>
        </TableScroll>
      </ListState>
    </Box>
  );
}

/** Staff see the job worker at work: what runs when (last and next run), and the jobs that failed, with a retry. */
export function JobsSection() {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [retrying, setRetrying] = useState<string | null>(null);
  const schedule = useQuery({ queryKey: SCHEDULE_KEY, queryFn: async () => (await dataProvider.getJobSchedule()).data, refetchInterval: 30_000 });
  const failed = useQuery({ queryKey: FAILED_KEY, queryFn: async () => (await dataProvider.getFailedJobs()).data, refetchInterval: 30_000 });

  const retry = async (id: string, task: string) => {
    setRetrying(id);
    try {
      await dataProvider.retryJob(id);
      notify(`${task}: runs again now.`, { type: 'success' });
      await Promise.all([queryClient.invalidateQueries({ queryKey: FAILED_KEY }), queryClient.invalidateQueries({ queryKey: SCHEDULE_KEY })]);
    } catch (e) {
      notify(readApiError(e, 'The job could not be retried.').message, { type: 'error' });
    }
    setRetrying(null);
  };

  return (
    <Stack spacing={3}>
      <Part id="jobs-schedule-heading" title="Scheduled" what="schedule" query={schedule} empty="Nothing is scheduled." label="Scheduled jobs">
        <TableHead>
          <TableRow>
            <TableCell>Task</TableCell>
            <TableCell>Last run</TableCell>
            <TableCell>Next run</TableCell>
            <TableCell>Queued</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(schedule.data ?? []).map((job) => (
            <TableRow key={job.task} data-testid="scheduled-job">
              <TableCell component="th" scope="row">
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {job.task}
                </Typography>
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block', maxWidth: 560 }}>
                  {job.description} <span title="cron, UTC">({job.schedule} UTC)</span>
                </Typography>
              </TableCell>
              <TableCell>{job.lastRunAt ? formatDateTime(job.lastRunAt) : 'Not yet'}</TableCell>
              <TableCell>{formatDateTime(job.nextRunAt)}</TableCell>
              <TableCell>{job.queued}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Part>

      <Part id="jobs-failed-heading" title="Failed" what="failed jobs" query={failed} empty="No failed jobs." label="Failed jobs">
        <TableHead>
          <TableRow>
            <TableCell>Task</TableCell>
            <TableCell>Error</TableCell>
            <TableCell>Attempts</TableCell>
            <TableCell>Next attempt</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(failed.data ?? []).map((job) => (
            <TableRow key={job.id} data-testid="failed-job">
              <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace' }}>
                {job.task}
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  failed {formatDateTime(job.failedAt)}
                </Typography>
              </TableCell>
              <TableCell sx={{ maxWidth: 420, wordBreak: 'break-word' }}>{job.lastError}</TableCell>
              <TableCell>
                {job.attempts} of {job.maxAttempts}
              </TableCell>
              <TableCell>{job.nextAttemptAt ? formatDateTime(job.nextAttemptAt) : <Chip size="small" label="Gave up" />}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  startIcon={<ReplayIcon />}
                  disabled={retrying === job.id}
                  onClick={() => void retry(job.id, job.task)}
                  aria-label={`Retry ${job.task} now`}
                >
                  Retry now
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Part>
    </Stack>
  );
}
