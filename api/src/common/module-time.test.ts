import { canonicalTimeZone, isValidTimeZone, localDate, moduleWeekAt, moduleWeekRange } from './module-time';

describe('module time', () => {
  it('counts weeks from the start date in the learner\'s zone', () => {
    // Started Monday 2026-11-02 in Lagos (UTC+1).
    expect(moduleWeekAt('2026-11-02', 'Africa/Lagos', new Date('2026-11-01T22:59:59Z'))).toBeNull(); // 23:59 Sunday local
    expect(moduleWeekAt('2026-11-02', 'Africa/Lagos', new Date('2026-11-01T23:00:00Z'))).toBe(1); // 00:00 Monday local
    expect(moduleWeekAt('2026-11-02', 'Africa/Lagos', new Date('2026-11-08T22:59:59Z'))).toBe(1);
    expect(moduleWeekAt('2026-11-02', 'Africa/Lagos', new Date('2026-11-08T23:00:00Z'))).toBe(2);
  });

  it('puts the same instant in different weeks for learners in different zones', () => {
    const at = new Date('2026-11-08T20:00:00Z'); // Sunday 20:00 UTC
    expect(moduleWeekAt('2026-11-02', 'America/Bogota', at)).toBe(1); // Sunday 15:00
    expect(moduleWeekAt('2026-11-02', 'Asia/Kolkata', at)).toBe(2); // Monday 01:30
    expect(moduleWeekAt('2026-11-02', 'Pacific/Kiritimati', at)).toBe(2); // UTC+14
  });

  it('keeps week edges on local midnight across a daylight-saving change', () => {
    // Berlin leaves summer time on 2026-10-25 (03:00 CEST → 02:00 CET): week 1 is 169 hours long.
    const w1 = moduleWeekRange('2026-10-19', 'Europe/Berlin', 1);
    expect(w1.start.toISOString()).toBe('2026-10-18T22:00:00.000Z'); // 00:00 CEST
    expect(w1.end.toISOString()).toBe('2026-10-25T23:00:00.000Z'); // 00:00 CET
    expect((w1.end.getTime() - w1.start.getTime()) / 3_600_000).toBe(169);
    const w2 = moduleWeekRange('2026-10-19', 'Europe/Berlin', 2);
    expect(w2.start).toEqual(w1.end);
    expect((w2.end.getTime() - w2.start.getTime()) / 3_600_000).toBe(168);
    // New York springs forward on 2027-03-14: that week is 167 hours.
    const spring = moduleWeekRange('2027-03-08', 'America/New_York', 1);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(167);
    // A minute either side of the end of the week.
    expect(moduleWeekAt('2026-10-19', 'Europe/Berlin', new Date(w1.end.getTime() - 60_000))).toBe(1);
    expect(moduleWeekAt('2026-10-19', 'Europe/Berlin', new Date(w1.end.getTime() + 60_000))).toBe(2);
  });

  it('starts a week at the first instant of its day where midnight is skipped', () => {
    // Santiago springs forward at 00:00 on 2026-09-06 (to 01:00): only that day starts at 01:00.
    const w1 = moduleWeekRange('2026-09-06', 'America/Santiago', 1);
    expect(w1.start.toISOString()).toBe('2026-09-06T04:00:00.000Z'); // 01:00 -03
    expect(w1.end.toISOString()).toBe('2026-09-13T03:00:00.000Z'); // 00:00 -03
    expect(moduleWeekAt('2026-09-06', 'America/Santiago', new Date(w1.end.getTime() - 60_000))).toBe(1);
    expect(moduleWeekAt('2026-09-06', 'America/Santiago', w1.end)).toBe(2);
  });

  it('knows local dates and IANA zones', () => {
    expect(localDate(new Date('2026-11-08T23:30:00Z'), 'Africa/Lagos')).toBe('2026-11-09');
    expect(isValidTimeZone('America/Bogota')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
    expect(canonicalTimeZone('america/bogota')).toBe('America/Bogota');
  });

  it('spells a zone as the runtime does, whatever case it was typed in, even one ICU lists under an old name', () => {
    expect(canonicalTimeZone('africa/lagos')).toBe('Africa/Lagos');
    expect(canonicalTimeZone(' Asia/Kolkata ')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('asia/kolkata')).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
  });
});
