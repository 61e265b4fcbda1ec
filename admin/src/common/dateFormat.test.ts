import { formatDate, formatDateTime, formatLocalDate } from './dateFormat';

// Issue 20, defect 6: one way of writing dates across the console (Luxon's medium formats), in a named zone when given.
test('dates and date-times come in one format, in the zone asked for', () => {
  expect(formatLocalDate('2026-12-07')).toMatch(/^Dec 7, 2026$/);
  expect(formatDateTime('2026-12-07T22:59:59.999Z', 'Africa/Lagos')).toMatch(/^Dec 7, 2026, 11:59\sPM$/);
  expect(formatDateTime('2026-12-07T22:59:59.999Z', 'America/Bogota')).toMatch(/^Dec 7, 2026, 5:59\sPM$/);
  expect(formatDate('2026-12-07T23:30:00Z', 'Europe/Berlin')).toBe('Dec 8, 2026');
  expect(formatDateTime(null)).toBe('');
  expect(formatDateTime('not a date')).toBe('not a date');
});
