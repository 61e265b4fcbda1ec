import { atLocalTime, startOfLocalDay } from '../../../api/src/common/module-time';
import { addDays, fromLocalInput, localDate, mondayOf, offsetMinutes, toLocalInput, zonedParts } from './zones';

// A wall-clock time typed in the console must name the instant the API computes for it (both use Luxon).
describe('a local time skipped by a daylight-saving change', () => {
  test.each([
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'], // 02:00 EST jumps to 03:00 EDT
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // 02:00 CET jumps to 03:00 CEST
  ])('%s %s %s moves forward to 03:30, as the API reads it', (zone, date, time, instant) => {
    const api = atLocalTime(date, time, zone);
    expect(api.toISOString()).toBe(instant);
    expect(fromLocalInput(`${date}T${time}`, zone)?.toISOString()).toBe(instant);
    expect(toLocalInput(instant, zone)).toBe(`${date}T03:30`);
  });
});

test('a repeated local time (the autumn change) reads as its first occurrence, as in the API', () => {
  const api = atLocalTime('2026-11-01', '01:30', 'America/New_York');
  expect(fromLocalInput('2026-11-01T01:30', 'America/New_York')).toEqual(api);
  expect(api.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT, the earlier of the two 01:30s
});

test('a date alone is that day\'s first instant, as the API starts a local day', () => {
  expect(fromLocalInput('2026-11-30', 'Africa/Lagos')).toEqual(startOfLocalDay('2026-11-30', 'Africa/Lagos'));
});

test('wall-clock parts, offsets and calendar dates of an instant in a zone', () => {
  expect(zonedParts('2026-11-30T13:05:09Z', 'Africa/Lagos')).toEqual({ year: 2026, month: 11, day: 30, hour: 14, minute: 5, second: 9, weekday: 1 });
  expect(offsetMinutes('2026-07-01T00:00:00Z', 'America/New_York')).toBe(-240);
  expect(localDate('2026-11-30T23:30:00Z', 'Africa/Lagos')).toBe('2026-12-01');
  expect(fromLocalInput('not a time', 'UTC')).toBeNull();
  expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  expect(mondayOf('2026-12-06')).toBe('2026-11-30');
});
