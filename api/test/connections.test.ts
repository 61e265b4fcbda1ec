import { TestApp, expectError, type GqlResponse } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';

/**
 * Cursor connections end to end over HTTP: paging through every connection in every order, a small page at a time,
 * gives each row exactly once and in the order the database sorts them (ties on the first key included); the
 * filters and who may see what hold on every page; bad input is BAD_USER_INPUT naming the argument; a page whose
 * every field compiles is one statement. The oracle for "every row, in order" is a plain SQL query per case.
 */

type Learners = Awaited<ReturnType<TestApp['createLearner']>>[];

interface Case {
  /** The connection's root field and its arguments besides first/after. */
  field: string;
  args: string;
  /** Variables the arguments use, with their types. */
  vars?: { decl: string; values: Record<string, unknown> };
  /** SQL giving the ids in the expected order (the oracle). */
  expected: string;
  params?: unknown[];
}

describe('cursor connections', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let other: User;
  let learners: Learners;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Ada Coach' });
    other = await t.createUser(Role.COACH, { name: 'Grace Coach' });
    // Ties on every key: three learners named alike, four added at the same instant, two starts shared.
    const same = new Date('2026-10-01T09:00:00.123456Z');
    learners = [];
    for (let i = 0; i < 9; i++) {
      learners.push(
        await t.createLearner(i % 3 === 0 ? other : coach, {
          name: ['Tie', 'Tie', 'Tie', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus'][i],
          moduleStartDate: i % 2 ? '2026-11-02' : '2026-11-09',
          createdAt: i < 4 ? same : new Date(Date.parse('2026-10-02T00:00:00Z') + i * 1000),
          status: i === 4 ? ('AT_RISK' as never) : undefined,
        }),
      );
    }
    // Submissions, job activities, meetings and events, each with ties on its time: written in SQL, several per instant.
    const conn = t.em().getConnection();
    for (const [i, l] of learners.entries()) {
      for (const at of ['2026-11-10T10:00:00Z', '2026-11-11T10:00:00Z']) await t.submit(l, i % 2 ? 'WEEKLY_RETROSPECTIVE' : 'APPLICATION_MATERIAL', at);
    }
    await conn.execute(`update submissions set submitted_at = '2026-11-12T09:00:00.5Z', updated_at = '2026-11-12T09:00:00.5Z' where learner_id = any(?::uuid[])`, [`{${learners.slice(0, 5).map((l) => l.learner.id)}}`]);
    await conn.execute(
      `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, created_at)
       select gen_random_uuid(), l.id, case when g % 3 = 0 then 'INTERVIEW' else 'APPLICATION' end::job_activity_kind, 'Co ' || g, 'Dev',
              timestamptz '2026-11-01T00:00:00Z' + (g % 4) * interval '1 day', 'MANUAL', timestamptz '2026-11-02T00:00:00Z' + (g % 2) * interval '1 hour'
       from learners l cross join generate_series(1, 3) g`,
    );
    await conn.execute(
      `insert into meetings (id, learner_id, coach_id, topic, windows, requested_at)
       select gen_random_uuid(), l.id, l.coach_id, 'GENERAL', '[]', timestamptz '2026-11-05T00:00:00Z' + (g % 2) * interval '1 minute'
       from learners l cross join generate_series(1, 2) g`,
    );
    await conn.execute(
      `insert into coaching_events (id, type, title, facilitator_id, starts_at, ends_at, capacity)
       select gen_random_uuid(), case when g % 2 = 0 then 'WORKSHOP' else 'Q_AND_A' end::event_type, 'Event ' || g, ?,
              timestamptz '2026-12-01T10:00:00Z' + (g % 3) * interval '1 day', timestamptz '2026-12-01T11:00:00Z' + (g % 3) * interval '1 day', 10
       from generate_series(1, 7) g`,
      [coach.id],
    );
  });
  afterAll(() => t.stop());

  /** Every page of a connection, `first` at a time: the ids in order, the pages' pageInfo, and totalCount of each page. */
  async function pageThrough(c: Case, token: string, first: number) {
    const query = `query($first: Int, $after: String${c.vars ? `, ${c.vars.decl}` : ''}) {
      c: ${c.field}(first: $first, after: $after${c.args ? `, ${c.args}` : ''}) {
        totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let n = 0; n < 100; n++) {
      const res: GqlResponse = await t.gql(query, { first, after, ...c.vars?.values }, token);
      expect(res.errors).toBeUndefined();
      const page: Record<string, any> = res.data!.c;
      totals.add(page.totalCount);
      expect(page.nodes.map((x: { id: string }) => x.id)).toEqual(page.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      ids.push(...page.nodes.map((x: { id: string }) => x.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.nodes).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    return { ids, totals: [...totals] };
  }

  async function expectAllInOrder(c: Case, token: string) {
    const expected = (await t.em().getConnection().execute<{ id: string }[]>(c.expected, c.params ?? [])).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const first of [1, 2, 50]) {
      const { ids, totals } = await pageThrough(c, token, first);
      expect({ first, ids }).toEqual({ first, ids: expected });
      expect(totals).toEqual([expected.length]);
    }
  }

  const learnerOrders: [string, string][] = [
    ['NAME_ASC', 'u.name asc, u.id asc'],
    ['NAME_DESC', 'u.name desc, u.id desc'],
    ['CREATED_AT_ASC', 'l.created_at asc, l.id asc'],
    ['CREATED_AT_DESC', 'l.created_at desc, l.id desc'],
    ['MODULE_START_DATE_ASC', 'l.module_start_date asc, l.id asc'],
    ['MODULE_START_DATE_DESC', 'l.module_start_date desc, l.id desc'],
    ['STATUS_CHANGED_AT_ASC', 'l.status_changed_at asc, l.id asc'],
    ['STATUS_CHANGED_AT_DESC', 'l.status_changed_at desc, l.id desc'],
  ];
  const learnersIn = (order: string, where = 'true') => `select l.id from learners l join users u on u.id = l.user_id where ${where} order by ${order}`;

  it.each(learnerOrders)('learners in %s: every learner once, in order, a page at a time', async (orderBy, sql) => {
    await expectAllInOrder({ field: 'learners', args: `orderBy: ${orderBy}`, expected: learnersIn(sql) }, t.tokenFor(staff));
  });

  it('learners: filters, and who may see whom', async () => {
    const byCoach = { field: 'learners', args: 'filter: { coachId: $c }', vars: { decl: '$c: ID', values: { c: other.id } } };
    await expectAllInOrder({ ...byCoach, expected: learnersIn('u.name, u.id', 'l.coach_id = ?'), params: [other.id] }, t.tokenFor(coach));
    await expectAllInOrder({ field: 'learners', args: 'filter: { status: AT_RISK }', expected: learnersIn('u.name, u.id', `l.status = 'AT_RISK'`) }, t.tokenFor(staff));
    // A learner sees only themselves.
    const me = learners[5];
    await expectAllInOrder({ field: 'learners', args: '', expected: learnersIn('u.name', 'l.id = ?'), params: [me.learner.id] }, me.token);
    // A key limited to a coach: that coach's learners, whatever coach the filter names.
    const created = await t.gql(`mutation($c: ID) { createApiClient(name: "Roster", scopes: ["learners:read"], coachId: $c) { key } }`, { c: coach.id }, t.tokenFor(staff));
    const key = created.data!.createApiClient.key as string;
    await expectAllInOrder({ field: 'learners', args: 'orderBy: CREATED_AT_DESC', expected: learnersIn('l.created_at desc, l.id desc', 'l.coach_id = ?'), params: [coach.id] }, key);
    const res = await t.gql(`query($c: ID) { learners(filter: { coachId: $c }) { totalCount nodes { id } } }`, { c: other.id }, key);
    expect(res.data!.learners).toEqual({ totalCount: 0, nodes: [] });
  });

  const OTHER_CASES: [string, Case][] = [
    ['submissions newest first', { field: 'submissions', args: '', expected: `select s.id from submissions s order by s.submitted_at desc, s.id desc` }],
    ['submissions oldest first', { field: 'submissions', args: 'orderBy: SUBMITTED_AT_ASC', expected: `select s.id from submissions s order by s.submitted_at, s.id` }],
    ['submissions by change', { field: 'submissions', args: 'orderBy: UPDATED_AT_DESC', expected: `select s.id from submissions s order by s.updated_at desc, s.id desc` }],
    [
      'submissions of a kind',
      { field: 'submissions', args: 'filter: { kind: WEEKLY_RETROSPECTIVE }', expected: `select s.id from submissions s where s.kind = 'WEEKLY_RETROSPECTIVE' order by s.submitted_at desc, s.id desc` },
    ],
    ['job activities newest first', { field: 'jobActivities', args: '', expected: `select a.id from job_activities a order by a.occurred_at desc, a.id desc` }],
    ['job activities by creation', { field: 'jobActivities', args: 'orderBy: CREATED_AT_ASC', expected: `select a.id from job_activities a order by a.created_at, a.id` }],
    [
      'interviews since a day',
      {
        field: 'jobActivities',
        args: 'orderBy: OCCURRED_AT_ASC, filter: { kinds: [INTERVIEW], occurredFrom: "2026-11-02T00:00:00Z" }',
        expected: `select a.id from job_activities a where a.kind = 'INTERVIEW' and a.occurred_at >= '2026-11-02T00:00:00Z' order by a.occurred_at, a.id`,
      },
    ],
    ['meetings newest request first', { field: 'meetings', args: '', expected: `select m.id from meetings m order by m.requested_at desc, m.id desc` }],
    ['meetings by change', { field: 'meetings', args: 'orderBy: UPDATED_AT_ASC', expected: `select m.id from meetings m order by m.updated_at, m.id` }],
    ['events by start', { field: 'coachingEvents', args: '', expected: `select e.id from coaching_events e order by e.starts_at, e.id` }],
    ['events by start, latest first', { field: 'coachingEvents', args: 'orderBy: STARTS_AT_DESC', expected: `select e.id from coaching_events e order by e.starts_at desc, e.id desc` }],
    [
      'workshops in a range',
      {
        field: 'coachingEvents',
        args: 'filter: { types: [WORKSHOP], startsFrom: "2026-12-02T00:00:00Z", startsBefore: "2026-12-04T00:00:00Z" }',
        expected: `select e.id from coaching_events e where e.type = 'WORKSHOP' and e.starts_at >= '2026-12-02' and e.starts_at < '2026-12-04' order by e.starts_at, e.id`,
      },
    ],
  ];

  it.each(OTHER_CASES)('%s: every row once, in order, a page at a time', async (_name, c) => {
    await expectAllInOrder(c, t.tokenFor(staff));
  });

  it('gives a learner only their own submissions, job activities and meetings, on every page', async () => {
    const me = learners[4];
    const own = (table: string, alias: string, order: string) => `select ${alias}.id from ${table} ${alias} where ${alias}.learner_id = '${me.learner.id}' order by ${order}`;
    await expectAllInOrder({ field: 'submissions', args: '', expected: own('submissions', 's', 's.submitted_at desc, s.id desc') }, me.token);
    await expectAllInOrder({ field: 'jobActivities', args: '', expected: own('job_activities', 'a', 'a.occurred_at desc, a.id desc') }, me.token);
    await expectAllInOrder({ field: 'meetings', args: '', expected: own('meetings', 'm', 'm.requested_at desc, m.id desc') }, me.token);
    // Naming another learner's gives nothing.
    const theirs = await t.gql(`query($l: ID) { submissions(filter: { learnerId: $l }) { totalCount } jobActivities(filter: { learnerId: $l }) { totalCount } }`, { l: learners[0].learner.id }, me.token);
    expect(theirs.data).toEqual({ submissions: { totalCount: 0 }, jobActivities: { totalCount: 0 } });
  });

  it('lets an events:read key page through events, and no other list', async () => {
    const created = await t.gql(`mutation { createApiClient(name: "Calendar", scopes: ["events:read"]) { key } }`, undefined, t.tokenFor(staff));
    const key = created.data!.createApiClient.key as string;
    await expectAllInOrder({ field: 'coachingEvents', args: '', expected: `select e.id from coaching_events e order by e.starts_at, e.id` }, key);
    expectError(await t.gql(`{ jobActivities { totalCount } }`, undefined, key), 'FORBIDDEN');
    expectError(await t.gql(`{ submissions { totalCount } }`, undefined, key), 'FORBIDDEN');
  });

  it('answers a page of each in one statement', async () => {
    const token = t.tokenFor(staff);
    const docs = [
      `{ submissions(first: 5) { totalCount edges { cursor node { id kind status submittedAt dueAt learner { name } latestFeedback { body } } } pageInfo { hasNextPage endCursor } } }`,
      `{ jobActivities(first: 5) { totalCount nodes { id kind company role occurredAt source stage } pageInfo { hasNextPage endCursor } } }`,
      `{ meetings(first: 5) { totalCount nodes { id topic status requestedAt startsAt } pageInfo { hasNextPage } } }`,
      `{ coachingEvents(first: 5) { totalCount nodes { id type title startsAt endsAt capacity status } pageInfo { hasNextPage } } }`,
    ];
    await t.gql(docs[0], undefined, token);
    for (const doc of docs) {
      t.resetQueryCount();
      const res = await t.gql(doc, undefined, token);
      expect(res.errors).toBeUndefined();
      expect({ doc, statements: t.queryCount }).toEqual({ doc, statements: 1 });
    }
  });

  it('refuses bad input, naming the argument', async () => {
    const token = t.tokenFor(staff);
    const ask = (args: string) => t.gql(`{ learners(${args}) { nodes { id } } }`, undefined, token);
    expectError(await ask('first: 201'), 'BAD_USER_INPUT', 'first');
    expectError(await ask('first: -1'), 'BAD_USER_INPUT', 'first');
    expectError(await ask('after: "bad cursor!"'), 'BAD_USER_INPUT', 'after');
    expectError(await ask(`after: "${Buffer.from('["NAME_ASC", "x"]').toString('base64url')}"`), 'BAD_USER_INPUT', 'after');
    expectError(await ask(`after: "${Buffer.from('["NAME_ASC", "x", "not-a-uuid"]').toString('base64url')}"`), 'BAD_USER_INPUT', 'after');
    expectError(await ask(`after: "${Buffer.from('["CREATED_AT_ASC", "2026-13-01T00:00:00.000000Z", "00000000-0000-4000-8000-000000000000"]').toString('base64url')}"`), 'BAD_USER_INPUT', 'after');
    // A cursor made in one order does not continue another.
    const page = await t.gql(`{ learners(first: 1) { pageInfo { endCursor } } }`, undefined, token);
    expectError(await ask(`orderBy: CREATED_AT_ASC, after: "${page.data!.learners.pageInfo.endCursor}"`), 'BAD_USER_INPUT', 'after');
  });

  it('answers a page in one statement, with first: 0 giving the count alone', async () => {
    const token = t.tokenFor(staff);
    await t.gql(`{ learners(first: 1) { totalCount } }`, undefined, token);
    t.resetQueryCount();
    const res = await t.gql(`{ learners(first: 3, orderBy: NAME_DESC) { totalCount edges { cursor node { id name coach { name } moduleWeek } } pageInfo { hasNextPage endCursor } } }`, undefined, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.learners.edges).toHaveLength(3);
    expect(t.queryCount).toBe(1);
    const empty = await t.gql(`{ learners(first: 0) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, undefined, token);
    expect(empty.data!.learners).toEqual({ totalCount: learners.length, nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('answers through the resolvers what it does not compile, the same', async () => {
    const token = t.tokenFor(staff);
    const query = `{ learners(first: 4, orderBy: CREATED_AT_ASC) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const compiled = await t.gql(query, undefined, token);
    t.resetQueryCount();
    const resolved = await t.gql(query.replace('node { id name }', 'node { id name statusHistory { to } }'), undefined, token);
    expect(t.queryCount).toBeGreaterThan(1);
    expect(resolved.data!.learners.edges.map((e: { cursor: string }) => e.cursor)).toEqual(compiled.data!.learners.edges.map((e: { cursor: string }) => e.cursor));
    expect(resolved.data!.learners.pageInfo).toEqual(compiled.data!.learners.pageInfo);
  });
});
