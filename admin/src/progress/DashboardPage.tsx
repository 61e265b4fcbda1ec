import { useId } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, Title } from 'react-admin';
import { ListState } from '../common/ListState';
import { formatDay } from '../common/zones';
import { useViewer } from '../common/useViewer';
import { StatusChip } from '../enrollment/StatusChip';
import { Bars } from './Bars';
import { HuntrFreshness } from './HuntrFreshness';
import { OfferAlerts } from './OfferAlerts';
import { applicationsTarget, isQuiet, QUIET_DAYS, type LearnerProgress } from './types';
import { useCoachProgress } from './useProgress';
import { TableScroll } from '../common/TableScroll';

function SummaryCard({ label, value, tone }: { label: string; value: number | string; tone?: 'warning' | 'error' }) {
  return (
    <Card variant="outlined" data-testid="summary-card">
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p" sx={{ color: tone && value ? `${tone}.main` : 'text.primary' }}>
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** Applications against the weekly target: "3 / 10", in red while under it. */
export function ApplicationsVsTarget({ progress }: { progress: LearnerProgress }) {
  const target = applicationsTarget(progress);
  return (
    <span>
      <Typography component="span" variant="body2" sx={{ fontWeight: 600, color: target != null && progress.applications < target ? 'error.main' : 'text.primary' }}>
        {progress.applications}
      </Typography>
      <Typography component="span" variant="body2" color="text.secondary">
        {target != null ? ` / ${target}` : ' (no target)'}
      </Typography>
    </span>
  );
}

function ProgressRow({ progress }: { progress: LearnerProgress }) {
  return (
    <TableRow data-testid="progress-row" hover>
      <TableCell component="th" scope="row">
        <Link to={`/learners/${progress.learnerId}/show`}>{progress.learner.name}</Link>
      </TableCell>
      <TableCell>
        <ApplicationsVsTarget progress={progress} />
      </TableCell>
      <TableCell>{progress.interviews}</TableCell>
      <TableCell>
        <Bars
          label={`Applications per day: ${progress.daily.map((d) => d.applications).join(', ')}`}
          values={progress.daily.map((d) => ({
            key: d.date,
            value: d.applications,
            title: `${formatDay(d.date)}: ${d.applications} applications, ${d.interviews} interviews`,
          }))}
        />
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <StatusChip status={progress.status} />
          <HuntrFreshness progress={progress} />
        </Stack>
      </TableCell>
    </TableRow>
  );
}

/**
 * A coach's week at a glance: offers to act on, their learners' applications and interviews over the
 * last 7 days against each learner's weekly target, and who has gone quiet in Huntr.
 */
export default function DashboardPage() {
  const headingId = useId();
  const { id: coachId } = useViewer();
  const { data, error, isPending, refetch } = useCoachProgress(coachId);
  const rows = data?.data ?? [];
  const sum = (f: (p: LearnerProgress) => number) => rows.reduce((n, p) => n + f(p), 0);
  // Worst first: at risk, then quiet in Huntr, then furthest under target.
  const sorted = [...rows].sort(
    (a, b) =>
      Number(b.status === 'AT_RISK') - Number(a.status === 'AT_RISK') ||
      Number(isQuiet(b)) - Number(isQuiet(a)) ||
      a.applications - (applicationsTarget(a) ?? 0) - (b.applications - (applicationsTarget(b) ?? 0)) ||
      a.learner.name.localeCompare(b.learner.name),
  );

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Dashboard" />
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          Dashboard
        </Typography>
        <OfferAlerts />
        <Grid container spacing={2} component="section" aria-label="This week">
          <Grid size={{ xs: 6, md: 3 }}>
            <SummaryCard label="Applications, last 7 days" value={isPending || error ? '—' : sum((p) => p.applications)} />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <SummaryCard label="Interviews, last 7 days" value={isPending || error ? '—' : sum((p) => p.interviews)} />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <SummaryCard label={`No Huntr activity ${QUIET_DAYS}+ days`} value={isPending || error ? '—' : rows.filter(isQuiet).length} tone="warning" />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <SummaryCard label="At risk" value={isPending || error ? '—' : rows.filter((p) => p.status === 'AT_RISK').length} tone="error" />
          </Grid>
        </Grid>
        <Card variant="outlined" component="section" aria-labelledby={headingId}>
          <CardContent sx={{ pb: 0 }}>
            <Typography id={headingId} variant="h6" component="h2">
              My learners' job search
            </Typography>
            <Typography variant="body2" color="text.secondary">
              The last 7 days in each learner's time zone; applications against their weekly goal.
            </Typography>
          </CardContent>
          <ListState
            error={error}
            isPending={isPending}
            isEmpty={rows.length === 0}
            what="progress"
            onRetry={() => void refetch()}
            empty={<Typography color="text.secondary">No learners are assigned to you yet.</Typography>}
          >
            <TableScroll label="Applications and interviews by learner">
              <Table size="small" aria-labelledby={headingId}>
                <TableHead>
                  <TableRow>
                    <TableCell>Learner</TableCell>
                    <TableCell>Applications / target</TableCell>
                    <TableCell>Interviews</TableCell>
                    <TableCell>Applications per day</TableCell>
                    <TableCell>Status</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {sorted.map((p) => (
                    <ProgressRow key={p.learnerId} progress={p} />
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
            {data && data.total > rows.length && (
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', p: 2 }}>
                Showing {rows.length} of {data.total} learners.
              </Typography>
            )}
          </ListState>
        </Card>
      </Stack>
    </Box>
  );
}
