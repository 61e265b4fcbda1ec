import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { formatInZone, formatSpan, formatTime, localDate, zoneAbbreviation } from '../common/zones';
import { STATUS_COLORS, statusLabel, topicLabel } from './labels';
import type { MeetingStatus, MeetingTopic, TimeWindow } from './types';

export function MeetingStatusChip({ status }: { status: MeetingStatus }) {
  return (
    <Chip
      size="small"
      label={statusLabel(status)}
      color={STATUS_COLORS[status] ?? 'default'}
      variant={status === 'SCHEDULED' || status === 'COMPLETED' || status === 'NO_SHOW' ? 'filled' : 'outlined'}
      data-meeting-status={status}
    />
  );
}

/** An offer waiting for an answer: the coach should take it first. */
export function UrgentChip() {
  return (
    <Chip
      size="small"
      color="error"
      icon={<PriorityHighIcon />}
      label="Offer · urgent"
      data-testid="urgent-chip"
      aria-label="Urgent: the learner has an offer and needs an answer soon"
    />
  );
}

export function TopicLabel({ topic }: { topic: MeetingTopic }) {
  return (
    <Typography variant="body2" component="span" sx={{ fontWeight: topic === 'OFFER' ? 600 : undefined }}>
      {topicLabel(topic)}
    </Typography>
  );
}

/** A span as it reads in a zone, with the zone's short name: "Wed 2 Dec, 14:00–18:00 GMT+1". */
export function ZonedSpan({ startsAt, endsAt, timeZone, compact }: TimeWindow & { timeZone: string; compact?: boolean }) {
  const text = compact
    ? `${formatInZone(startsAt, timeZone, { weekday: 'short', day: 'numeric', month: 'short' })}, ${formatTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}${
        localDate(startsAt, timeZone) === localDate(endsAt, timeZone) ? '' : ' (+1 day)'
      }`
    : formatSpan(startsAt, endsAt, timeZone);
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {text}{' '}
      <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.85em' }}>
        {zoneAbbreviation(timeZone, startsAt)}
      </Box>
    </Box>
  );
}
