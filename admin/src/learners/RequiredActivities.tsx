import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useRecordContext } from 'react-admin';
import { formatDateTime } from '../common/dates';
import { safeZone, zoneLabel } from '../common/zones';
import type { RequiredActivityStatus } from '../compliance/types';

/** A required activity's state as a chip: met (green) or missing (red). */
export function MetChip({ met, metLabel = 'Met', missingLabel = 'Missing' }: { met: boolean; metLabel?: string; missingLabel?: string }) {
  return met ? (
    <Chip size="small" color="success" icon={<CheckCircleIcon />} label={metLabel} data-met="true" />
  ) : (
    <Chip size="small" color="error" variant="outlined" icon={<ErrorOutlineIcon />} label={missingLabel} data-met="false" />
  );
}

/** This module week's required activities of the learner in context, each met or missing. */
export function RequiredActivities() {
  const record = useRecordContext();
  const headingId = useId();
  const activities = (record?.requiredActivities as RequiredActivityStatus[] | undefined) ?? [];
  // The list page's cached row (met flags only) stands in until the full record arrives: wait for it.
  const loaded = activities.every((a) => a.title !== undefined && a.dueLocal !== undefined);
  const met = activities.filter((a) => a.met).length;
  const week = activities[0]?.moduleWeek ?? (record?.moduleWeek as number | null | undefined);
  const timeZone = safeZone(record?.timeZone as string | undefined);

  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between', mb: 1 }}>
          <Typography id={headingId} variant="h6" component="h2">
            This week's required activities
          </Typography>
          {activities.length > 0 && (
            <Typography variant="body2" color={met === activities.length ? 'success.main' : 'text.secondary'}>
              Week {week} · {met} of {activities.length} met
            </Typography>
          )}
        </Stack>
        {!loaded ? (
          <LinearProgress aria-label="Loading required activities" />
        ) : activities.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {record?.moduleWeek == null ? 'The module has not started yet.' : 'Nothing is required this week.'}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Due by {formatDateTime(activities[0].dueAt, timeZone)} ({zoneLabel(timeZone)}), the learner's time.
            </Typography>
            <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {activities.map((activity) => (
                <Box
                  component="li"
                  key={activity.requiredActivityId}
                  data-testid="required-activity"
                  sx={{ display: 'flex', gap: 1.5, py: 1.25, alignItems: 'flex-start', '&:not(:last-of-type)': { borderBottom: 1, borderColor: 'divider' } }}
                >
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <Typography variant="body1" sx={{ fontWeight: 500 }}>
                      {activity.title}
                    </Typography>
                    {activity.description && (
                      <Typography variant="body2" color="text.secondary">
                        {activity.description}
                      </Typography>
                    )}
                    <Typography variant="body2" color="text.secondary">
                      {activity.met ? `Met ${formatDateTime(activity.metAt, timeZone)}` : 'Not sent yet'}
                    </Typography>
                  </Box>
                  <MetChip met={activity.met} />
                </Box>
              ))}
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}
