import { useId } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../common/dates';
import { formatWaiting } from './labels';
import { useQueueSummary } from './useReviews';

function Figure({ label, value, detail, tone }: { label: string; value: string | undefined; detail?: string; tone?: 'error' }) {
  return (
    <Box sx={{ minWidth: 110 }} data-testid="queue-figure" data-label={label}>
      <Typography
        variant="h4"
        component="p"
        aria-label={value === undefined ? `${label}: loading` : `${label}: ${value}`}
        sx={{ color: tone === 'error' ? 'error.main' : undefined, fontWeight: 500, lineHeight: 1.2 }}
      >
        {value ?? <Skeleton width={48} />}
      </Typography>
      <Typography variant="body2" color="text.secondary" aria-hidden>
        {label}
      </Typography>
      {detail && (
        <Typography variant="caption" color="text.secondary" component="p">
          {detail}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The queue at a glance: open, unclaimed, in review, breached, and how long the oldest has waited.
 * Coaches may narrow the page (this strip and the list) to their own learners.
 */
export function QueueSummary({
  mine,
  onMineChange,
  canNarrow,
}: {
  mine: boolean;
  onMineChange: (mine: boolean) => void;
  /** coaches have learners of their own to narrow to; staff do not */
  canNarrow: boolean;
}) {
  const { data, error } = useQueueSummary(mine);
  const headingId = useId();
  const count = (n: number | undefined) => (n === undefined ? undefined : n.toLocaleString());

  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} sx={{ mb: 2 }}>
      <CardContent sx={{ pb: '16px !important' }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
          <Box sx={{ flex: 'none', minWidth: 170 }}>
            <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
              At a glance
            </Typography>
            {canNarrow && (
              <ToggleButtonGroup
                size="small"
                exclusive
                value={mine ? 'mine' : 'all'}
                onChange={(_, value: string | null) => value && onMineChange(value === 'mine')}
                aria-label="Show submissions of"
                sx={{ mt: 0.5 }}
              >
                <ToggleButton value="all">All learners</ToggleButton>
                <ToggleButton value="mine">My learners</ToggleButton>
              </ToggleButtonGroup>
            )}
          </Box>
          {error ? (
            <Typography color="error" variant="body2">
              The summary could not be loaded.
            </Typography>
          ) : (
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 3, flex: 1 }}>
              <Figure label="Open" value={count(data?.open)} />
              <Figure label="Unclaimed" value={count(data?.unclaimed)} />
              <Figure label="In review" value={count(data?.inReview)} />
              <Figure label="Breached" value={count(data?.breached)} tone={data?.breached ? 'error' : undefined} />
              <Figure
                label="Oldest waiting"
                value={data ? (data.oldestWaitingMinutes == null ? '—' : formatWaiting(data.oldestWaitingMinutes)) : undefined}
                detail={data?.oldestSubmittedAt ? `sent ${formatDateTime(data.oldestSubmittedAt)}` : undefined}
              />
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
