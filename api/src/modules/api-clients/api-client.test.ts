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
    const [row] = await t.em().execute(`select key_hash from api_client_keys where client_id = ?`, [client.id]);
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

describe('API keys: expiry, rotation and last use', () => {
  let t: TestApp;
  let staff: User;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:10Z' });
    staff = await t.createUser(Role.STAFF);
  });
  afterAll(() => t.stop());

  const asStaff = (query: string, variables: Record<string, unknown> = {}) => t.gql(query, variables, t.tokenFor(staff));
  const create = async (expiresAt?: string) => {
    const res = await asStaff(
      `mutation($e: DateTimeISO) { createApiClient(name: "Reporting", scopes: ["events:read"], expiresAt: $e) { key issued { id keyPrefix expiresAt } client { id } } }`,
      { e: expiresAt },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createApiClient as { key: string; issued: { id: string; keyPrefix: string; expiresAt: string | null }; client: { id: string } };
  };
  const read = (key: string) => t.gql(`{ upcomingEvents { id } }`, {}, key);
  const keysOf = async (clientId: string) =>
    ((await asStaff(`{ apiClients { id lastUsedAt keys { id keyPrefix state expiresAt revokedAt lastUsedAt } } }`)).data!.apiClients as { id: string; lastUsedAt: string | null; keys: { id: string; state: string; lastUsedAt: string | null }[] }[]).find((c) => c.id === clientId)!;
  const at = (instant: string) => t.clock.set(instant);

  it('refuses a key past its expiry with UNAUTHENTICATED saying so, on either read path', async () => {
    at('2026-11-18T12:00:10Z');
    expectError(await asStaff(`mutation { createApiClient(name: "x", scopes: ["events:read"], expiresAt: "2026-11-18T12:00:00Z") { key } }`), 'BAD_USER_INPUT', 'expiresAt');
    const { key, issued, client } = await create('2026-11-18T13:00:30Z');
    expect(issued).toMatchObject({ keyPrefix: key.slice(0, 10), expiresAt: '2026-11-18T13:00:30.000Z' });
    at('2026-11-18T13:00:10Z');
    expect((await read(key)).errors).toBeUndefined(); // read now, and remembered for this minute
    at('2026-11-18T13:00:40Z');
    for (const res of [await read(key), await t.gql(`{ progress { totalCount } }`, {}, key)]) {
      expectError(res, 'UNAUTHENTICATED');
      expect(res.errors![0].message).toMatch(/API key has expired/);
    }
    expect((await keysOf(client.id)).keys).toEqual([expect.objectContaining({ state: 'EXPIRED' })]);
    const unknown = await read('wp_no-such-key');
    expectError(unknown, 'UNAUTHENTICATED');
    expect(unknown.errors![0].message).toMatch(/API key is not valid/);
  });

  it('rotates without a gap: two working keys at once, a third refused until the old one is revoked', async () => {
    at('2026-11-18T14:00:00Z');
    const first = await create();
    at('2026-11-18T14:05:00Z');
    const rotate = (clientId: string) =>
      asStaff(`mutation($c: ID!) { rotateApiClientKey(clientId: $c, expiresAt: "2027-11-18T00:00:00Z") { key issued { id state expiresAt } client { keys { id state } } } }`, { c: clientId });
    const second = (await rotate(first.client.id)).data!.rotateApiClientKey;
    expect(second.issued).toMatchObject({ state: 'ACTIVE', expiresAt: '2027-11-18T00:00:00.000Z' });
    expect(second.client.keys.map((k: { id: string }) => k.id)).toEqual([second.issued.id, first.issued.id]);
    expect((await read(first.key)).errors).toBeUndefined();
    expect((await read(second.key)).errors).toBeUndefined();
    expectError(await rotate(first.client.id), 'CONFLICT', 'clientId');

    const revoked = await asStaff(`mutation($k: ID!) { revokeApiClientKey(keyId: $k) { keys { id state } } }`, { k: first.issued.id });
    expect(revoked.data!.revokeApiClientKey.keys).toEqual([{ id: second.issued.id, state: 'ACTIVE' }, { id: first.issued.id, state: 'REVOKED' }]);
    expectError(await read(first.key), 'UNAUTHENTICATED');
    expect((await read(second.key)).errors).toBeUndefined();
    at('2026-11-18T14:10:00Z');
    const third = (await rotate(first.client.id)).data!.rotateApiClientKey;
    expect((await read(third.key)).errors).toBeUndefined();

    // Revoking the client refuses every key, and no key is issued for it any more.
    await asStaff(`mutation($id: ID!) { revokeApiClient(id: $id) { id } }`, { id: first.client.id });
    expectError(await read(second.key), 'UNAUTHENTICATED');
    expectError(await read(third.key), 'UNAUTHENTICATED');
    expect((await keysOf(first.client.id)).keys.map((k) => k.state)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);
    expectError(await rotate(first.client.id), 'CONFLICT', 'clientId');
    expectError(await asStaff(`mutation { revokeApiClientKey(keyId: "00000000-0000-4000-8000-000000000000") { id } }`), 'NOT_FOUND', 'keyId');
  });

  it('issues one key when rotations for a client with one key come at the same time', async () => {
    at('2026-11-18T16:00:00Z');
    const { client } = await create();
    const answers = await Promise.all(Array.from({ length: 6 }, () => asStaff(`mutation($c: ID!) { rotateApiClientKey(clientId: $c) { key } }`, { c: client.id })));
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    for (const refused of answers.filter((a) => a.errors)) expectError(refused, 'CONFLICT', 'clientId');
    expect((await keysOf(client.id)).keys).toHaveLength(2);
  });

  it('keeps "last used" exact to the minute, per key and for the client', async () => {
    at('2026-11-18T15:00:00Z');
    const { key, client } = await create();
    expect((await keysOf(client.id)).lastUsedAt).toBeNull();
    const uses: [string, string][] = [
      ['2026-11-18T15:00:10Z', '2026-11-18T15:00:00.000Z'],
      ['2026-11-18T15:00:50Z', '2026-11-18T15:00:00.000Z'],
      // 55 s after the last write: a once-every-60-seconds throttle would have kept 15:00 here.
      ['2026-11-18T15:01:05Z', '2026-11-18T15:01:00.000Z'],
      ['2026-11-18T15:01:59Z', '2026-11-18T15:01:00.000Z'],
      ['2026-11-18T15:07:00Z', '2026-11-18T15:07:00.000Z'],
    ];
    for (const [instant, shown] of uses) {
      at(instant);
      expect((await read(key)).errors).toBeUndefined();
      const found = await keysOf(client.id);
      expect([found.lastUsedAt, found.keys[0].lastUsedAt]).toEqual([shown, shown]);
    }
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
    const ask = () => fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"query":"{ upcomingEvents { id } }"}' });
    // Every answer to the key says what is left of its minute (the IETF draft's RateLimit-* fields), not only the 429.
    for (const remaining of [2, 1, 0]) {
      const ok = await ask();
      expect(ok.status).toBe(200);
      expect([ok.headers.get('ratelimit-limit'), ok.headers.get('ratelimit-remaining')]).toEqual(['3', String(remaining)]);
      expect(Number(ok.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(ok.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    }
    const over = await ask();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect([over.headers.get('ratelimit-limit'), over.headers.get('ratelimit-remaining')]).toEqual(['3', '0']);
    expect(Number(over.headers.get('ratelimit-reset'))).toBe(Number(over.headers.get('retry-after')));
  });
});
