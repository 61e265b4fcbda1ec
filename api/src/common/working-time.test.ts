import { addWorkingHours } from './working-time';

describe('working time', () => {
  it.each([
    ['Tuesday noon', '2026-11-17T12:00:00Z', 'UTC', '2026-11-18T12:00:00.000Z'],
    ['Friday evening skips the weekend', '2026-11-20T18:00:00Z', 'UTC', '2026-11-23T18:00:00.000Z'],
    ['Saturday counts from Monday 00:00', '2026-11-21T10:00:00Z', 'UTC', '2026-11-24T00:00:00.000Z'],
    ['Sunday counts from Monday 00:00', '2026-11-22T23:30:00Z', 'UTC', '2026-11-24T00:00:00.000Z'],
    ['in the coach\'s zone: Friday 20:00 in Bogota is Saturday in UTC', '2026-11-28T01:00:00Z', 'America/Bogota', '2026-12-01T01:00:00.000Z'],
  ])('%s', (_label, from, zone, expected) => {
    expect(addWorkingHours(new Date(from), 24, zone).toISOString()).toBe(expected);
  });
});
