import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Logger, makeWorkerUtils, runOnce } from 'graphile-worker';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { syncHuntr } from './huntr-sync';
import { taskList } from '../../jobs/worker';
import { loadConfig } from '../../config';
import { createLogger } from '../../common/logger';

// Huntr cannot be reached from here: a local server answers as its Organization API reference shows (fixtures/huntr).
const NOW = '2020-05-08T12:00:00Z';
const TOKEN = 'org-access-token-for-tests';
const SECRET = 'huntr-sync-test-secret-0123456789';
type Obj = Record<string, unknown> & { id: string; createdAt?: number; date?: number };
const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../test/fixtures/huntr', `${name}.json`), 'utf8'));

/** GET /org/members and /org/actions: bearer token, `limit` (default 100), `next` (the id of the last object returned), actions newest first, `created_after` (Unix seconds). */
function fakeHuntr(members: Obj[], actions: Obj[]) {
  const requests: { path: string; query: Record<string, string>; auth: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://huntr.local');
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), auth: req.headers.authorization });
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Unauthorized' });
    let list: Obj[];
    if (url.pathname === '/org/members') list = members;
    else if (url.pathname === '/org/actions') {
      const after = Number(url.searchParams.get('created_after') ?? 0);
      list = [...actions].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.id.localeCompare(a.id)).filter((a) => (a.createdAt ?? 0) > after);
    } else return send(404, { message: 'Not found' });
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const next = url.searchParams.get('next');
    const start = next ? list.findIndex((o) => o.id === next) + 1 : 0;
    const data = list.slice(start, start + limit);
    send(200, data.length ? { data, next: data[data.length - 1].id } : { data });
  });
  return {
    requests,
    async start(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/org`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('the Huntr pull-sync (Organization API) and the integration state', () => {
  let t: TestApp;
  let coach: User;
  let staff: User;
  let ruipo: Awaited<ReturnType<TestApp['createLearner']>>;
  let huntr: ReturnType<typeof fakeHuntr>;
  let apiUrl: string;
  const [followUp, moved, note] = fixture('actions-list').data as Obj[];
  const apply = fixture('action-activity-created-apply') as Obj;
  const interview = fixture('action-activity-updated-on-site-completed') as Obj;
  const offer = fixture('action-activity-created-offer') as Obj;
  const jobCreated = fixture('action-job-created') as Obj;
  const members = [
    ...(fixture('members-list').data as Obj[]),
    { id: '5e6a7bbdc56bc6669e3da86c', givenName: 'Ruipo', familyName: 'Fauli', email: 'rennie+thinkful20@huntr.co', createdAt: 1584036797, isActive: true, memberFieldValues: [] },
  ];

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW, config: { huntrWebhookSecret: SECRET } });
    coach = await t.createUser(Role.COACH);
    staff = await t.createUser(Role.STAFF);
    ruipo = await t.createLearner(coach, { email: 'rennie+thinkful20@huntr.co', moduleStartDate: '2020-04-27' });
    huntr = fakeHuntr(members, [apply, followUp, moved, note, jobCreated, interview, offer]);
    apiUrl = await huntr.start();
  });
  afterAll(async () => {
    await huntr.stop();
    await t.stop();
  });

  const deliver = async (action: unknown) => {
    const body = JSON.stringify(action);
    const res = await fetch(`${t.url}/webhooks/huntr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-huntr-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64') },
      body,
    });
    return ((await res.json()) as { status: string }).status;
  };
  const sync = (token: string | null = TOKEN) => syncHuntr({ em: t.em(), now: () => t.clock.now(), apiUrl, token: token ?? undefined, pageSize: 2 });
  const kinds = async (id: string) =>
    ((await t.gql(`query($id: ID!) { Learner(id: $id) { jobActivities(days: 30) { kind } } }`, { id }, t.tokenFor(coach))).data!.Learner.jobActivities as { kind: string }[]).map((a) => a.kind);
  const INTEGRATION = `{ huntrIntegration { webhookConfigured syncConfigured lastDeliveryAt lastSyncRunAt lastSyncSucceededAt lastSyncError lastSyncPulled
    lastSyncApplied lastSyncKept syncedThrough huntrMembers unmatchedMembers { email actions } keptActionCount keptActions { id actionType memberEmail reason source attempts rawBody } } }`;

  it('reads HUNTR_API_TOKEN and HUNTR_API_URL from configuration, validated', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ huntrApiToken: undefined, huntrApiUrl: 'https://api.huntr.co/org' });
    expect(loadConfig({ NODE_ENV: 'test', HUNTR_API_TOKEN: 'abc', HUNTR_API_URL: 'http://127.0.0.1:9/org/' })).toMatchObject({ huntrApiToken: 'abc', huntrApiUrl: 'http://127.0.0.1:9/org' });
    expect(() => loadConfig({ NODE_ENV: 'test', HUNTR_API_TOKEN: 'Bearer abc' })).toThrow('HUNTR_API_TOKEN must be the access token alone');
    expect(() => loadConfig({ NODE_ENV: 'test', HUNTR_API_URL: 'api.huntr.co/org' })).toThrow('HUNTR_API_URL must be an absolute http(s) URL');
    expect(() => loadConfig({ NODE_ENV: 'test', HUNTR_API_URL: 'ftp://api.huntr.co/org' })).toThrow('HUNTR_API_URL must be an http(s) URL');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), HUNTR_API_URL: 'http://api.huntr.co/org' })).toThrow('HUNTR_API_URL must use https in production');
  });

  it('is off without HUNTR_API_TOKEN: no request leaves', async () => {
    const report = await sync(null);
    expect(report).toMatchObject({ pulled: false, actions: 0 });
    expect(huntr.requests).toEqual([]);
  });

  it('pulls members and actions page by page with the bearer token, and applies what the webhook missed, once', async () => {
    expect(await deliver(apply)).toBe('APPLIED');
    t.clock.set('2020-05-08T12:01:00Z');
    const report = await sync();
    expect(report).toMatchObject({ pulled: true, members: 4, actions: 7, outcomes: { DUPLICATE: 1, APPLIED: 2, IGNORED: 2, UNMATCHED: 2 } });
    expect(huntr.requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
    const actionCalls = huntr.requests.filter((r) => r.path === '/org/actions');
    // 7 actions, 2 a page: 4 pages and an empty one, each after the last id of the page before; the first run looks back 30 days.
    expect(actionCalls.map((r) => r.query.next ?? null)).toEqual([null, followUp.id, moved.id, offer.id, note.id]);
    expect(actionCalls.map((r) => r.query.created_after)).toEqual(Array(actionCalls.length).fill(String(Math.floor(Date.parse('2020-04-08T12:01:00Z') / 1000))));
    expect(actionCalls.every((r) => r.query.limit === '2')).toBe(true);
    expect(await kinds(ruipo.learner.id)).toEqual(['INTERVIEW', 'APPLICATION']);
    // A delivery of an action the sync already took in changes nothing.
    expect(await deliver(interview)).toBe('DUPLICATE');
    const state = (await t.gql(INTEGRATION, {}, t.tokenFor(staff))).data!.huntrIntegration;
    expect(state).toMatchObject({
      webhookConfigured: true,
      syncConfigured: false,
      lastDeliveryAt: '2020-05-08T12:00:00.000Z', // the apply; the redelivery at 12:01 was a DUPLICATE
      lastSyncRunAt: '2020-05-08T12:01:00.000Z',
      lastSyncSucceededAt: '2020-05-08T12:01:00.000Z',
      lastSyncError: null,
      lastSyncPulled: 7,
      lastSyncApplied: 4,
      lastSyncKept: 2,
      syncedThrough: '2020-05-07T10:40:00.000Z',
      huntrMembers: 4,
      unmatchedMembers: [{ email: 'rennie+dev30@huntr.co', actions: 2 }],
      keptActionCount: 2,
    });
    expect(state.keptActions.map((k: { id: string; reason: string; source: string }) => [k.id, k.reason, k.source]).sort()).toEqual(
      [[note.id, 'UNKNOWN_MEMBER', 'SYNC'], [offer.id, 'UNKNOWN_MEMBER', 'SYNC']].sort(),
    );
    expect(JSON.parse(state.keptActions.find((k: { id: string }) => k.id === offer.id).rawBody)).toEqual(offer);
    expectError(await t.gql(INTEGRATION, {}, t.tokenFor(coach)), 'FORBIDDEN');
  });

  it('remembers where it stopped: the next run asks from there, and the overlap changes nothing', async () => {
    huntr.requests.length = 0;
    t.clock.set('2020-05-08T12:11:00Z');
    const report = await sync();
    // The overlap's one action is a DUPLICATE; the unknown member's kept actions wait (no learner has the email yet).
    expect(report).toMatchObject({ actions: 1, outcomes: { DUPLICATE: 1 }, keptRetried: 0 });
    const after = huntr.requests.filter((r) => r.path === '/org/actions').map((r) => Number(r.query.created_after));
    expect(new Set(after)).toEqual(new Set([Math.floor(Date.parse('2020-05-07T10:30:00Z') / 1000)]));
    expect(await kinds(ruipo.learner.id)).toEqual(['INTERVIEW', 'APPLICATION']);
  });

  it('applies the kept actions once staff link the member, and tries actions taken in under the old reading again', async () => {
    const rennie = await t.createLearner(coach, { moduleStartDate: '2020-04-27' });
    expect((await t.gql(`mutation($l: ID!) { resolveHuntrMember(email: "rennie+dev30@huntr.co", learnerId: $l) }`, { l: rennie.learner.id }, t.tokenFor(staff))).data!.resolveHuntrMember).toBe(2);
    expect((await t.gql(`{ coachAlerts { message } }`, {}, t.tokenFor(coach))).data!.coachAlerts).toEqual([{ message: 'Offer received: ESPN' }]);
    // A row the old reading stored as IGNORED, moved aside by the migration: the next run applies it.
    const other = { ...moved, id: '5eb0a43d8899ba51bf96f6aa', jobId: '5eb0a4338899ba51bf96f6ab', job: { ...(moved.job as object), id: '5eb0a4338899ba51bf96f6ab' } };
    await t.em().execute(
      `insert into huntr_kept_actions (id, action_type, member_email, reason, detail, raw_body, source, arrived_at, last_tried_at)
       values (?, 'JOB_MOVED', 'rennie+thinkful20@huntr.co', 'PARSER_CHANGED', 'old reading', ?, 'WEBHOOK', now(), now())`,
      [other.id, JSON.stringify(other)],
    );
    const report = await sync();
    expect(report).toMatchObject({ keptRetried: 1, keptApplied: 1 });
    expect(await kinds(ruipo.learner.id)).toEqual(['INTERVIEW', 'APPLICATION', 'APPLICATION']);
    expect((await t.gql(`{ huntrIntegration { keptActionCount unmatchedMembers { email } } }`, {}, t.tokenFor(staff))).data!.huntrIntegration).toEqual({ keptActionCount: 0, unmatchedMembers: [] });
  });

  it('records a refused token as the last error, without the token', async () => {
    await expect(syncHuntr({ em: t.em(), now: () => t.clock.now(), apiUrl, token: 'wrong-token' })).rejects.toThrow('Huntr answered 401 to GET /members (check HUNTR_API_TOKEN)');
    const state = (await t.gql(`{ huntrIntegration { lastSyncError lastSyncSucceededAt } }`, {}, t.tokenFor(staff))).data!.huntrIntegration;
    expect(state).toEqual({ lastSyncError: 'Huntr answered 401 to GET /members (check HUNTR_API_TOKEN)', lastSyncSucceededAt: '2020-05-08T12:11:00.000Z' });
    expect(JSON.stringify(state)).not.toContain('wrong-token');
  });

  it('runs as the huntr_sync task of the job worker, with the token and URL from configuration', async () => {
    huntr.requests.length = 0;
    const connectionString = t.databaseUrl;
    const logger = new Logger(() => () => undefined);
    const utils = await makeWorkerUtils({ connectionString, logger });
    try {
      await utils.addJob('huntr_sync', {});
    } finally {
      await utils.release();
    }
    const config = { ...loadConfig({ NODE_ENV: 'test', HUNTR_API_TOKEN: TOKEN, HUNTR_API_URL: apiUrl }) };
    await runOnce({ connectionString, taskList: taskList({ orm: t.orm, clock: t.clock, config, log: createLogger('silent') }), logger });
    expect(huntr.requests.map((r) => r.path)).toContain('/org/actions');
    expect((await t.gql(`{ huntrIntegration { lastSyncError } }`, {}, t.tokenFor(staff))).data!.huntrIntegration.lastSyncError).toBeNull();
  });

  it('tells who has been quiet in Huntr for 5 days, as a field and as a learner filter', async () => {
    const silent = await t.createLearner(coach, { moduleStartDate: '2020-04-27' });
    const quiet = async (value: boolean) =>
      ((await t.gql(`query($f: LearnerFilter) { allLearners(filter: $f, perPage: 200) { id quietInHuntr } }`, { f: { coachId: coach.id, quietInHuntr: value } }, t.tokenFor(coach))).data!
        .allLearners as { id: string; quietInHuntr: boolean }[]);
    expect((await quiet(true)).map((l) => l.id)).toContain(silent.learner.id);
    expect((await quiet(false)).map((l) => l.id)).toContain(ruipo.learner.id);
    expect((await quiet(false)).every((l) => !l.quietInHuntr)).toBe(true);
    expect((await quiet(true)).every((l) => l.quietInHuntr)).toBe(true);
    // Ruipo's last action happened 2020-05-07T10:40Z: quiet from 5 whole days after it.
    t.clock.set('2020-05-12T10:39:00Z');
    expect((await quiet(true)).map((l) => l.id)).not.toContain(ruipo.learner.id);
    t.clock.set('2020-05-12T10:40:00Z');
    expect((await quiet(true)).map((l) => l.id)).toContain(ruipo.learner.id);
    // The progress views agree, and carry the learner's field (the console's dashboard reads it there).
    const progress = (await t.gql(`query($id: ID!) { learnerProgress(learnerId: $id) { daysSinceHuntrAction learner { quietInHuntr } } }`, { id: ruipo.learner.id }, t.tokenFor(coach))).data!.learnerProgress;
    expect(progress).toEqual({ daysSinceHuntrAction: 5, learner: { quietInHuntr: true } });
    const page = (await t.gql(`query($ids: [ID!]) { progress(first: 50, filter: { ids: $ids }) { nodes { learnerId daysSinceHuntrAction learner { quietInHuntr } } } }`, { ids: [ruipo.learner.id, silent.learner.id] }, t.tokenFor(coach))).data!.progress.nodes;
    expect(page).toEqual(expect.arrayContaining([
      { learnerId: ruipo.learner.id, daysSinceHuntrAction: 5, learner: { quietInHuntr: true } },
      { learnerId: silent.learner.id, daysSinceHuntrAction: null, learner: { quietInHuntr: true } },
    ]));
    t.clock.set('2020-05-12T10:39:00Z');
    const fresh = (await t.gql(`query($id: ID!) { learnerProgress(learnerId: $id) { daysSinceHuntrAction learner { quietInHuntr } } }`, { id: ruipo.learner.id }, t.tokenFor(coach))).data!.learnerProgress;
    expect(fresh).toEqual({ daysSinceHuntrAction: 4, learner: { quietInHuntr: false } });
  });
});
