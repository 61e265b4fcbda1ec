import Typography from '@mui/material/Typography';
import { useRecordContext } from 'react-admin';

/** Formats "YYYY-MM-DD" as a calendar date, without a time-zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return value ?? '';
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

// One formatter for every call: toLocaleString with options builds a new one each time (most of a ms),
// which a page of 50 queue rows paid three times a row.
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO date-time in the viewer's locale and time zone, e.g. "Nov 28, 2026, 1:20 PM". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** A LocalDate field (react-admin's DateField would read it as UTC midnight and show the day before west of Greenwich). */
export function LocalDateField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  return (
    <Typography component="span" variant="body2">
      {formatLocalDate(record?.[source] as string | undefined)}
    </Typography>
  );
}
