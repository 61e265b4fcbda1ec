import { TestApp } from './harness';
import { REQUEST_LIMITS } from '../src/common/limits';
import { Role } from '../src/modules/users/user.entity';

/**
 * Bodies the REST routes cannot take, and documents refused before they run, answer the client's error with a
 * coded JSON body in every mode: never a 500, never Express's HTML page (outside production it shows a stack
 * trace with file paths). Run in development mode, where those pages would show.
 */
describe('refused requests, in development mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { env: 'development', huntrWebhookSecret: 'w'.repeat(32) } });
  });
  afterAll(() => t.stop());

  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { method: 'POST', body, headers });
  const expectCoded = async (res: Response, status: number, code: string) => {
    const text = await res.text();
    expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/json/) });
    expect(JSON.parse(text)).toMatchObject({ code });
    expect(text).not.toMatch(/<html|\bat \S+\.(ts|js):\d+|node_modules|\/work\//i);
  };

  it('answers an oversized webhook delivery 413 with a code', async () => {
    await expectCoded(await post('/webhooks/huntr', Buffer.alloc(2 * 1024 * 1024, 'a'), { 'content-type': 'application/json' }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('checks the import caller before reading the body, and answers a body it cannot take with a code', async () => {
    const none = await post('/imports/huntr', 'email,kind\n', { 'content-type': 'text/csv' });
    expect(none.status).toBe(401);
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    const auth = { authorization: `Bearer ${staff}` };
    await expectCoded(await post('/imports/huntr', 'a,b\n', { ...auth, 'content-type': 'text/csv; charset=nonsense' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectCoded(await post('/imports/huntr', Buffer.alloc(21 * 1024 * 1024, 'a'), { ...auth, 'content-type': 'text/csv' }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a path whose %-escapes do not decode 400, and a path with nothing there 404, with a code', async () => {
    // Express's router throws decoding the parameter; its own page for that shows the stack outside production.
    for (const path of ['/calendar/%ZZ.ics', '/calendar/%C0%AF', '/exports/%ZZ', '/admin/%ZZ', '/admin/%E0%A4%A']) {
      await expectCoded(await fetch(`${t.url}${path}`), 400, 'BAD_REQUEST');
    }
    for (const [method, path] of [['GET', '/nothing/here'], ['POST', '/calendar/x.ics'], ['DELETE', '/health'], ['GET', '/calendar/%ZZ/more']]) {
      await expectCoded(await fetch(`${t.url}${path}`, { method }), 404, 'NOT_FOUND');
    }
  });

  it('answers a document over the token limit 400, not 500', async () => {
    const res = await post('/graphql', JSON.stringify({ query: `{ ${'__typename '.repeat(REQUEST_LIMITS.maxTokens + 10)} }` }), { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/token limit/i);
  });
});
