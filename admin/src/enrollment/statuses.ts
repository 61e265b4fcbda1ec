/** Enrollment statuses as the API names them, with the words and colors the console uses. */
export const ENROLLMENT_STATUSES = ['ENROLLED', 'AT_RISK', 'SUSPENDED', 'PAUSED', 'HIRED', 'WITHDRAWN'] as const;

export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const STATUS_LABELS: Record<EnrollmentStatus, string> = {
  ENROLLED: 'Enrolled',
  AT_RISK: 'At risk',
  SUSPENDED: 'Suspended',
  PAUSED: 'Paused',
  HIRED: 'Hired',
  WITHDRAWN: 'Withdrawn',
};

/** Chip colors: background and text. */
export const STATUS_COLORS: Record<EnrollmentStatus, { bg: string; fg: string }> = {
  ENROLLED: { bg: '#2e7d32', fg: '#fff' }, // green
  AT_RISK: { bg: '#b35300', fg: '#fff' }, // orange, dark enough for white text (5.1:1)
  SUSPENDED: { bg: '#d32f2f', fg: '#fff' }, // red
  PAUSED: { bg: '#616161', fg: '#fff' }, // grey (6.2:1)
  HIRED: { bg: '#1565c0', fg: '#fff' }, // blue
  WITHDRAWN: { bg: '#424242', fg: '#fff' }, // dark grey
};

export const STATUS_CHOICES = ENROLLMENT_STATUSES.map((id) => ({ id, name: STATUS_LABELS[id] }));

export function statusLabel(status: string | null | undefined): string {
  return status && status in STATUS_LABELS ? STATUS_LABELS[status as EnrollmentStatus] : (status ?? '—');
}
