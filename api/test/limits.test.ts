import net from 'node:net';
import pg from 'pg';
import { TestApp, TEST_PASSWORD, contentFor, expectError } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { REQUEST_LIMITS } from '../src/common/limits';

/** Each request limit, exceeded once, answered with a coded error and no data. */
describe('request limits', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await TestApp.start();
    token = t.tokenFor(await t.createUser(Role.STAFF));
  });
  afterAll(() => t.stop());

  const refused = async (query: string, pattern: RegExp) => {
    const res = await t.gql(query, {}, token);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(pattern);
  };

  it('limits depth', async () => {
    const nest = (levels: number): string => (levels === 0 ? 'id' : `id learner { coach { ${nest(levels - 1)} } }`);
    const ok = await t.gql(`{ me { ${nest(4)} } }`, {}, token);
    expect(ok.errors).toBeUndefined();
    await refused(`{ me { ${nest(6)} } }`, /depth limit of 12/i);
  });

  it('limits aliases', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ');
    expect((await t.gql(`{ ${aliases(REQUEST_LIMITS.maxAliases)} }`, {}, token)).errors).toBeUndefined();
    await refused(`{ ${aliases(REQUEST_LIMITS.maxAliases + 1)} }`, /aliases/i);
  });

  it('limits cost', async () => {
    // Wide selections at depth: cost grows with 1.5 to the power of depth.
    const wide = 'id name email role active timeZone createdAt updatedAt';
    const nest = (levels: number): string => (levels === 0 ? wide : `${wide} learner { id status coach { ${nest(levels - 1)} } }`);
    const heavy = (n: number) => Array.from({ length: n }, (_, i) => `u${i}: allUsers(perPage: 200) { ${nest(5)} }`).join(' ');
    expect((await t.gql(`{ ${heavy(5)} }`, {}, token)).errors).toBeUndefined(); // cost about 8,900
    await refused(`{ ${heavy(REQUEST_LIMITS.maxAliases)} }`, /cost limit of 20000/i); // about 35,600, depth 11
  });

  it('counts work at the page sizes asked for, variables included: deep nested lists are refused before they run', async () => {
    const token = t.tokenFor(await t.createUser(Role.COACH));
    // 200 submissions × a learner's × theirs again: passes depth, aliases, tokens and cost, not work.
    const nested = `query($n: Int) { allSubmissions(perPage: $n) { id learner { submissions { id learner { submissions { id kind status } } } } } }`;
    const started = Date.now();
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: nested, variables: { n: 200 } }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', work: expect.any(Number) });
    expect(body.errors[0].message).toMatch(/asks for too much/);
    expect(Date.now() - started).toBeLessThan(2000);
    // The same shape with small pages is fine.
    expect((await t.gql(nested, { n: 2 }, token)).errors).toBeUndefined();
  });

  it('runs only a few expensive documents of one caller at once', async () => {
    const token = t.tokenFor(await t.createUser(Role.COACH));
    const fields = 'id kind status text link versionNumber reviewRequested revision submittedAt openToAllAt claimedAt reviewedAt';
    const heavy = `{ allLearners(perPage: 200) { id a: submissions { ${fields} } b: submissions { ${fields} } c: submissions { ${fields} } } }`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.gql(heavy, {}, token)));
    const codes = answers.map((a) => (a.errors ? String(a.errors[0].extensions!.code) : 'OK'));
    expect(codes.filter((c) => c === 'OK').length).toBeGreaterThanOrEqual(REQUEST_LIMITS.maxExpensiveInFlight);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a.errors).every((a) => a.status === 429)).toBe(true);
    // Once they are done, the next one runs.
    expect((await t.gql(heavy, {}, token)).errors).toBeUndefined();
  });

  it('limits tokens', async () => {
    await refused(`{ me { ${'id '.repeat(REQUEST_LIMITS.maxTokens)} } }`, /token/i);
  });

  it('limits directives', async () => {
    await refused(`{ me { id ${'@include(if: true) '.repeat(REQUEST_LIMITS.maxDirectives + 1)} } }`, /directive/i);
  });

  it('refuses batched requests, and GET requests without a preflight header (CSRF)', async () => {
    const batch = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
    const csrf = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/Cross-Site Request Forgery/i);
  });

  it('caps page sizes in argument validation', async () => {
    const res = await t.gql(`query($n: Int) { allLearners(perPage: $n) { id } }`, { n: 201 }, token);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'perPage' });
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { env: 'production' } });
  });
  afterAll(() => t.stop());

  it('turns introspection and field suggestions off', async () => {
    const token = t.tokenFor(await t.createUser(Role.STAFF));
    const intro = await t.gql('{ __schema { types { name } } }', {}, token);
    expect(intro.errors![0].message).toMatch(/introspection/i);
    const typo = await t.gql('{ allLearnerz { id } }', {}, token);
    expect(typo.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors![0].message).not.toMatch(/did you mean/i);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { rateLimitPerMinute: 5 } });
  });
  afterAll(() => t.stop());

  it('answers 429 with Retry-After once a caller exceeds its requests a minute, counting each caller apart', async () => {
    const a = t.tokenFor(await t.createUser(Role.STAFF));
    const b = t.tokenFor(await t.createUser(Role.COACH));
    for (let i = 0; i < 5; i++) expect((await t.gql('{ me { id } }', {}, a)).status).toBe(200);
    const over = await t.gql('{ me { id } }', {}, a);
    expect(over.status).toBe(429);
    expect(over.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const raw = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a}` }, body: '{"query":"{ me { id } }"}' });
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.gql('{ me { id } }', {}, b)).status).toBe(200);
  });

  it('counts a bearer string that does not check out against the address: a random token earns no allowance of its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.gql('{ me { id } }', {}, `random-${i}-${Math.random()}`)).status);
    // The address may have spent some of its five on earlier anonymous requests; past five, every one is refused.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const login = (email: string, password: string) => t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });

  it('holds an email back after five wrong passwords, the right one included, and counts every aliased login', async () => {
    const coach = await t.createUser(Role.COACH);
    for (let i = 0; i < 5; i++) expectError(await login(coach.email, `wrong guess number ${i}`), 'UNAUTHENTICATED');
    const held = await login(coach.email, TEST_PASSWORD);
    expect(held.status).toBe(429);
    expect(held.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(held.data?.login ?? null).toBeNull();

    // Aliases give no free attempts: every login that runs counts, whatever document it is in.
    const other = await t.createUser(Role.COACH);
    const aliased = `mutation($e: String!) { ${Array.from({ length: 6 }, (_, i) => `a${i}: login(email: $e, password: "wrong guess ${i}") { token }`).join(' ')} }`;
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(...(await t.gql(aliased, { e: other.email })).errors!.map((e) => String(e.extensions!.code)));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect((await login(other.email, TEST_PASSWORD)).status).toBe(429);

    // Another person's sign-in from elsewhere is not held back by it (this address has spent at most 11 of its 30).
    const third = await t.createUser(Role.COACH);
    expect((await login(third.email, TEST_PASSWORD)).data!.login.token).toBeTruthy();
  });
});

describe('answer size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { responseLimitBytes: 4096 } });
  });
  afterAll(() => t.stop());

  it('sends no answer over the limit: a coded error says how large it would have been', async () => {
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    for (let i = 0; i < 40; i++) await t.createUser(Role.COACH);
    const big = await t.gql(`{ allUsers(perPage: 200) { id email name role timeZone createdAt updatedAt } }`, {}, staff);
    expect(big.status).toBe(400);
    expect(big.data ?? null).toBeNull();
    expect(big.errors![0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 4096, bytes: expect.any(Number) });
    expect(big.errors![0].extensions!.bytes as number).toBeGreaterThan(4096);
    expect((await t.gql(`{ allUsers(perPage: 5) { id } }`, {}, staff)).errors).toBeUndefined();
  });
});

describe('request timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { requestTimeoutMs: 1000 } });
  });
  afterAll(() => t.stop());

  it('cuts off a client that stops sending its request with 408, freeing the connection', async () => {
    const { port } = new URL(t.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        // Headers promise 100 bytes of body; one arrives, then nothing.
        socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('still open after 10 s')), 10_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5000);
    // The server still answers everyone else.
    expect((await t.gql('{ me { id } }')).status).toBe(200);
  });
});

describe('statement timeout', () => {
  let t: TestApp;
  let holder: pg.Client;
  beforeAll(async () => {
    t = await TestApp.start({ config: { statementTimeoutMs: 400 } });
    holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await t.stop();
  });

  /** Runs `during` while another session holds `table` locked, so any statement on it waits past the limit. */
  const whileLocked = async <T>(table: string, during: () => Promise<T>): Promise<T> => {
    await holder.query('begin');
    await holder.query(`lock table ${table} in access exclusive mode`);
    try {
      return await during();
    } finally {
      await holder.query('rollback');
    }
  };

  it('stops a request whose statement runs past STATEMENT_TIMEOUT_MS: TIMEOUT and 503, on both read paths, and nothing half-written', async () => {
    const coach = await t.createUser(Role.COACH);
    const { user, learner } = await t.createLearner(coach);
    const token = t.tokenFor(coach);
    await t.gql('{ me { id } }', {}, token); // the viewer is read once, so the compiled path may assume it
    const queue = '{ reviewQueue(perPage: 5) { id } }';
    const resolvers = '{ allSubmissions(perPage: 5) { id learner { name } } }';
    const before = await t.tableCounts();
    const [compiled, resolved, written] = await whileLocked('submissions', async () => {
      const started = Date.now();
      const answers = await Promise.all([
        t.gql(queue, {}, token),
        t.gql(resolvers, {}, token),
        t.gql(
          `mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }`,
          { input: { learnerId: learner.id, kind: 'APPLICATION_MATERIAL', ...contentFor('APPLICATION_MATERIAL'), text: 'sent while the table is locked' } },
          t.tokenFor(user),
        ),
      ]);
      expect(Date.now() - started).toBeLessThan(5000);
      return answers;
    });
    for (const res of [compiled, resolved, written]) {
      expect(res.status).toBe(503);
      expectError(res, 'TIMEOUT');
      expect(res.errors![0].extensions!.limitMs).toBe(400);
      expect(res.errors![0].message).toMatch(/stopped after 400 ms/);
    }
    expect(await t.tableCounts()).toEqual(before);
    // Once the lock is gone, the same requests are answered.
    expect((await t.gql(queue, {}, token)).errors).toBeUndefined();
    expect((await t.gql(resolvers, {}, token)).errors).toBeUndefined();
  });
});
