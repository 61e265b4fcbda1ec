import http from 'node:http';
import { Writable } from 'node:stream';
import pg from 'pg';
import { TestApp } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';
import { createLogger } from '../src/common/logger';

/** /graphql on Node's http server (graphql-http.ts): what Express's middlewares did for it still holds. */
describe('/graphql over HTTP', () => {
  let t: TestApp;
  let staff: User;
  const lines: Record<string, any>[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    t = await TestApp.start({ log: createLogger('info', { destination: sink }), config: { responseLimitBytes: 6_000 } });
    staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    for (let i = 0; i < 40; i++) await t.createLearner(coach, { name: `Learner number ${i} with a long enough name` });
  });
  afterAll(() => t.stop());

  const post = (query: string, headers: Record<string, string> = {}, body?: string, signal?: AbortSignal) =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokenFor(staff)}`, ...headers },
      body: body ?? JSON.stringify({ query }),
    });

  it('compresses an answer over 1 kB when the client asks, and sends a compiled answer as PostgreSQL built it', async () => {
    const query = `{ allLearners(perPage: 25, sortField: "name") { id name status } }`;
    const plain = await post(query, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    // PostgreSQL's own JSON text (json_build_object spaces its colons), never parsed and serialized again.
    expect(text).toMatch(/^\{"data":\{"allLearners" : \[\{"id" : "/);
    const answer = JSON.parse(text);
    expect(answer.data.allLearners).toHaveLength(25);
    for (const coding of ['br', 'gzip']) {
      const res = await post(query, { 'accept-encoding': coding });
      expect(res.headers.get('content-encoding')).toBe(coding);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await res.json()).toEqual(answer); // fetch decompresses
    }
    // A client that sends no Accept-Encoding at all (fetch always sends one) gets the same text, uncompressed.
    const bare = await new Promise<{ headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = http.request(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokenFor(staff)}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ headers: res.headers, text }));
      });
      req.on('error', reject).end(JSON.stringify({ query }));
    });
    expect(bare.headers['content-encoding']).toBeUndefined();
    expect(bare.text).toBe(text);
    const small = await post(`{ me { id } }`, { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ data: { me: { id: staff.id } } });
  });

  it('refuses a compiled answer over the size limit with RESPONSE_TOO_LARGE, as any other', async () => {
    const res = await post(`{ allLearners(perPage: 40) { id name email status moduleStartDate } }`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 6_000 });
    expect(body.data).toBeUndefined();
  });

  it('gives every request an id (the caller\'s when it is a plain token) and one log line with its status', async () => {
    const mine = await post(`{ me { id } }`, { 'x-request-id': 'bench-42.a' });
    expect(mine.headers.get('x-request-id')).toBe('bench-42.a');
    const made = await post(`{ me { id } }`, { 'x-request-id': 'not a token; drop table' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.filter((l) => l.msg === 'request completed' && l.req?.id === 'bench-42.a');
    expect(logged).toEqual([expect.objectContaining({ level: 30, req: { id: 'bench-42.a', method: 'POST', url: '/graphql' }, res: { statusCode: 200 }, responseTime: expect.any(Number) })]);
    expect(JSON.stringify(lines)).not.toContain(t.tokenFor(staff).slice(-20));
  });

  it('answers bodies it cannot read with a coded JSON error and the right status', async () => {
    const cases: [Record<string, string>, string, number, RegExp][] = [
      [{}, '{"query": ', 400, /not valid JSON/],
      [{ 'content-type': 'application/json; charset=latin1' }, JSON.stringify({ query: '{ me { id } }' }), 415, /encoding or charset/],
      [{ 'content-encoding': 'compress' }, JSON.stringify({ query: '{ me { id } }' }), 415, /encoding or charset/],
      [{}, JSON.stringify({ query: '{ me { id } }', pad: 'x'.repeat(1_100_000) }), 413, /too large/],
    ];
    for (const [headers, body, status, message] of cases) {
      const res = await post('', headers, body);
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_REQUEST', requestId: expect.any(String) } });
    }
  });

  it('answers GET with the CSRF preflight header, and refuses a GET that could be a cross-site request', async () => {
    const ok = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    const refused = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(refused.status).toBe(400);
  });

  it('cancels a compiled read\'s statement when its client goes away, and keeps serving', async () => {
    // A lock held elsewhere keeps the page's statement waiting, as a slow page would keep it reading.
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    const waiting = async () =>
      (await locker.query(`select count(*)::int n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock' and query like '%learners%'`)).rows[0].n as number;
    const until = async (done: () => Promise<boolean>) => {
      for (const start = Date.now(); Date.now() - start < 5_000; await new Promise((r) => setTimeout(r, 25))) if (await done()) return true;
      return false;
    };
    try {
      // The viewer (learners joined) is read now, so the page's own statement is the one left waiting.
      expect((await (await post(`{ allLearners(perPage: 5, sortField: "name") { id name } }`)).json()).data.allLearners).toHaveLength(5);
      await locker.query('begin');
      await locker.query('lock table learners in access exclusive mode');
      const gone = new AbortController();
      const request = post(`{ allLearners(perPage: 5, sortField: "name") { id name } }`, { 'x-request-id': 'gone-1' }, undefined, gone.signal).catch((e: unknown) => e);
      expect(await until(async () => (await waiting()) === 1)).toBe(true);
      gone.abort();
      expect(await request).toMatchObject({ name: 'AbortError' });
      // The statement stops while the lock is still held: nobody is left to read its answer.
      expect(await until(async () => (await waiting()) === 0)).toBe(true);
      await locker.query('commit');
      await new Promise((r) => setTimeout(r, 50));
      // One line says the client left; nothing is logged as a failure of ours.
      const about = lines.filter((l) => l.requestId === 'gone-1' || l.req?.id === 'gone-1');
      expect(about.map((l) => l.msg)).toEqual(['request aborted']);
      expect(about.filter((l) => l.level >= 50)).toEqual([]);
      // The pool is whole: the next pages are answered.
      for (let i = 0; i < 12; i++) {
        const res = await post(`{ allLearners(perPage: 5, sortField: "name") { id name } }`);
        expect((await res.json()).data.allLearners).toHaveLength(5);
      }
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }
  });
});
