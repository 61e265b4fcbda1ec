import { DateTime } from 'luxon';

const isWeekend = (t: DateTime) => t.weekday >= 6;

/**
 * The instant `hours` of working time (Monday to Friday, whole days, in the given zone) after `from`.
 * A submission sent on Friday evening is therefore due on Monday evening, not on Saturday.
 */
export function addWorkingHours(from: Date, hours: number, timeZone: string): Date {
  let cursor = DateTime.fromJSDate(from, { zone: timeZone });
  let remaining = hours * 3_600_000;
  for (let guard = 0; remaining > 0 && guard < 1000; guard++) {
    if (isWeekend(cursor)) {
      cursor = cursor.plus({ days: 8 - cursor.weekday }).startOf('day');
      continue;
    }
    const weekendStarts = cursor.plus({ days: 6 - cursor.weekday }).startOf('day');
    const available = weekendStarts.toMillis() - cursor.toMillis();
    const step = Math.min(available, remaining);
    cursor = DateTime.fromMillis(cursor.toMillis() + step, { zone: timeZone });
    remaining -= step;
  }
  return cursor.toJSDate();
}
