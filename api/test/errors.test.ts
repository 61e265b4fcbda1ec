import { TestApp, expectError } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { loggable } from '../src/common/format-error';

describe('errors clients see', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('turns a database failure into INTERNAL_SERVER_ERROR with a request id, no SQL, no stack', async () => {
    const staff = await t.createUser(Role.STAFF);
    const token = t.tokenFor(staff);
    // Break this test's private database under the running server.
    await t.em().getConnection().execute('alter table learners rename to learners_gone');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: '{ allLearners { id timeZone } }' }),
    });
    const body = await res.json();
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    expect(body.errors[0].message).toContain('req-42');
    expect(JSON.stringify(body)).not.toMatch(/learners_gone|select|relation|\.ts:\d+|stack/i);
    await t.em().getConnection().execute('alter table learners_gone rename to learners');
  });

  it('keeps personal data out of the logs: a database error is logged without its SQL and values', async () => {
    const insert = `insert into users (id, email, name, role) values (gen_random_uuid(), 'private.person@example.org', 'Private Person', 'COACH')`;
    await t.em().execute(insert);
    const failure = await t.em().execute(insert).catch((e: unknown) => e);
    // The driver's error carries the value: PostgreSQL's detail says "Key (email)=(private.person@example.org) already exists".
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).toContain('private.person@example.org');
    const logged = JSON.stringify(loggable(failure));
    expect(logged).not.toMatch(/private\.person|Private Person|insert into/i);
    expect(logged).toMatch(/duplicate key value violates unique constraint/);
    const invalid = await t.em().execute(`insert into users (id, email, name, role) values (gen_random_uuid(), 'other.person@example.org', 'Other Person', 'NOBODY')`).catch((e: unknown) => e);
    expect(JSON.stringify(loggable(invalid))).not.toMatch(/other\.person|Other Person|insert into/i);
    expect(JSON.stringify(loggable(invalid))).toMatch(/invalid input value for enum/);
  });

  it('answers malformed requests with coded errors', async () => {
    const parse = await t.gql('{ allLearners { id ');
    expect(parse.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await t.gql('{ nothingHere }');
    expect(unknown.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectError(await t.gql('query($n: Int) { allUsers(perPage: $n) { id } }', { n: 'lots' }), 'BAD_USER_INPUT');
  });

  it('refuses text with a NUL character (PostgreSQL cannot store it) as bad input, naming the field', async () => {
    const token = t.tokenFor(await t.createUser(Role.STAFF));
    const before = await t.snapshot();
    expectError(
      await t.gql(`mutation($i: RequiredActivityInput!) { createRequiredActivity(input: $i) { id } }`, { i: { kind: 'SMART_GOALS', title: 'Goals', description: 'a\u0000b' } }, token),
      'BAD_USER_INPUT',
      'input.description',
    );
    expectError(await t.gql(`query($q: String) { allLearners(filter: { q: $q }) { id } }`, { q: '\u0000' }, token), 'BAD_USER_INPUT', 'filter.q');
    expect(await t.snapshot()).toBe(before);
  });

  it('answers a malformed or oversized body with a coded JSON error, no stack', async () => {
    for (const [body, status] of [['{"query": ', 400], [JSON.stringify({ query: `{ me { id } }`, pad: 'x'.repeat(1_100_000) }), 413]] as const) {
      const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(json)).not.toMatch(/node_modules|at \w+ \(|stack/i);
    }
  });

  it('reports health', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'reachable', migrations: 'applied' });
  });
});
