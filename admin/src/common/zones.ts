import { DateTime, IANAZone } from 'luxon';

/**
 * Instants shown and entered in a named IANA time zone (a coach's, a learner's, the viewer's): the API speaks
 * UTC instants, people speak wall-clock time where they are. Arithmetic is Luxon's, as in the API
 * (api/src/common/module-time.ts), so both read a wall-clock time the same way; Intl only formats.
 */

/** The browser's own zone: the fallback while the viewer's profile is loading. */
export const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A zone Luxon accepts; an unknown one falls back to UTC rather than throwing in the middle of a page. */
export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return BROWSER_ZONE;
  return IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: safeZone(timeZone) });
    formatters.set(key, f);
  }
  return f;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const inZone = (value: Date | string, timeZone: string) => DateTime.fromJSDate(toDate(value), { zone: safeZone(timeZone) });

/** Wall-clock parts of an instant in a zone (weekday 1 = Monday … 7 = Sunday). */
export function zonedParts(value: Date | string, timeZone: string) {
  const { year, month, day, hour, minute, second, weekday } = inZone(value, timeZone);
  return { year, month, day, hour, minute, second, weekday };
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(value: Date | string, timeZone: string): string {
  return inZone(value, timeZone).toISODate() ?? '';
}

/** What a `datetime-local` input shows for an instant in a zone ("2026-11-30T14:00"). */
export function toLocalInput(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '';
  const local = inZone(value, timeZone);
  return local.isValid ? local.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** Minutes the zone is ahead of UTC at an instant (Lagos: 60). */
export function offsetMinutes(value: Date | string, timeZone: string): number {
  return inZone(value, timeZone).offset;
}

/**
 * The instant a wall-clock time ("2026-11-30T14:00" or "2026-11-30") names in a zone; null when unreadable.
 * Read as the API's atLocalTime reads one: a time skipped by a daylight-saving change moves forward by the
 * gap (02:30 → 03:30), a repeated one is its first occurrence.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const day = DateTime.fromISO(m[1], { zone: safeZone(timeZone) });
  const local = m[2] === undefined ? day : day.set({ hour: Number(m[2]), minute: Number(m[3]), second: 0, millisecond: 0 });
  return local.isValid ? local.toJSDate() : null;
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** The Monday (YYYY-MM-DD) of the week holding a calendar date. */
export function mondayOf(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).startOf('week').toISODate()!;
}

export const isLocalDate = (value: string | null | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;

/** "Mon 30 Nov" for a calendar date. */
export function formatDay(date: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  return formatter('UTC', options).format(new Date(`${date}T12:00:00Z`));
}

/** "Mon, Nov 30, 2:00 PM" in a zone: the clock written as dateFormat.ts writes it (the locale's, hour not padded). */
export function formatInZone(
  value: Date | string | null | undefined,
  timeZone: string,
  options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
): string {
  if (!value) return '';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? String(value) : formatter(timeZone, options).format(date);
}

/** "2:00 PM" in a zone. */
export const formatTime = (value: Date | string, timeZone: string) =>
  formatInZone(value, timeZone, { hour: 'numeric', minute: '2-digit' });

/** A time range in a zone, as compact as the locale words it ("9:00 – 10:30 AM"). */
export function formatTimeRange(start: Date | string, end: Date | string, timeZone: string): string {
  const f = formatter(timeZone, { hour: 'numeric', minute: '2-digit' });
  try {
    return f.formatRange(toDate(start), toDate(end));
  } catch {
    return `${f.format(toDate(start))}–${f.format(toDate(end))}`;
  }
}

/**
 * A span in a zone: "Mon, 30 Nov, 14:00–15:30", or both dates when it crosses midnight there.
 */
export function formatSpan(start: Date | string, end: Date | string, timeZone: string): string {
  const sameDay = localDate(start, timeZone) === localDate(end, timeZone) || toLocalInput(end, timeZone).endsWith('T00:00');
  return sameDay ? `${formatInZone(start, timeZone)}–${formatTime(end, timeZone)}` : `${formatInZone(start, timeZone)} – ${formatInZone(end, timeZone)}`;
}

/** The zone's short name at an instant, e.g. "GMT+1" or "EST". */
export function zoneAbbreviation(timeZone: string, at: Date | string = new Date()): string {
  const part = formatter(timeZone, { timeZoneName: 'short' }).formatToParts(toDate(at)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Africa/Lagos" as people read it: "Africa/Lagos (GMT+1)". */
export const zoneLabel = (timeZone: string, at?: Date | string) => `${timeZone.replaceAll('_', ' ')} (${zoneAbbreviation(timeZone, at)})`;

/** Replaces the ISO instants the API writes into notes and messages with the time in a zone. */
export function readableInstants(text: string, timeZone: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})\b/g, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatInZone(date, timeZone);
  });
}

/** Minutes as "30 min", "1 h", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h && m) return `${h} h ${m} min`;
  return h ? `${h} h` : `${m} min`;
}

/** How long ago, in words ("3 h ago", "2 d ago"). */
export function formatAgo(value: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(value)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
