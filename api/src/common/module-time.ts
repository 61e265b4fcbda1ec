import { DateTime, IANAZone } from 'luxon';

/** A calendar date without time, as "YYYY-MM-DD". */
export type LocalDate = string;

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length > 64 || !IANAZone.isValidZone(zone)) return false;
  // Node 22+ takes a UTC offset such as "+03:00" as a zone and resolves it to itself; an IANA name
  // (or an alias, which resolves to its canonical name) never starts with a sign.
  return !/^[+\-\u2212]/.test(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
}

/** One formatter per zone, made once ("en-CA" formats dates as YYYY-MM-DD): a list of learners costs no date library calls. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The dates of the last instant asked about, per zone: a page of learners asks for "today" at one instant. */
let recent: { at: number; dates: Map<string, LocalDate> } = { at: NaN, dates: new Map() };

/** The learner-local calendar date at an instant. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const ms = at.getTime();
  if (ms !== recent.at) recent = { at: ms, dates: new Map() };
  let date = recent.dates.get(timeZone);
  if (date === undefined) {
    date = formatLocalDate(at, timeZone);
    recent.dates.set(timeZone, date);
  }
  return date;
}

function formatLocalDate(at: Date, timeZone: string): LocalDate {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const date = format.format(at);
  // Years before 1000 or after 9999 are not four digits there: the date library handles the odd case.
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  // Calendar dates in UTC: whole days, no daylight-saving hour can creep in.
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Module week N covers the learner-local days [start + 7(N-1), start + 7N).
 * Returns null before the module starts.
 */
export function moduleWeekAt(moduleStartDate: LocalDate, timeZone: string, at: Date): number | null {
  const days = daysBetween(moduleStartDate, localDate(at, timeZone));
  return days < 0 ? null : Math.floor(days / 7) + 1;
}

/**
 * The instants of module week N: start is local midnight of its first day, end is local midnight
 * of the day after its last day (exclusive), each in the learner's zone, so a daylight-saving
 * change inside the week makes it 167 or 169 hours long instead of shifting its edges.
 */
export function moduleWeekRange(moduleStartDate: LocalDate, timeZone: string, week: number): { start: Date; end: Date } {
  return {
    start: startOfLocalDay(addDays(moduleStartDate, 7 * (week - 1)), timeZone),
    end: startOfLocalDay(addDays(moduleStartDate, 7 * week), timeZone),
  };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** The first instant of a local calendar day: 00:00, or the first time that exists where midnight is skipped. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

const KNOWN_ZONES = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));

/**
 * The zone's usual spelling ("africa/lagos" → "Africa/Lagos") when the runtime lists it; otherwise the
 * name as given (ICU lists some zones under old names, e.g. Asia/Calcutta for Asia/Kolkata).
 */
export function canonicalTimeZone(zone: string): string {
  const trimmed = zone.trim();
  const known = KNOWN_ZONES.get(trimmed.toLowerCase());
  if (known) return known;
  // Typed exactly, a zone ICU lists under an old name stays as typed; in another case, ICU's own spelling.
  if (/[A-Z]/.test(trimmed)) return trimmed;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return trimmed;
  }
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday;
}

/** The instant a wall-clock time ("09:00" or "09:00:00") happens on a date in a zone. */
export function atLocalTime(date: LocalDate, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toJSDate();
}

/** The instants of a learner-local calendar day: [start, end). */
export function localDayRange(date: LocalDate, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 1), timeZone) };
}
