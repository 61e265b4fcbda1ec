import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatTimeRange } from '../common/zones';
import type { WorkingHours } from './types';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Mon–Fri 09:00–17:00" style summary of a working week. */
function workingWeek(hours: WorkingHours[]): string {
  const bySpan = new Map<string, number[]>();
  for (const h of hours) {
    const key = `${h.startTime}–${h.endTime}`;
    bySpan.set(key, [...(bySpan.get(key) ?? []), h.weekday]);
  }
  return [...bySpan.entries()]
    .map(([span, days]) => {
      const sorted = [...new Set(days)].sort();
      const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
      const dayText =
        consecutive && sorted.length > 2
          ? `${WEEKDAYS[sorted[0] - 1]}–${WEEKDAYS[sorted.at(-1)! - 1]}`
          : sorted.map((d) => WEEKDAYS[d - 1]).join(', ');
      return `${dayText} ${span}`;
    })
    .join(' · ');
}

interface Booking {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

interface CoachAvailabilityProps {
  /** undefined while loading */
  hours: WorkingHours[] | undefined;
  /** what the coach already has around the slot; undefined when there is no slot to look around yet */
  booked: Booking[] | undefined;
  coachZone: string;
  /** "Your" or "Ada's" */
  coachHeading: string;
  /** the coach's name, or undefined when the coach is the viewer */
  coachName: string | undefined;
  /** "during this window" or "that day" */
  during: string;
  overlaps: (entry: Booking) => boolean;
}

/** The coach's working week and what is already in their calendar around the chosen slot. */
export function CoachAvailability({ hours, booked, coachZone, coachHeading, coachName, during, overlaps }: CoachAvailabilityProps) {
  const calendar = coachName ? `${coachName}'s` : 'your';
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {hours === undefined
          ? ' '
          : hours.length
            ? `${coachHeading} working hours (${coachZone}): ${workingWeek(hours)}.`
            : `${coachName ? `${coachName} has` : 'You have'} no working hours set: any time is open.`}
      </Typography>
      {booked && (
        <Box sx={{ mt: 1 }} data-testid="schedule-booked">
          <Typography variant="body2" color="text.secondary">
            {booked.length === 0 ? `Nothing else in ${calendar} calendar ${during}.` : `Already in ${calendar} calendar ${during}:`}
          </Typography>
          {booked.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {booked.map((entry) => (
                <Typography
                  key={entry.id}
                  component="li"
                  variant="body2"
                  sx={{ color: overlaps(entry) ? 'error.main' : undefined, fontWeight: overlaps(entry) ? 600 : undefined }}
                >
                  {formatTimeRange(entry.startsAt, entry.endsAt, coachZone)} {entry.title}
                  {overlaps(entry) ? ' — overlaps the start you picked' : ''}
                </Typography>
              ))}
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
