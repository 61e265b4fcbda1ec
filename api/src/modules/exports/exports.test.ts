import { parse } from 'csv-parse/sync';
import { TestApp } from '../../../test/harness';
import { Role } from '../users/user.entity';
import { seedDemo } from '../../db/seed';

/** Staff download the program's records as CSV, over HTTP, from the seeded demo. */
describe('exports', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    await seedDemo(t.em(), t.clock.now());
    staff = t.tokenFor(await t.createUser(Role.STAFF));
  });
  afterAll(() => t.stop());

  const download = (file: string, token?: string) => fetch(`${t.url}/exports/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const rowsOf = async (file: string) => {
    const res = await download(file, staff);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="waypoint-${file.replace('.csv', '')}-2026-11-18\\.csv"`));
    return parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
  };

  it('exports learners, status history, compliance, attendance and the review SLA', async () => {
    const learners = await rowsOf('learners.csv');
    const [{ n }] = await t.em().getConnection().execute(`select count(*)::int as n from learners`);
    expect(learners).toHaveLength(n);
    expect(Object.keys(learners[0])).toEqual(['learner_id', 'name', 'email', 'coach', 'status', 'status_changed_at', 'module_start_date', 'time_zone', 'added_at', 'first_judged_week']);

    const history = await rowsOf('status-history.csv');
    const [{ h }] = await t.em().getConnection().execute(`select count(*)::int as h from status_changes`);
    expect(history).toHaveLength(h);
    expect(history.every((r) => ['ENROLLMENT', 'MANUAL', 'EVALUATION'].includes(r.source))).toBe(true);

    await rowsOf('compliance.csv');
    const attendance = await rowsOf('attendance.csv');
    const [{ a }] = await t.em().getConnection().execute(`select count(*)::int as a from event_rsvps`);
    expect(attendance).toHaveLength(a);

    const sla = await rowsOf('review-sla.csv');
    const [{ reviewed }] = await t.em().getConnection().execute(`select count(distinct submission_id)::int as reviewed from feedback`);
    expect(sla.reduce((sum, r) => sum + Number(r.reviewed), 0)).toBe(reviewed);
    expect(sla.every((r) => Number(r.median_minutes_to_review) >= 0 && Number(r.reviewed_after_due) <= Number(r.reviewed))).toBe(true);
  });

  it('is for staff only, and names the exports when asked for another', async () => {
    const coach = t.tokenFor(await t.createUser(Role.COACH));
    expect((await download('learners.csv')).status).toBe(401);
    expect((await download('learners.csv', coach)).status).toBe(403);
    const missing = await download('passwords.csv', staff);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/learners\.csv, status-history\.csv, compliance\.csv, attendance\.csv, review-sla\.csv/);
  });
});
