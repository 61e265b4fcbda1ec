import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import { STATUS_COLORS, statusLabel, type EnrollmentStatus } from './statuses';

/** An enrollment status as a colored chip. */
export function StatusChip({ status, size = 'small' }: { status: string | null | undefined; size?: 'small' | 'medium' }) {
  if (!status) return null;
  const colors = STATUS_COLORS[status as EnrollmentStatus] ?? { bg: '#e0e0e0', fg: '#000' };
  return (
    <Chip
      size={size}
      label={statusLabel(status)}
      data-status={status}
      sx={{ bgcolor: colors.bg, color: colors.fg, fontWeight: 500 }}
    />
  );
}

/** The record's `status` (or another source) as a chip, for lists and show pages. */
export function StatusField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  return <StatusChip status={record?.[source] as string | undefined} />;
}
