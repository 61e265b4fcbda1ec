import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { TYPE_COLORS, typeLabel } from './labels';
import type { CoachingEventRow, EventType } from './types';

export function EventTypeChip({ type }: { type: EventType }) {
  return <Chip size="small" variant="outlined" color={TYPE_COLORS[type] ?? 'default'} label={typeLabel(type)} data-event-type={type} />;
}

/** Where the event stands now: cancelled, over, under way, full or open. */
export function eventState(event: CoachingEventRow, now = Date.now()): 'cancelled' | 'over' | 'live' | 'full' | 'open' {
  if (event.status === 'CANCELLED') return 'cancelled';
  if (Date.parse(event.endsAt) <= now) return 'over';
  if (Date.parse(event.startsAt) <= now) return 'live';
  return event.seats.seated >= event.capacity ? 'full' : 'open';
}

const STATE_CHIPS = {
  cancelled: { label: 'Cancelled', color: 'default', variant: 'outlined' },
  over: { label: 'Over', color: 'default', variant: 'filled' },
  live: { label: 'Under way', color: 'success', variant: 'filled' },
  full: { label: 'Full', color: 'warning', variant: 'filled' },
  open: { label: 'Open', color: 'primary', variant: 'outlined' },
} as const;

export function EventStatusChip({ event }: { event: CoachingEventRow }) {
  const state = eventState(event);
  const chip = STATE_CHIPS[state];
  const content = <Chip size="small" label={chip.label} color={chip.color} variant={chip.variant} data-event-state={state} />;
  return state === 'cancelled' && event.cancelReason ? <Tooltip title={`Cancelled: ${event.cancelReason}`}>{content}</Tooltip> : content;
}

/** "12 / 20" with a bar; the waitlist beside it when there is one. */
export function Seats({ event }: { event: CoachingEventRow }) {
  const { seated } = event.seats;
  const ratio = Math.min(100, Math.round((seated / Math.max(event.capacity, 1)) * 100));
  return (
    <Box sx={{ minWidth: 90 }} data-testid="event-seats" aria-label={`${seated} of ${event.capacity} seats taken`}>
      <Typography variant="body2" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {seated} / {event.capacity}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={ratio}
        color={seated >= event.capacity ? 'warning' : 'primary'}
        sx={{ mt: 0.5, height: 4, borderRadius: 2 }}
        aria-hidden
      />
    </Box>
  );
}
