import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { TestApp, expectError } from '../../../test/harness';
import { createLogger } from '../../common/logger';
import { Role, type User } from '../users/user.entity';
import { deliverWebhooks } from './webhooks';

/**
 * A client platform's receiver, as the README shows one: it verifies each delivery with the standardwebhooks library
 * (a bad signature is refused with 401 and not kept), keeps each event once by its webhook-id, and answers as told.
 */
async function receiver(secret: () => string) {
  const events = new Map<string, { type: string; data: Record<string, any> }>();
  const log: { status: number; id: string | undefined }[] = [];
  let answer: 'ok' | 'fail' | 'hang' = 'ok';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (answer === 'hang') return; // never answers
      const id = req.headers['webhook-id'] as string | undefined;
      try {
        new Webhook(secret()).verify(body, req.headers as Record<string, string>);
      } catch {
        log.push({ status: 401, id });
        return void res.writeHead(401).end('bad signature');
      }
      if (answer === 'fail') {
        log.push({ status: 500, id });
        return void res.writeHead(500).end('broken on purpose');
      }
      if (!events.has(id!)) events.set(id!, JSON.parse(body));
      log.push({ status: 204, id });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/waypoint-events`,
    events,
    log,
    set: (a: typeof answer) => (answer = a),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const CREATE = `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } } }`;
const LOG = `query($e: ID, $s: DeliveryStatus) { webhookDeliveries(endpointId: $e, status: $s) { id eventId endpointId eventType status attempts responseStatus durationMs lastError replayOf payload } }`;

describe('signed webhooks for client platforms', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;
  let secret = '';
  let rx: Awaited<ReturnType<typeof receiver>>;
  const log = createLogger('silent');
  const deliver = () => deliverWebhooks({ em: t.em(), now: () => t.clock.now(), log, timeoutMs: 500 });

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    learner = await t.createLearner(coach, { name: 'Chidi Nwosu', moduleStartDate: '2026-11-16' });
    rx = await receiver(() => secret);
  });
  afterAll(async () => {
    await rx.close();
    await t.stop();
  });

  const ok = async (q: string, v: Record<string, unknown>, u: { id: string } = staff) => {
    const res = await t.gql(q, v, t.tokenFor(u));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const setStatus = (status: string) =>
    ok(`mutation($id: ID!, $s: EnrollmentStatus!) { setEnrollmentStatus(learnerId: $id, status: $s, reason: "Webhook test") { id } }`, { id: learner.learner.id, s: status }, coach);

  it('registers endpoints for staff only, with checked URLs, and the secret shown once', async () => {
    expectError(await t.gql(CREATE, { input: { url: 'ftp://platform.example.org/x' } }, t.tokenFor(staff)), 'BAD_USER_INPUT', 'input.url');
    expectError(await t.gql(CREATE, { input: { url: 'https://user:pw@platform.example.org/x' } }, t.tokenFor(staff)), 'BAD_USER_INPUT', 'input.url');
    expectError(await t.gql(CREATE, { input: { url: 'not a url' } }, t.tokenFor(staff)), 'BAD_USER_INPUT', 'input.url');
    expectError(await t.gql(CREATE, { input: { url: rx.url } }, t.tokenFor(coach)), 'FORBIDDEN');
    const created = (await ok(CREATE, { input: { url: rx.url, description: 'Learner progress page', eventTypes: ['STATUS_CHANGED', 'FEEDBACK_GIVEN'] } })).createWebhookEndpoint;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(created.endpoint).toMatchObject({ url: rx.url, eventTypes: ['STATUS_CHANGED', 'FEEDBACK_GIVEN'], enabled: true });
    secret = created.secret;
    // The secret is never read back.
    const listed = await t.gql(`{ webhookEndpoints { id secret } }`, {}, t.tokenFor(staff));
    expect(listed.errors?.[0].message).toMatch(/secret/);
  });

  it('posts each event signed, once per event id; the receiver verifies it with the standard library', async () => {
    await setStatus('AT_RISK');
    // Two notices (the learner's, the coach's LEARNER_AT_RISK); the endpoint wants STATUS_CHANGED only of these.
    expect(await deliver()).toMatchObject({ sent: 1, retrying: 0 });
    expect(rx.log).toEqual([{ status: 204, id: expect.any(String) }]);
    const [event] = [...rx.events.values()];
    expect(event).toMatchObject({ type: 'STATUS_CHANGED', data: { recipient: { role: 'LEARNER', learnerId: learner.learner.id }, subjectId: learner.learner.id, title: 'You are now at risk' } });
    const [entry] = (await ok(LOG, {})).webhookDeliveries;
    expect(entry).toMatchObject({ eventId: rx.log[0].id, eventType: 'STATUS_CHANGED', status: 'SENT', attempts: 1, responseStatus: 204 });
    expect(JSON.parse(entry.payload)).toEqual(event);
    expect(await deliver()).toMatchObject({ sent: 0 });
    // A delivery signed with another secret is refused by the receiver.
    const forged = new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).sign(rx.log[0].id!, new Date(), entry.payload);
    const res = await fetch(rx.url, { method: 'POST', body: entry.payload, headers: { 'webhook-id': rx.log[0].id!, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': forged } });
    expect(res.status).toBe(401);
  });

  it('retries a failing or silent endpoint with back-off, logs each answer, turns it off after 24 h and tells staff; staff replay', async () => {
    rx.set('fail');
    await setStatus('ENROLLED');
    const started = Date.now();
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    let [entry] = (await ok(LOG, { s: 'PENDING' })).webhookDeliveries;
    expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 500, lastError: 'The endpoint answered HTTP 500' });
    // An endpoint that never answers fails the attempt after the timeout, not the request or the worker.
    rx.set('hang');
    t.clock.set('2026-11-17T12:01:00Z');
    expect(await deliver()).toMatchObject({ retrying: 1 });
    [entry] = (await ok(LOG, { s: 'PENDING' })).webhookDeliveries;
    expect(entry).toMatchObject({ attempts: 2, responseStatus: null, lastError: 'No answer within 0.5 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
    // A day of failures: given up, the endpoint turned off, every staff member told.
    rx.set('fail');
    t.clock.set('2026-11-18T12:30:00Z');
    expect(await deliver()).toMatchObject({ failed: 1, disabled: 1 });
    const [endpoint] = (await ok(`{ webhookEndpoints { id enabled disabledReason } }`, {})).webhookEndpoints;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'Its deliveries failed for 24 hours' });
    const told = (await ok(`{ notifications(first: 1) { nodes { kind title } } }`, {})).notifications.nodes[0];
    expect(told).toEqual({ kind: 'WEBHOOK_DISABLED', title: `Webhook turned off: ${rx.url}` });
    // Nothing goes to a turned-off endpoint; a replay waits until it is on again.
    const failed = (await ok(LOG, { s: 'FAILED' })).webhookDeliveries[0];
    expectError(await t.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, { id: failed.id }, t.tokenFor(staff)), 'CONFLICT', 'id');
    rx.set('ok');
    await ok(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, patch: { enabled: true }) { enabled disabledReason } }`, { id: endpoint.id });
    const replay = (await ok(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id replayOf eventId status } }`, { id: failed.id })).replayWebhookDelivery;
    expect(replay).toMatchObject({ replayOf: failed.id, eventId: failed.eventId, status: 'PENDING' });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(rx.events.get(failed.eventId)).toMatchObject({ type: 'STATUS_CHANGED', data: { title: 'You are now enrolled' } });
    expectError(await t.gql(`mutation { replayWebhookDelivery(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, t.tokenFor(staff)), 'NOT_FOUND');
  });
});
