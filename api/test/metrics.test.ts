import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';

/** /metrics over HTTP, as Prometheus scrapes it. */
describe('metrics', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await TestApp.start({ config: { rateLimitPerMinute: 40 } });
    staff = t.tokenFor(await t.createUser(Role.STAFF));
  });
  afterAll(() => t.stop());

  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  /** The value of one sample, or undefined. */
  const sample = (text: string, name: string, labels: Record<string, string>) => {
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('counts GraphQL requests, errors and latency per operation name, never per document', async () => {
    for (let i = 0; i < 3; i++) expect((await t.gql(`query QueueAtAGlance { reviewQueueSummary { open } }`, {}, staff)).errors).toBeUndefined();
    await t.gql(`query OneLearner { Learner(id: "not-an-id") { id } }`, {}, staff);
    await t.gql(`{ me { id } }`, {}, staff);
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'waypoint_graphql_requests_total', { operation: 'QueueAtAGlance', type: 'query', outcome: 'ok' })).toBe(3);
    expect(sample(text, 'waypoint_graphql_requests_total', { operation: 'OneLearner', outcome: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'waypoint_graphql_errors_total', { operation: 'OneLearner', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'waypoint_graphql_requests_total', { operation: 'anonymous', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'waypoint_graphql_request_duration_seconds_count', { operation: 'QueueAtAGlance' })).toBe(3);
    expect(sample(text, 'waypoint_http_requests_total', { route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'waypoint_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    // No document, id or personal data in any label.
    expect(text).not.toMatch(/reviewQueueSummary|not-an-id|@example/);
  });

  it('shows the outbox (due, waiting, failed by channel, the oldest due) and the live sockets', async () => {
    const coach = await t.createUser(Role.COACH);
    const learner = await t.createLearner(coach, { timeZone: 'UTC' });
    // A status change writes two notices with email due now (12:00 UTC: outside quiet hours); nothing delivers them here.
    const res = await t.gql(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "Metrics") { id } }`, { id: learner.learner.id }, t.tokenFor(coach));
    expect(res.errors).toBeUndefined();
    await t.em().execute(`update notification_deliveries set due_at = now() - interval '90 seconds'`);
    const { text } = await scrape();
    expect(sample(text, 'waypoint_outbox_deliveries', { channel: 'email', state: 'due' })).toBe(2);
    expect(sample(text, 'waypoint_outbox_deliveries', { channel: 'webhook', state: 'failed' })).toBe(0);
    expect(sample(text, 'waypoint_outbox_oldest_due_seconds', { channel: 'email' })).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'waypoint_live', { what: 'listening' })).toBe(1);
    expect(sample(text, 'waypoint_live', { what: 'sockets' })).toBe(0);
  });

  it('counts refusals by the rate limit', async () => {
    const coach = t.tokenFor(await t.createUser(Role.COACH));
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await t.gql(`query Burst { me { id } }`, {}, coach)).status);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThanOrEqual(5);
    expect(sample((await scrape()).text, 'waypoint_rate_limited_total', { limit: 'requests' })).toBeGreaterThanOrEqual(refused);
  });

  it('keeps the number of operation names bounded: past 200, new names count as "other"', async () => {
    const user = t.tokenFor(await t.createUser(Role.COACH));
    // Under the rate limit of this app: 230 names from fresh callers, 30 each.
    const callers = [user, ...(await Promise.all(Array.from({ length: 7 }, async () => t.tokenFor(await t.createUser(Role.COACH)))))];
    await Promise.all(callers.map(async (token, c) => {
      for (let i = 0; i < 30; i++) await t.gql(`query Name${c}x${i} { me { id } }`, {}, token);
    }));
    const text = (await scrape()).text;
    const names = new Set([...text.matchAll(/^waypoint_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(201);
    expect(names.has('other')).toBe(true);
  });
});

describe('metrics access', () => {
  let t: TestApp;
  const token = 'scrape-token-0123456789abcdef';
  beforeAll(async () => {
    t = await TestApp.start({ config: { metricsAllow: ['10.0.0.0/8'], metricsToken: token } });
  });
  afterAll(() => t.stop());

  it('answers only the configured addresses, or the scrape token', async () => {
    const as = (headers: Record<string, string>) => fetch(`${t.url}/metrics`, { headers }).then((r) => r.status);
    expect(await as({})).toBe(403);
    expect(await as({ authorization: 'Bearer wrong-token-0123456789abcdef' })).toBe(403);
    expect(await as({ 'x-forwarded-for': '10.1.2.3' })).toBe(403); // a forwarded header is not the connection's address
    expect(await as({ authorization: `Bearer ${token}` })).toBe(200);
  });
});
