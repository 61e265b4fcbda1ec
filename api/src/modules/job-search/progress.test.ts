import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const PROGRESS = `query($id: ID!, $days: Int) { learnerProgress(learnerId: $id, days: $days) {
  days windowStart applications interviews daily { date applications interviews } weekly { moduleWeek applications }
  goals { area weeklyTarget actualThisWeek } requiredActivities { kind met } lastHuntrActionAt daysSinceHuntrAction moduleWeek status } }`;

describe('job-search progress', () => {
  let t: TestApp;
  let coach: User;

  // Wednesday 18 Nov 2026, 12:00 UTC.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    coach = await t.createUser(Role.COACH);
  });
  afterAll(() => t.stop());

  const record = async (l: Awaited<ReturnType<TestApp['createLearner']>>, kind: string, occurredAt: string) => {
    const res = await t.gql(
      `mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id } }`,
      { i: { learnerId: l.learner.id, kind, company: 'Acme', role: 'Developer', occurredAt } },
      t.tokenFor(coach),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };

  it.each([
    // Tonga is UTC+13: today there is 19 Nov; the 7-day window starts 13 Nov 00:00 local = 12 Nov 11:00 UTC.
    { zone: 'Pacific/Tongatapu', before: '2026-11-12T10:59:00Z', inside: '2026-11-12T11:01:00Z', first: '2026-11-13' },
    // Honolulu is UTC-10: today there is 18 Nov; the window starts 12 Nov 00:00 local = 12 Nov 10:00 UTC.
    { zone: 'Pacific/Honolulu', before: '2026-11-12T09:59:00Z', inside: '2026-11-12T10:01:00Z', first: '2026-11-12' },
  ])('counts the last 7 learner-local days in $zone, edges included', async ({ zone, before, inside, first }) => {
    const l = await t.createLearner(coach, { timeZone: zone, moduleStartDate: '2026-11-02' });
    await record(l, 'APPLICATION', before);
    await record(l, 'APPLICATION', inside);
    await record(l, 'INTERVIEW', '2026-11-18T11:00:00Z');
    const p = (await t.gql(PROGRESS, { id: l.learner.id, days: 7 }, l.token)).data!.learnerProgress;
    expect(p).toMatchObject({ days: 7, applications: 1, interviews: 1, status: 'ENROLLED' });
    expect(p.daily).toHaveLength(7);
    expect(p.daily[0]).toEqual({ date: first, applications: 1, interviews: 0 });
    expect(p.daily.reduce((n: number, d: { applications: number }) => n + d.applications, 0)).toBe(1);
    // The weekly series still counts the one just outside the window.
    expect(p.weekly.reduce((n: number, w: { applications: number }) => n + w.applications, 0)).toBe(2);
  });

  it('shows goals against actual, the week\'s required activities and how fresh the data is', async () => {
    const l = await t.createLearner(coach, { timeZone: 'UTC', moduleStartDate: '2026-11-16' });
    await t.submit(l, 'SMART_GOALS', '2026-11-16T09:00:00Z');
    t.clock.set('2026-11-18T12:00:00Z');
    await record(l, 'APPLICATION', '2026-11-17T09:00:00Z');
    await record(l, 'APPLICATION', '2026-11-18T09:00:00Z');
    const p = (await t.gql(PROGRESS, { id: l.learner.id }, t.tokenFor(coach))).data!.learnerProgress;
    expect(p.goals).toContainEqual({ area: 'APPLICATIONS', weeklyTarget: 15, actualThisWeek: 2 });
    expect(p.goals).toContainEqual({ area: 'NETWORKING', weeklyTarget: null, actualThisWeek: null });
    expect(p.requiredActivities).toEqual([{ kind: 'SMART_GOALS', met: true }, { kind: 'WEEKLY_RETROSPECTIVE', met: false }]);
    expect(p).toMatchObject({ moduleWeek: 1, lastHuntrActionAt: null, daysSinceHuntrAction: null });
  });

  it('pages through many learners with a cursor and a total, in one statement a page', async () => {
    const c2 = await t.createUser(Role.COACH);
    const many = await Promise.all(Array.from({ length: 5 }, () => t.createLearner(c2, { moduleStartDate: '2026-11-02' })));
    for (const l of many) await record(l, 'APPLICATION', '2026-11-17T09:00:00Z');
    const query = `query($after: String, $f: ProgressFilter) { progress(first: 2, after: $after, filter: $f) {
      totalCount pageInfo { endCursor hasNextPage } nodes { learnerId applications learner { id } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      t.resetQueryCount();
      const page: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: { learnerId: string; applications: number }[] } =
        (await t.gql(query, { after, f: { coachId: c2.id } }, t.tokenFor(c2))).data!.progress;
      // One compiled statement (the viewer checked inside it); the first page also reads the viewer.
      expect(t.queryCount).toBe(i === 0 ? 2 : 1);
      expect(page.totalCount).toBe(5);
      seen.push(...page.nodes.map((n) => n.learnerId));
      expect(page.nodes.every((n) => n.applications === 1)).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(many.map((m) => m.learner.id).sort());

    // A learner sees only themselves.
    const own = (await t.gql(query, { after: null, f: null }, many[0].token)).data!.progress;
    expect(own.nodes.map((n: { learnerId: string }) => n.learnerId)).toEqual([many[0].learner.id]);
    expectError(await t.gql(PROGRESS, { id: many[1].learner.id }, many[0].token), 'FORBIDDEN');
  });

  it('answers a page of 200 and one learner\'s progress in one statement each, viewer included, with goals and required activities too', async () => {
    const c3 = await t.createUser(Role.COACH);
    const many = await Promise.all(Array.from({ length: 12 }, () => t.createLearner(c3, { moduleStartDate: '2026-11-02' })));
    const count = async (query: string, variables: Record<string, unknown>) => {
      t.resetQueryCount();
      const res = await t.gql(query, variables, t.tokenFor(c3));
      expect(res.errors).toBeUndefined();
      return t.queryCount;
    };
    const page = `query($f: ProgressFilter) { progress(first: 200, filter: $f) { totalCount nodes { learnerId applications interviews } } }`;
    // The viewer's first request reads the viewer, then one statement; after that the statement checks the viewer itself.
    expect(await count(page, { f: { coachId: c3.id } })).toBe(2);
    expect(await count(page, { f: { coachId: c3.id } })).toBe(1);
    // Every field compiles, goals and required activities included: still one statement.
    const full = `query($f: ProgressFilter) { progress(first: 200, filter: $f) { totalCount nodes {
      applications daily { date } weekly { moduleWeek } goals { area } lastHuntrActionAt daysSinceHuntrAction funnel { offers } requiredActivities { met } } } }`;
    expect(await count(full, { f: { coachId: c3.id } })).toBe(1);
    const one = `query($id: ID!) { learnerProgress(learnerId: $id) { applications interviews daily { date applications interviews } } }`;
    expect(await count(one, { id: many[0].learner.id })).toBe(1);
  });

  it('refuses bad windows, page sizes and cursors with coded errors', async () => {
    const l = await t.createLearner(coach);
    expectError(await t.gql(PROGRESS, { id: l.learner.id, days: 0 }, t.tokenFor(coach)), 'BAD_USER_INPUT', 'days');
    expectError(await t.gql(PROGRESS, { id: l.learner.id, days: 400 }, t.tokenFor(coach)), 'BAD_USER_INPUT', 'days');
    expectError(await t.gql(`{ progress(first: 201) { totalCount } }`, {}, t.tokenFor(coach)), 'BAD_USER_INPUT', 'first');
    expectError(await t.gql(`{ progress(after: "not-a-cursor") { totalCount } }`, {}, t.tokenFor(coach)), 'BAD_USER_INPUT', 'after');
    // Shaped like one this API makes, but not a UUID inside: refused here, not by PostgreSQL (a 500).
    for (const id of ['-'.repeat(36), `${'0'.repeat(35)}-`]) {
      const forged = Buffer.from(`learner:${id}`).toString('base64url');
      expectError(await t.gql(`query($after: String) { progress(after: $after) { totalCount } }`, { after: forged }, t.tokenFor(coach)), 'BAD_USER_INPUT', 'after');
    }
    expectError(await t.gql(`{ progress(days: 0) { totalCount } }`, {}, t.tokenFor(coach)), 'BAD_USER_INPUT', 'days');
  });
});
