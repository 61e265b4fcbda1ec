import { DateTime } from 'luxon';
import { safeZone } from './zones';

/**
 * The console's one way of writing dates (Luxon's medium formats in the viewer's locale): "Nov 28, 2026" and
 * "Nov 28, 2026, 1:20 PM". Every page writes dates through these, so no two formats sit side by side. Luxon keeps
 * one Intl formatter per locale, zone and format, so a page of 50 queue rows does not build one per call.
 */
const instant = (iso: string, timeZone?: string | null) => {
  const date = DateTime.fromISO(iso, { setZone: false });
  return timeZone ? date.setZone(safeZone(timeZone)) : date;
};

/** Formats "YYYY-MM-DD" as a calendar date, without a time-zone shift: "Nov 28, 2026". */
export function formatLocalDate(value: string | null | undefined): string {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return value ?? '';
  return DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }).toLocaleString(DateTime.DATE_MED);
}

/** The calendar date of an instant, in a zone when given (else the viewer's): "Nov 28, 2026". */
export function formatDate(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const date = instant(iso, timeZone);
  return date.isValid ? date.toLocaleString(DateTime.DATE_MED) : iso;
}

/** An ISO date-time, in a zone when given (else the viewer's): "Nov 28, 2026, 1:20 PM". */
export function formatDateTime(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const date = instant(iso, timeZone);
  return date.isValid ? date.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** A date without its year, for ranges inside one season: "Nov 28". */
export function formatDayMonth(iso: string, timeZone?: string | null): string {
  const date = instant(iso, timeZone);
  return date.isValid ? date.toLocaleString({ month: 'short', day: 'numeric' }) : iso;
}

/** The API words some refusals with an ISO instant ("… until 2026-11-30T08:23:26.227Z"): show it in the viewer's words. */
export function readableTimes(message: string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})\b/g, (iso) => formatDateTime(iso));
}
