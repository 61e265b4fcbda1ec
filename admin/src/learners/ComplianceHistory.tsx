import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useRecordContext } from 'react-admin';
import { formatDateTime, formatDayMonth } from '../common/dates';
import type { ComplianceEvaluation } from '../compliance/types';
import { StatusChip } from '../enrollment/StatusChip';
import { MetChip } from './RequiredActivities';
import { ExcuseWeekButton, type Excuse } from './ExcuseWeek';

/** The days of a module week in the learner's zone, e.g. "Nov 16 – Nov 22" (the end is exclusive). */
function weekDays(startsAt: string, endsAt: string, timeZone: string | undefined): string {
  return `${formatDayMonth(startsAt, timeZone)} – ${formatDayMonth(new Date(Date.parse(endsAt) - 1).toISOString(), timeZone)}`;
}

/** Every end-of-week evaluation of the learner in context, newest week first. */
export function ComplianceHistory() {
  const record = useRecordContext();
  const headingId = useId();
  const evaluations = [...((record?.complianceHistory as ComplianceEvaluation[] | undefined) ?? [])].sort(
    (a, b) => b.moduleWeek - a.moduleWeek,
  );
  const timeZone = record?.timeZone as string | undefined;
  // Weeks excused from this page (the API keeps them; the evaluation records each when the week ends).
  const [excused, setExcused] = useState<Excuse[]>([]);

  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', mb: 1 }}>
          <Typography id={headingId} variant="h6" component="h2">
            Compliance history
          </Typography>
          {record && (
            <ExcuseWeekButton
              learnerId={String(record.id)}
              learnerName={String(record.name ?? 'this learner')}
              currentWeek={record.moduleWeek as number | null | undefined}
              onExcused={(excuse) => setExcused((list) => [excuse, ...list])}
            />
          )}
        </Stack>
        {excused.map((x) => (
          <Alert key={x.moduleWeek} severity="info" sx={{ mb: 1 }} data-testid="excused-week">
            Week {x.moduleWeek} excused by {x.excusedBy.name}, {formatDateTime(x.createdAt)}: {x.reason}
          </Alert>
        ))}
        {record && record.complianceHistory === undefined ? (
          // The list page's cached row stands in until the full record arrives.
          <LinearProgress aria-label="Loading compliance history" />
        ) : evaluations.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No week has been evaluated yet. Each module week is evaluated once, after it ends.
          </Typography>
        ) : (
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Week</TableCell>
                <TableCell>Required activities</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {evaluations.map((e) => (
                <TableRow key={e.moduleWeek} data-testid="compliance-evaluation" sx={{ verticalAlign: 'top' }}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      Week {e.moduleWeek}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {weekDays(e.weekStartsAt, e.weekEndsAt, timeZone)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <MetChip met={e.allMet} metLabel="All met" missingLabel="Missed" />
                    {!e.allMet && e.missing.length > 0 && (
                      <Typography variant="body2" sx={{ mt: 0.5 }}>
                        Missing: {e.missing.join(', ')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
                      {e.from === e.to ? (
                        <>
                          <StatusChip status={e.to} />
                          <Typography variant="caption" color="text.secondary">
                            unchanged
                          </Typography>
                        </>
                      ) : (
                        <>
                          <StatusChip status={e.from} />
                          <ArrowForwardIcon fontSize="small" aria-label="to" />
                          <StatusChip status={e.to} />
                        </>
                      )}
                    </Box>
                    <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
                      Evaluated {formatDateTime(e.evaluatedAt)}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
