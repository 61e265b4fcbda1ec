import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

describe('API clients', () => {
  let t: TestApp;
  let staff: User;
  let coachA: User;
  let coachB: User;
  let learnerA: Awaited<ReturnType<TestApp['createLearner']>>;
  let learnerB: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coachA = await t.createUser(Role.COACH);
    coachB = await t.createUser(Role.COACH);
    learnerA = await t.createLearner(coachA, { name: 'Ada A' });
    learnerB = await t.createLearner(coachB, { name: 'Bea B' });
  });
  afterAll(() => t.stop());

  const create = async (scopes: string[], coachId?: string) => {
    const res = await t.gql(
      `mutation($s: [String!]!, $c: ID) { createApiClient(name: "View Progress page", scopes: $s, coachId: $c) { key client { id keyPrefix scopes } } }`,
      { s: scopes, c: coachId },
      t.tokenFor(staff),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createApiClient as { key: string; client: { id: string; keyPrefix: string; scopes: string[] } };
  };

  it('shows the key once, stores only its hash, and lets staff alone manage clients', async () => {
    const { key, client } = await create(['progress:read']);
    expect(key).toMatch(/^wp_[\w-]{40,}$/);
    expect(key.startsWith(client.keyPrefix)).toBe(true);
    const [row] = await t.em().execute(`select key_hash from api_clients where id = ?`, [client.id]);
    expect(row.key_hash).not.toContain(key.slice(3));
    expect(JSON.stringify(await t.snapshot())).not.toContain(key.slice(3));
    expectError(await t.gql(`mutation { createApiClient(name: "x", scopes: ["progress:read"]) { key } }`, {}, t.tokenFor(coachA)), 'FORBIDDEN');
    expectError(await t.gql(`mutation { createApiClient(name: "x", scopes: ["admin:all"]) { key } }`, {}, t.tokenFor(staff)), 'BAD_USER_INPUT', 'scopes');
  });

  it('enforces scopes on every field: progress:read sees counts and status, not names or emails', async () => {
    const { key } = await create(['progress:read']);
    const ok = await t.gql(`{ progress(first: 10) { totalCount nodes { learnerId applications interviews status learner { id status } } } }`, {}, key);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.progress.totalCount).toBe(2);
    expectError(await t.gql(`{ progress(first: 10) { nodes { learner { email } } } }`, {}, key), 'FORBIDDEN');
    expectError(await t.gql(`{ allLearners { id } }`, {}, key), 'FORBIDDEN');
    expectError(await t.gql(`{ reviewQueue { id } }`, {}, key), 'FORBIDDEN');
    expectError(await t.gql(`mutation { recordJobActivity(input: { learnerId: "${learnerA.learner.id}", kind: APPLICATION, company: "x", role: "y", occurredAt: "2026-11-18T10:00:00Z" }) { id } }`, {}, key), 'FORBIDDEN');

    const both = (await create(['progress:read', 'learners:read'])).key;
    const named = await t.gql(`{ allLearners { name email } progress(first: 10) { nodes { learner { name email } } } }`, {}, both);
    expect(named.errors).toBeUndefined();
    expect(named.data!.allLearners.map((l: { name: string }) => l.name).sort()).toEqual(['Ada A', 'Bea B']);
    expectError(await t.gql(`{ allLearners { statusHistory { reason } } }`, {}, both), 'FORBIDDEN');
  });

  it("keeps a key limited to coach A away from coach B's learners", async () => {
    const { key } = await create(['progress:read', 'learners:read'], coachA.id);
    const page = (await t.gql(`{ progress(first: 10) { totalCount nodes { learnerId } } allLearners { id } }`, {}, key)).data!;
    expect(page.progress.nodes).toEqual([{ learnerId: learnerA.learner.id }]);
    expect(page.progress.totalCount).toBe(1);
    expect(page.allLearners).toEqual([{ id: learnerA.learner.id }]);
    expectError(await t.gql(`query($id: ID!) { learnerProgress(learnerId: $id) { applications } }`, { id: learnerB.learner.id }, key), 'NOT_FOUND', 'learnerId');
    expectError(await t.gql(`query($id: ID!) { Learner(id: $id) { id } }`, { id: learnerB.learner.id }, key), 'NOT_FOUND');
  });

  it('refuses a revoked key at once, and an unknown one', async () => {
    const { key, client } = await create(['progress:read']);
    expect((await t.gql(`{ progress { totalCount } }`, {}, key)).errors).toBeUndefined();
    await t.gql(`mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }`, { id: client.id }, t.tokenFor(staff));
    expectError(await t.gql(`{ progress { totalCount } }`, {}, key), 'UNAUTHENTICATED');
    expectError(await t.gql(`{ progress { totalCount } }`, {}, 'wp_not-a-real-key'), 'UNAUTHENTICATED');
    const list = (await t.gql(`{ apiClients { id revokedAt lastUsedAt } }`, {}, t.tokenFor(staff))).data!.apiClients;
    expect(list.find((c: { id: string }) => c.id === client.id)).toMatchObject({ revokedAt: '2026-11-18T12:00:00.000Z', lastUsedAt: '2026-11-18T12:00:00.000Z' });
  });
});

describe('API client rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { rateLimitPerMinute: 3 } });
  });
  afterAll(() => t.stop());

  it('answers 429 with Retry-After once a key exceeds its requests a minute', async () => {
    const staff = await t.createUser(Role.STAFF);
    const { key } = (await t.gql(`mutation { createApiClient(name: "Partner", scopes: ["events:read"]) { key } }`, {}, t.tokenFor(staff))).data!.createApiClient;
    for (let i = 0; i < 3; i++) expect((await t.gql(`{ upcomingEvents { id } }`, {}, key)).status).toBe(200);
    const over = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"query":"{ upcomingEvents { id } }"}' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
