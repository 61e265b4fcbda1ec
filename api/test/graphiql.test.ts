import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_PASSWORD, TestApp } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';

/** GraphiQL's built files as `npm run build` leaves them: a page naming a hashed script. */
function builtGraphiql(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-graphiql-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>GraphiQL · Waypoint</title><script type="module" src="/graphiql/assets/index-abc.js"></script><div id="graphiql"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log("graphiql")');
  return dir;
}

const INTROSPECTION = [`{ __schema { queryType { name } types { name } } }`, `{ __type(name: "Learner") { name fields { name } } }`];

describe('GraphiQL at /graphiql in production: signed-in staff only', () => {
  let t: TestApp;
  let dir: string;
  const sessions: Record<'staff' | 'coach' | 'learner', { cookie: string; csrf: string; user: User }> = {} as never;
  let apiKey: string;

  const signIn = async (user: User) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signInWithCookie(email: $e, password: $p) { csrfToken } }`, variables: { e: user.email, p: TEST_PASSWORD } }),
    });
    const body = (await res.json()) as { data: { signInWithCookie: { csrfToken: string } } };
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('waypoint_session='))!.split(';')[0];
    return { cookie, csrf: body.data.signInWithCookie.csrfToken, user };
  };
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${t.url}${p}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    dir = builtGraphiql();
    t = await TestApp.start({ config: { env: 'production', graphiqlDist: dir } });
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const { user: learner } = await t.createLearner(coach);
    sessions.staff = await signIn(staff);
    sessions.coach = await signIn(coach);
    sessions.learner = await signIn(learner);
    const created = await t.gql(`mutation { createApiClient(name: "Partner", scopes: ["progress:read", "learners:read", "events:read"]) { key } }`, {}, t.tokenFor(staff));
    apiKey = created.data!.createApiClient.key;
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives staff signed in to the console the page and its scripts, under the CSP without inline script', async () => {
    const page = await get('/graphiql/', { cookie: sessions.staff.cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/graphiql/assets/index-abc.js');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
    expect((await get('/graphiql/assets/index-abc.js', { cookie: sessions.staff.cookie })).status).toBe(200);
    expect((await get('/graphiql/', { authorization: `Bearer ${t.tokenFor(sessions.staff.user)}` })).status).toBe(200);
    expect((await get('/graphiql', { cookie: sessions.staff.cookie })).status).toBe(200);
  });

  it('answers everyone else with a page that says why, not the app', async () => {
    const cases: Array<[string, Record<string, string>, number, RegExp]> = [
      ['anonymous', {}, 401, /Sign in as staff/],
      ['a forged cookie', { cookie: 'waypoint_session=forged' }, 401, /Sign in as staff/],
      ['a coach', { cookie: sessions.coach.cookie }, 403, /signed in as a coach/],
      ['a learner', { cookie: sessions.learner.cookie }, 403, /signed in as a learner/],
      ['a learner with a bearer token', { authorization: `Bearer ${t.tokenFor(sessions.learner.user)}` }, 403, /signed in as a learner/],
      ['an API key with every scope', { authorization: `Bearer ${apiKey}` }, 403, /an API client/],
    ];
    for (const [who, headers, status, says] of cases) {
      for (const p of ['/graphiql', '/graphiql/', '/graphiql/assets/index-abc.js']) {
        const res = await get(p, headers);
        const body = await res.text();
        expect({ who, p, status: res.status, type: res.headers.get('content-type') }).toEqual({ who, p, status, type: 'text/html; charset=utf-8' });
        expect(body).toMatch(says);
        expect(body).not.toContain('index-abc.js');
        expect(body).not.toContain('<script');
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
  });

  it("gives the schema to staff only, and only with the session's CSRF token, as every data request", async () => {
    const schema = (headers: Record<string, string>) => get('/graphiql/schema.json', headers);
    const staff = await schema({ cookie: sessions.staff.cookie, 'x-csrf-token': sessions.staff.csrf });
    expect(staff.status).toBe(200);
    const body = (await staff.json()) as { data: { __schema: { types: { name: string }[] } } };
    expect(body.data.__schema.types.map((x) => x.name)).toEqual(expect.arrayContaining(['Learner', 'Roadmap', 'LearnerProgress']));
    expect((await schema({ authorization: `Bearer ${t.tokenFor(sessions.staff.user)}` })).status).toBe(200);

    const refused: Array<[Record<string, string>, number, string]> = [
      [{}, 401, 'UNAUTHENTICATED'],
      [{ cookie: sessions.staff.cookie }, 401, 'UNAUTHENTICATED'], // the cookie alone, as a page on another site could send it
      [{ cookie: sessions.staff.cookie, 'x-csrf-token': sessions.coach.csrf }, 401, 'UNAUTHENTICATED'],
      [{ cookie: sessions.coach.cookie, 'x-csrf-token': sessions.coach.csrf }, 403, 'FORBIDDEN'],
      [{ cookie: sessions.learner.cookie, 'x-csrf-token': sessions.learner.csrf }, 403, 'FORBIDDEN'],
      [{ authorization: `Bearer ${apiKey}` }, 403, 'FORBIDDEN'],
    ];
    for (const [headers, status, code] of refused) {
      const res = await schema(headers);
      const answer = (await res.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect({ headers, status: res.status, code: answer.errors[0].extensions.code, data: answer.data }).toEqual({ headers, status, code, data: undefined });
    }
  });

  it('keeps introspection off on /graphql for everyone who is not staff (and for staff there too: GraphiQL reads /graphiql/schema.json)', async () => {
    const post = async (query: string, headers: Record<string, string>) => {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
    };
    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      learner: { cookie: sessions.learner.cookie, 'x-csrf-token': sessions.learner.csrf },
      coach: { cookie: sessions.coach.cookie, 'x-csrf-token': sessions.coach.csrf },
      'API key': { authorization: `Bearer ${apiKey}` },
      staff: { cookie: sessions.staff.cookie, 'x-csrf-token': sessions.staff.csrf },
    };
    for (const [who, headers] of Object.entries(callers)) {
      // The caller is real: an ordinary query answers.
      if (who !== 'anonymous') expect((await post(`{ supportUrl }`, headers)).body.errors).toBeUndefined();
      for (const query of INTROSPECTION) {
        const { status, body } = await post(query, headers);
        expect({ who, query, status, code: body.errors?.[0]?.extensions.code, data: body.data }).toEqual({ who, query, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', data: undefined });
        expect(body.errors![0].message).toMatch(/introspection/i);
      }
    }
  });

  it('serves no reference client in production', async () => {
    expect((await get('/examples/progress/')).status).toBe(404);
  });
});

describe('GraphiQL in development: open, as introspection is', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = builtGraphiql();
    t = await TestApp.start({ config: { env: 'development', graphiqlDist: dir } });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, its scripts and the schema to anyone', async () => {
    expect((await fetch(`${t.url}/graphiql/`)).status).toBe(200);
    expect((await fetch(`${t.url}/graphiql/assets/index-abc.js`)).status).toBe(200);
    const schema = (await (await fetch(`${t.url}/graphiql/schema.json`)).json()) as { data: { __schema: unknown } };
    expect(schema.data.__schema).toBeDefined();
    expect((await fetch(`${t.url}/graphiql/assets/missing.js`)).status).toBe(404);
  });
});
