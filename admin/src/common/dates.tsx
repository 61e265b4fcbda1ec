import Typography from '@mui/material/Typography';
import { useRecordContext } from 'react-admin';
import { formatLocalDate } from './dateFormat';

// The formatters live in dateFormat.ts (no React there, so plain modules and unit tests can use them too).
export { formatDate, formatDateTime, formatDayMonth, formatLocalDate } from './dateFormat';

/** A LocalDate field (react-admin's DateField would read it as UTC midnight and show the day before west of Greenwich). */
export function LocalDateField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  return (
    <Typography component="span" variant="body2">
      {formatLocalDate(record?.[source] as string | undefined)}
    </Typography>
  );
}
