import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { MikroORM } from '@mikro-orm/postgresql';
import { TestApp } from './harness';
import { ormConfig } from '../src/db/orm.config';
import { createApp, type App } from '../src/app';
import { createLogger } from '../src/common/logger';
import { Role, type User } from '../src/modules/users/user.entity';

/** A console's socket: its events as they arrive, and how it closed. */
function socket(url: string, params: Record<string, unknown>) {
  let closed: { code: number; reason: string } | null = null;
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (e) => (closed = { code: (e as { code: number }).code, reason: (e as { reason: string }).reason }) },
  });
  const watch = (query: string) => {
    const events: Record<string, any>[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe({ query }, { next: (v) => (v.errors ? errors.push(v.errors) : events.push(v.data!)), error: (e) => errors.push(e), complete: () => undefined });
    return { events, errors, stop };
  };
  return { client, watch, closed: () => closed };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Open subscriptions in one server process, as its /metrics says (waypoint_live{what="subscriptions"}). */
async function subscriptions(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('waypoint_live{what="subscriptions"}'));
  return Number(line?.split(' ').pop() ?? 0);
}

/** Waits until `url`'s process holds `n` more subscriptions than `before`: a write after this is seen by them. */
async function subscribed(url: string, before: number, n: number) {
  const end = Date.now() + 10_000;
  while ((await subscriptions(url)) < before + n) {
    if (Date.now() > end) throw new Error(`${url} never held ${n} more subscriptions`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const BELL = `subscription { notificationAdded { unreadCount resync latest { kind title } } }`;
const QUEUE = `subscription { reviewQueueChanged { submissionIds all } }`;

describe('live updates over WebSocket, across two server processes on one PostgreSQL', () => {
  let t: TestApp;
  let second: App;
  let secondOrm: MikroORM;
  let b = '';
  let coach: User;
  let l1: Awaited<ReturnType<TestApp['createLearner']>>;
  let l2: Awaited<ReturnType<TestApp['createLearner']>>;
  const sockets: ReturnType<typeof socket>[] = [];
  const open = (url: string, params: Record<string, unknown>) => {
    const s = socket(url, params);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    // A second API server on the same database, as a second replica would be: its own pool and its own LISTEN.
    secondOrm = await MikroORM.init(ormConfig(t.databaseUrl));
    second = await createApp({ config: t.config, orm: secondOrm, clock: t.clock, log: createLogger('silent') });
    b = await second.listen(0, '127.0.0.1');
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    l1 = await t.createLearner(coach, { name: 'Chidi Nwosu', moduleStartDate: '2026-11-16' });
    l2 = await t.createLearner(coach, { name: 'Aiko Tanaka', moduleStartDate: '2026-11-16' });
  });
  afterAll(async () => {
    for (const s of sockets) await s.client.dispose();
    await second.close();
    await secondOrm.close(true);
    await t.stop();
  });

  const bearer = (u: { id: string }) => ({ authorization: `Bearer ${t.tokenFor(u)}` });

  it('a write on one server reaches the subscribed consoles on the other: the queue and each person\'s own bell', async () => {
    const [onA, onB] = [await subscriptions(t.url), await subscriptions(b)];
    const coachSocket = open(b, bearer(coach)).watch(QUEUE);
    const bell1 = open(b, bearer(l1.user)).watch(BELL);
    const bell2 = open(t.url, bearer(l2.user)).watch(BELL);
    await subscribed(b, onB, 2);
    await subscribed(t.url, onA, 1);
    // L1 sends an assignment through server A: the coach's socket on server B hears of it.
    const sent = (await t.submit(l1, 'SMART_GOALS', '2026-11-17T12:00:00Z')).data!.submitAssignment;
    await until(() => coachSocket.events.some((e) => e.reviewQueueChanged.submissionIds.includes(sent.id)));
    // The coach claims and approves on server A: L1's bell on server B rings; L2's does not.
    const claimed = await t.gql(`mutation($id: ID!) { claimSubmission(id: $id) { revision } }`, { id: sent.id }, t.tokenFor(coach));
    await t.gql(`mutation($id: ID!, $r: Int!) { giveFeedback(submissionId: $id, decision: APPROVED, body: "Well done", revision: $r) { id } }`, { id: sent.id, r: claimed.data!.claimSubmission.revision }, t.tokenFor(coach));
    await until(() => bell1.events.length > 0);
    expect(bell1.events[0].notificationAdded).toEqual({ unreadCount: 1, resync: false, latest: { kind: 'FEEDBACK_GIVEN', title: 'Priya Natarajan approved your SMART goals' } });
    // L2's first event is its own, when it comes.
    await t.gql(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "Test") { id } }`, { id: l2.learner.id }, t.tokenFor(coach));
    await until(() => bell2.events.length > 0);
    expect(bell2.events.map((e) => e.notificationAdded.latest.kind)).toEqual(['STATUS_CHANGED']);
    expect(bell1.events).toHaveLength(1);
  });

  it('a bell open elsewhere follows when notifications are marked read', async () => {
    const before = await subscriptions(b);
    const bell = open(b, bearer(l2.user)).watch(BELL);
    await subscribed(b, before, 1);
    const res = await t.gql(`mutation { markNotificationsRead }`, {}, t.tokenFor(l2.user));
    expect(res.data!.markNotificationsRead).toBe(0);
    await until(() => bell.events.length > 0);
    expect(bell.events.at(-1)!.notificationAdded.unreadCount).toBe(0);
  });

    it('is authorized like a request: no credentials, no socket; API keys get no bell; learners no queue; queries stay on HTTP', async () => {
    const anonymous = open(b, {});
    await until(() => anonymous.closed() !== null);
    expect(anonymous.closed()!.code).toBe(4403);

    const learner = open(b, bearer(l1.user)).watch(QUEUE);
    await until(() => learner.errors.length > 0);
    expect(JSON.stringify(learner.errors)).toContain('FORBIDDEN');

    const overWs = open(b, bearer(coach)).watch(`{ notifications { totalCount } }`);
    await until(() => overWs.errors.length > 0);
    expect(JSON.stringify(overWs.errors)).toContain('Only subscriptions run over WebSocket');

    const staff = await t.createUser(Role.STAFF);
    const created = await t.gql(`mutation { createApiClient(name: "Bell", scopes: ["progress:read"]) { key } }`, {}, t.tokenFor(staff));
    const keyBell = open(b, { authorization: `Bearer ${created.data!.createApiClient.key}` }).watch(BELL);
    await until(() => keyBell.errors.length > 0);
    expect(JSON.stringify(keyBell.errors)).toContain('FORBIDDEN');
  });

  it('when a server loses its LISTEN connection it listens again and tells every subscription to resync', async () => {
    const held = await subscriptions(b);
    const bell = open(b, bearer(l1.user)).watch(BELL);
    // Subscribed before the connection goes: the resync is announced to the subscriptions open then.
    await subscribed(b, held, 1);
        await t.em().execute(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen waypoint_live%'`);
    await until(() => bell.events.some((e) => e.notificationAdded.resync), 10_000);
    // And it keeps working afterwards.
    const before = bell.events.length;
    // A later instant than the notices before it, so it is the newest (the test clock stands still otherwise).
    t.clock.set('2026-11-17T13:00:00Z');
    await t.gql(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "After the restart") { id } }`, { id: l1.learner.id }, t.tokenFor(coach));
    await until(() => bell.events.length > before && bell.events.at(-1)!.notificationAdded.latest?.kind === 'STATUS_CHANGED', 10_000);
  });
});
