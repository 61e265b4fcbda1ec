import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useRecordContext } from 'react-admin';
import { formatDateTime } from '../common/dates';
import { StatusChip } from '../enrollment/StatusChip';
import { STATUS_COLORS, type EnrollmentStatus } from '../enrollment/statuses';
import { newestFirst, SOURCE_LABELS, type StatusChangeRecord } from './statusChanges';


/** The learner's status history as a timeline, newest first. */
export function StatusHistory() {
  const record = useRecordContext();
  const headingId = useId();
  const history = newestFirst(record?.statusHistory as StatusChangeRecord[] | undefined);

  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined">
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          Status history
        </Typography>
        {history.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No status changes yet.
          </Typography>
        ) : (
          <Box component="ol" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {history.map((change) => (
              <Box
                component="li"
                key={change.id}
                data-testid="status-change"
                sx={{
                  position: 'relative',
                  pl: 3,
                  pb: 2.5,
                  borderLeft: '2px solid',
                  borderColor: 'divider',
                  ml: 1,
                  '&:last-of-type': { borderColor: 'transparent', pb: 0 },
                  '&::before': {
                    content: '""',
                    position: 'absolute',
                    left: -7,
                    top: 4,
                    width: 12,
                    height: 12,
                    borderRadius: '50%',
                    bgcolor: STATUS_COLORS[change.to as EnrollmentStatus]?.bg ?? 'grey.500',
                  },
                }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                  {change.from ? <StatusChip status={change.from} /> : <Typography variant="body2">New</Typography>}
                  <ArrowForwardIcon fontSize="small" aria-label="to" />
                  <StatusChip status={change.to} />
                </Box>
                <Typography variant="body1" sx={{ mt: 0.75, whiteSpace: 'pre-wrap' }}>
                  {change.reason}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {change.changedBy?.name ?? 'System'} · {formatDateTime(change.createdAt)}
                  {change.moduleWeek != null ? ` · module week ${change.moduleWeek}` : ''}
                  {' · '}
                  {SOURCE_LABELS[change.source] ?? change.source}
                </Typography>
              </Box>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
