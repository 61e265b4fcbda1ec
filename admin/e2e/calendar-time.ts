import { graphql } from './browser';

/**
 * Dates, times and people for the calendar tests (meetings-events.test.ts): instants as a zone's wall clock shows
 * them, as a datetime-local input holds them and as the page words them, and a coach's free morning.
 */
export const HOUR = 3_600_000;
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Wall-clock parts of an instant in a zone. */
export function parts(iso: string, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24, minute: p.minute };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const mondayOf = (date: string) => addDays(date, 1 - (new Date(`${date}T12:00:00Z`).getUTCDay() || 7));

/** What a datetime-local input holds for an instant in a zone: "2026-12-02T09:00". */
export function localInput(iso: string, timeZone: string) {
  const p = parts(iso, timeZone);
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${p.minute}`;
}

/** The time of day as the page may word it in either clock: "14:00", or "2:00" / "02:00 PM". */
export function timeText(iso: string, timeZone: string): RegExp {
  const { hour, minute } = parts(iso, timeZone);
  const h12 = hour % 12 || 12;
  return new RegExp(`(\\b${String(hour).padStart(2, '0')}:${minute}\\b|\\b0?${h12}:${minute}\\b)`);
}

export interface Person {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

/** A UTC day (at least two days ahead) on which the coach has nothing between 06:00 and 12:00 UTC. */
export async function freeMorning(token: string, coachId: string): Promise<Date> {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  for (let days = 2; days < 40; days++) {
    const day = new Date(today.getTime() + days * 24 * HOUR);
    const { coachCalendar } = await graphql<{ coachCalendar: unknown[] }>(
      token,
      'query($coachId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { coachCalendar(coachId: $coachId, from: $from, to: $to) { id } }',
      { coachId, from: new Date(day.getTime() + 6 * HOUR).toISOString(), to: new Date(day.getTime() + 12 * HOUR).toISOString() },
    );
    if (coachCalendar.length === 0) return day;
  }
  throw new Error('The coach has no free morning in the next 40 days');
}

/** The active coaches, by name. */
export async function coaches(staffToken: string): Promise<Person[]> {
  const { allUsers } = await graphql<{ allUsers: Person[] }>(
    staffToken,
    '{ allUsers(filter: { role: COACH, active: true }, perPage: 50, sortField: "name") { id name email timeZone } }',
  );
  return allUsers;
}
