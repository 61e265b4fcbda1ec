import { useId } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRecordContext } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDay } from '../common/zones';
import { Bars } from './Bars';
import { HuntrFreshness } from './HuntrFreshness';
import { GOAL_AREA_LABELS } from './types';
import { useLearnerProgress } from './useProgress';

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Box>
      <Typography variant="h5" component="p">
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** The learner in context's job search: the last 7 days, the last 12 module weeks and goals against actual. */
export function JobSearch() {
  const record = useRecordContext();
  const headingId = useId();
  const { data, error, isPending } = useLearnerProgress(record?.id === undefined ? undefined : String(record.id));
  const weekly = data?.weekly ?? [];

  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined" data-testid="job-search">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between', mb: 1 }}>
          <Typography id={headingId} variant="h6" component="h2">
            Job search
          </Typography>
          {data && <HuntrFreshness progress={data} />}
        </Stack>
        {error ? (
          <Alert severity="error">{readApiError(error, 'The job search could not be loaded.').message}</Alert>
        ) : isPending || !data ? (
          <LinearProgress aria-label="Loading job search" />
        ) : (
          <Stack spacing={2}>
            <Stack direction="row" spacing={4} sx={{ alignItems: 'flex-end' }}>
              <Figure label="Applications, last 7 days" value={data.applications} />
              <Figure label="Interviews, last 7 days" value={data.interviews} />
              <Box>
                <Bars
                  height={40}
                  barWidth={10}
                  label={`Applications per day: ${data.daily.map((d) => d.applications).join(', ')}`}
                  values={data.daily.map((d) => ({
                    key: d.date,
                    value: d.applications,
                    title: `${formatDay(d.date)}: ${d.applications} applications, ${d.interviews} interviews`,
                  }))}
                />
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  per day
                </Typography>
              </Box>
            </Stack>
            <Box>
              <Typography variant="subtitle2" component="h3">
                Applications per module week
              </Typography>
              {weekly.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  The module has not started yet.
                </Typography>
              ) : (
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-end' }}>
                  {weekly.map((w) => (
                    <Box key={w.moduleWeek} sx={{ textAlign: 'center' }}>
                      <Typography variant="caption" sx={{ display: 'block' }}>
                        {w.applications}
                      </Typography>
                      <Bars
                        height={40}
                        barWidth={18}
                        label={`Week ${w.moduleWeek}: ${w.applications} applications, ${w.interviews} interviews`}
                        values={[{ key: 'a', value: w.applications, title: `${w.applications} applications, ${w.interviews} interviews` }]}
                        // Scale every week against the busiest one, not against itself.
                        max={Math.max(1, ...weekly.map((x) => x.applications))}
                      />
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                        W{w.moduleWeek}
                      </Typography>
                    </Box>
                  ))}
                </Box>
              )}
            </Box>
            <Box>
              <Typography variant="subtitle2" component="h3" gutterBottom>
                Goals
              </Typography>
              {data.goals.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  No SMART goals submitted yet.
                </Typography>
              ) : (
                <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                  {data.goals.map((g, i) => (
                    <Box component="li" key={`${g.area}-${i}`} data-testid="goal" sx={{ py: 0.75, borderTop: i ? 1 : 0, borderColor: 'divider' }}>
                      <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
                        <Typography variant="body2">
                          <strong>{GOAL_AREA_LABELS[g.area] ?? g.area}:</strong> {g.statement}
                        </Typography>
                        {g.weeklyTarget != null && (
                          <Typography
                            variant="body2"
                            sx={{
                              whiteSpace: 'nowrap',
                              color: g.actualThisWeek != null && g.actualThisWeek < g.weeklyTarget ? 'error.main' : 'text.secondary',
                            }}
                          >
                            {g.actualThisWeek != null ? `${g.actualThisWeek} of ${g.weeklyTarget} this week` : `target ${g.weeklyTarget} a week`}
                          </Typography>
                        )}
                      </Stack>
                    </Box>
                  ))}
                </Box>
              )}
            </Box>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
