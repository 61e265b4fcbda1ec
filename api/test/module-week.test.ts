import fc from 'fast-check';
import { TestApp } from './harness';
import { addDays, moduleWeekAt } from '../src/common/module-time';
import { moduleWeekSql } from '../src/modules/learners/learner.read';
import { pgArray } from '../src/common/sql';

/**
 * The module week has two homes, by necessity: reads compute it in SQL (Learner.moduleWeek, a submission's week,
 * progress), and write paths decide in TypeScript which week an action belongs to (compliance's default week,
 * the road map). This pins them together: for random start dates, zones (daylight saving, half-hour and +14
 * offsets) and instants around the start, PostgreSQL and TypeScript give the same week, or both none.
 */
describe('the module week in SQL and in TypeScript', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'America/Santiago'];

  it('agree on 2,000 random learner-instants, one statement', async () => {
    const cases = fc.sample(
      fc.record({
        start: fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2020-01-01', d)),
        zone: fc.constantFrom(...ZONES),
        offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 400 * 24 * 60 }),
      }),
      { numRuns: 2000, seed: 20261206 },
    ).map((c) => ({ ...c, at: new Date(Date.parse(`${c.start}T00:00:00Z`) + c.offsetMinutes * 60_000) }));
    const rows = await t.em().getConnection().execute<{ i: number; week: number | null }[]>(
      `select c.i, ${moduleWeekSql('l', 'c.at')} as week
         from unnest(?::int[], ?::date[], ?::text[], ?::timestamptz[]) as c(i, module_start_date, time_zone, at)
         cross join lateral (select c.module_start_date, c.time_zone) l
        order by c.i`,
      [pgArray(cases.map((_, i) => i)), pgArray(cases.map((c) => c.start)), pgArray(cases.map((c) => c.zone)), pgArray(cases.map((c) => c.at.toISOString()))],
    );
    const disagree = cases
      .map((c, i) => ({ ...c, sql: rows[i].week, ts: moduleWeekAt(c.start, c.zone, c.at) }))
      .filter((c) => c.sql !== c.ts);
    expect(disagree).toEqual([]);
    expect(new Set(rows.map((r) => r.week)).size).toBeGreaterThan(40); // none, week 1 and many weeks after
  });
});
