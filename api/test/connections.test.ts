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
