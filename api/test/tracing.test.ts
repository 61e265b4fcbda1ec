import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { Logger, makeWorkerUtils } from 'graphile-worker';
import { signToken } from '../src/auth/token';
import { freePort } from './free-port';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** A local OTLP/HTTP receiver (JSON, as the OTLP exporter sends it): every span it was sent. */
async function otlpReceiver(): Promise<{ url: string; spans: Span[]; close(): Promise<void> }> {
  const spans: Span[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const data = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: (Omit<Span, 'attributes'> & { attributes?: { key: string; value: Record<string, unknown> }[] })[] }[] }[];
        };
        for (const r of data.resourceSpans) {
          for (const s of r.scopeSpans) {
            for (const span of s.spans) {
              spans.push({ ...span, attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]])) });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Traces reach an OTLP receiver: Waypoint runs as its own process (instrumentation wraps http and pg as they load,
 * which a test runner's module system would get in the way of), on a private copy of the test database.
 */
describe('tracing with OpenTelemetry', () => {
  const dbName = `tracing_${process.pid}`;
  const admin = () => new pg.Client({ connectionString: process.env.WAYPOINT_TEST_ADMIN_URL });
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let child: ChildProcess;
  let url: string;
  let databaseUrl: string;
  const secret = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    receiver = await otlpReceiver();
    const client = admin();
    await client.connect();
    await client.query(`create database ${dbName} template ${process.env.WAYPOINT_TEST_TEMPLATE}`);
    await client.end();
    const dbUrl = new URL(process.env.WAYPOINT_TEST_ADMIN_URL!);
    dbUrl.pathname = `/${dbName}`;
    databaseUrl = dbUrl.toString();
    const port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        AUTH_SECRET: secret,
        WORKER: 'on',
        SEED_DEMO: 'never',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Waypoint did not start:\n${out}`)), 60_000);
      const check = () => {
        const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', () => reject(new Error(`Waypoint exited:\n${out}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    await receiver?.close();
    const client = admin();
    await client.connect();
    await client.query(`drop database if exists ${dbName} with (force)`);
    await client.end();
  });

  const waitFor = async <T>(find: () => T | undefined, what: string): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const found = find();
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${what} in ${receiver.spans.length} spans: ${receiver.spans.map((s) => s.name).join(', ')}`);
  };

  it('sends a span per request with its operation and role, and SQL and job spans under them, with no personal data', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const email = 'traced.staff@example.org';
    const [staff] = (await client.query(`insert into users (id, email, name, role) values (gen_random_uuid(), $1, 'Traced Staff', 'STAFF') returning id`, [email])).rows;
    await client.end();
    const token = signToken(staff.id, secret, 1, new Date()).token;

    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query Queue { reviewQueueSummary { open } }` }),
    });
    expect(res.status).toBe(200);
    const request = await waitFor(() => receiver.spans.find((s) => s.attributes['graphql.operation.name'] === 'Queue'), 'request span');
    expect(request.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'waypoint.viewer.role': 'STAFF' });
    expect(request.parentSpanId || undefined).toBeUndefined();
    const sql = await waitFor(() => {
      const inTrace = receiver.spans.filter((s) => s.traceId === request.traceId && s.spanId !== request.spanId);
      return inTrace.some((s) => typeof s.attributes['db.statement'] === 'string' || typeof s.attributes['db.query.text'] === 'string') ? inTrace : undefined;
    }, 'SQL span under the request');
    expect(sql.length).toBeGreaterThanOrEqual(1);

    const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: new Logger(() => () => undefined) });
    try {
      await utils.addJob('release_lapsed_claims', {});
    } finally {
      await utils.release();
    }
    const job = await waitFor(() => receiver.spans.find((s) => s.name === 'job release_lapsed_claims'), 'job span');
    await waitFor(() => receiver.spans.find((s) => s.traceId === job.traceId && s.parentSpanId === job.spanId), 'SQL span under the job');

    const everything = JSON.stringify(receiver.spans);
    expect(everything).not.toContain(email);
    expect(everything).not.toContain(token);
    expect(receiver.spans.some((s) => s.name.includes('/health'))).toBe(false);
  }, 60_000);
});
