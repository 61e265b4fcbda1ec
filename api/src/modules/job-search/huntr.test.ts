import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const SECRET = 'huntr-test-secret-0123456789abcdef';
const fixture = (name: string) => readFileSync(path.join(__dirname, '../../../test/fixtures/huntr', `${name}.json`), 'utf8');
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

describe('the Huntr webhook and job activity', () => {
  let t: TestApp;
  let coach: User;
  let staff: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T18:00:00Z', config: { huntrWebhookSecret: SECRET } });
    coach = await t.createUser(Role.COACH);
    staff = await t.createUser(Role.STAFF);
    learner = await t.createLearner(coach, { email: 'learner.huntr@example.org' });
  });
  afterAll(() => t.stop());

  const deliver = (body: string, signature: string | null = sign(body)) =>
    fetch(`${t.url}/webhooks/huntr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-huntr-hmac-sha256': signature }) },
      body,
    });
  const activities = async () =>
    (await t.gql(`query($id: ID!) { Learner(id: $id) { lastHuntrActionAt jobActivities(days: 30) { kind company role occurredAt source } } }`, { id: learner.learner.id }, t.tokenFor(coach)))
      .data!.Learner;

  it('refuses a bad, missing or stale signature with 401 and stores nothing', async () => {
    const body = fixture('activity-created-apply');
    const before = await t.snapshot();
    expect((await deliver(body, sign(body, 'another-secret'))).status).toBe(401);
    expect((await deliver(body, null)).status).toBe(401);
    expect((await deliver(body.replace('Acme', 'Evil Corp'), sign(body))).status).toBe(401);
    expect((await deliver(body, 'not base64 at all!')).status).toBe(401);
    expect(await t.snapshot()).toBe(before);
  });

  it('stores an application once, however often Huntr redelivers it, even 20 times at once', async () => {
    const body = fixture('activity-created-apply');
    const results = await Promise.all(Array.from({ length: 20 }, () => deliver(body)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(results.map((r) => r.json()));
    expect(outcomes.filter((o) => o.status === 'APPLIED')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'DUPLICATE')).toHaveLength(19);
    const view = await activities();
    expect(view.jobActivities).toEqual([{ kind: 'APPLICATION', company: 'Acme', role: 'Frontend Developer', occurredAt: '2026-11-17T10:00:00.000Z', source: 'HUNTR' }]);
    expect(view.lastHuntrActionAt).toBe('2026-11-18T18:00:00.000Z');
  });

  it('counts an interview by its start (Unix seconds), applies updates and deletes, and moves to Applied only without an Apply', async () => {
    expect((await (await deliver(fixture('activity-created-phone-screen'))).json()).status).toBe('APPLIED');
    const moved = fixture('job-moved-applied');
    await deliver(moved);
    let view = await activities();
    expect(view.jobActivities.map((a: { kind: string; company: string; occurredAt: string }) => `${a.kind}:${a.company}:${a.occurredAt}`)).toEqual([
      'INTERVIEW:Acme:2026-11-17T10:20:00.000Z',
      'APPLICATION:Acme:2026-11-17T10:00:00.000Z',
      'APPLICATION:Globex:2026-11-16T09:00:00.000Z',
    ]);

    // The screen is rescheduled (an update), then deleted.
    const updated = JSON.parse(fixture('activity-created-phone-screen'));
    Object.assign(updated, { id: 'act_01HZX3SCREEN_UPD', actionType: 'ACTIVITY_UPDATED' });
    updated.activity.startAt = '2026-11-17T15:00:00Z';
    await deliver(JSON.stringify(updated));
    view = await activities();
    expect(view.jobActivities[0]).toMatchObject({ kind: 'INTERVIEW', occurredAt: '2026-11-17T15:00:00.000Z' });
    const deleted = { ...updated, id: 'act_01HZX3SCREEN_DEL', actionType: 'ACTIVITY_DELETED' };
    await deliver(JSON.stringify(deleted));
    view = await activities();
    expect(view.jobActivities.map((a: { kind: string }) => a.kind)).toEqual(['APPLICATION', 'APPLICATION']);

    // An Apply activity for the moved job replaces the stand-in.
    const apply = JSON.parse(fixture('activity-created-apply'));
    Object.assign(apply, { id: 'act_GLOBEX_APPLY' });
    apply.activity = { ...apply.activity, id: 'actv_apply_2', completedAt: '2026-11-16T11:00:00Z', job: { id: 'job_2', title: 'React Engineer', employer: { name: 'Globex' } } };
    await deliver(JSON.stringify(apply));
    view = await activities();
    expect(view.jobActivities.filter((a: { company: string }) => a.company === 'Globex')).toEqual([
      { kind: 'APPLICATION', company: 'Globex', role: 'React Engineer', occurredAt: '2026-11-16T11:00:00.000Z', source: 'HUNTR' },
    ]);
  });

  it('alerts the coach once on an offer', async () => {
    await deliver(fixture('activity-created-offer'));
    const again = JSON.parse(fixture('activity-created-offer'));
    again.id = 'act_01HZX3OFFER_UPD';
    again.actionType = 'ACTIVITY_UPDATED';
    await deliver(JSON.stringify(again));
    const funnel = (await t.gql(`query($id: ID!) { learnerProgress(learnerId: $id) { funnel { applications phoneScreens interviews offers } } }`, { id: learner.learner.id }, t.tokenFor(coach))).data!.learnerProgress.funnel;
    expect(funnel).toEqual({ applications: 2, phoneScreens: 0, interviews: 0, offers: 1 });
    const alerts = (await t.gql(`{ coachAlerts { id message learner { id } } }`, {}, t.tokenFor(coach))).data!.coachAlerts;
    expect(alerts).toEqual([{ id: expect.any(String), message: 'Offer received: Frontend Developer at Acme', learner: { id: learner.learner.id } }]);
    const other = await t.createUser(Role.COACH);
    expect((await t.gql(`{ coachAlerts { id } }`, {}, t.tokenFor(other))).data!.coachAlerts).toEqual([]);
    expectError(await t.gql(`mutation($id: ID!) { resolveCoachAlert(id: $id) { id } }`, { id: alerts[0].id }, t.tokenFor(other)), 'FORBIDDEN');
    const done = (await t.gql(`mutation($id: ID!) { resolveCoachAlert(id: $id) { resolvedAt } }`, { id: alerts[0].id }, t.tokenFor(coach))).data!.resolveCoachAlert;
    expect(done.resolvedAt).toBe('2026-11-18T18:00:00.000Z');
    expect((await t.gql(`{ coachAlerts { id } }`, {}, t.tokenFor(coach))).data!.coachAlerts).toEqual([]);
  });

  it('keeps an unknown member aside until staff tie the email to a learner', async () => {
    const stranger = JSON.parse(fixture('activity-created-apply'));
    Object.assign(stranger, { id: 'act_STRANGER', ownerMember: { email: 'Someone.Else@Example.org' } });
    stranger.activity = { ...stranger.activity, id: 'actv_stranger' };
    expect((await (await deliver(JSON.stringify(stranger))).json()).status).toBe('UNMATCHED');
    const list = (await t.gql(`{ unmatchedHuntrMembers { email actions } }`, {}, t.tokenFor(staff))).data!.unmatchedHuntrMembers;
    expect(list).toEqual([{ email: 'someone.else@example.org', actions: 1 }]);
    const other = await t.createLearner(coach);
    const applied = (await t.gql(`mutation($l: ID!) { resolveHuntrMember(email: "someone.else@example.org", learnerId: $l) }`, { l: other.learner.id }, t.tokenFor(staff))).data!.resolveHuntrMember;
    expect(applied).toBe(1);
    const view = (await t.gql(`query($id: ID!) { Learner(id: $id) { jobActivities { company } } }`, { id: other.learner.id }, t.tokenFor(coach))).data!.Learner;
    expect(view.jobActivities).toEqual([{ company: 'Acme' }]);
    expect((await t.gql(`{ unmatchedHuntrMembers { email } }`, {}, t.tokenFor(staff))).data!.unmatchedHuntrMembers).toEqual([]);
    expectError(await t.gql(`{ unmatchedHuntrMembers { email } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
  });

  it('answers malformed deliveries with 400, and lets learners record, correct and delete their own by hand', async () => {
    const notJson = 'this is not json';
    expect((await deliver(notJson)).status).toBe(400);
    const noId = JSON.stringify({ actionType: 'ACTIVITY_CREATED' });
    expect((await deliver(noId)).status).toBe(400);

    const record = `mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id source } }`;
    const input = { learnerId: learner.learner.id, kind: 'INTERVIEW', company: 'Initech', role: 'Backend Developer', occurredAt: '2026-11-18T09:00:00Z' };
    const mine = (await t.gql(record, { i: input }, learner.token)).data!.recordJobActivity;
    expect(mine.source).toBe('MANUAL');
    expectError(await t.gql(record, { i: { ...input, occurredAt: '2026-11-19T09:00:00Z' } }, learner.token), 'BAD_USER_INPUT', 'input.occurredAt');
    expectError(await t.gql(record, { i: { ...input, company: ' ' } }, learner.token), 'BAD_USER_INPUT', 'input.company');
    const stranger = await t.createLearner(coach);
    expectError(await t.gql(record, { i: { ...input, learnerId: stranger.learner.id } }, learner.token), 'FORBIDDEN');
    const update = `mutation($id: ID!, $i: UpdateJobActivityInput!) { updateJobActivity(id: $id, input: $i) { id kind company role occurredAt note } }`;
    const fixed = (await t.gql(update, { id: mine.id, i: { company: ' Initech Ltd ', occurredAt: '2026-11-17T15:00:00Z' } }, learner.token)).data!.updateJobActivity;
    expect(fixed).toMatchObject({ kind: 'INTERVIEW', company: 'Initech Ltd', role: 'Backend Developer', occurredAt: '2026-11-17T15:00:00.000Z' });
    const before = await t.snapshot();
    expectError(await t.gql(update, { id: mine.id, i: { occurredAt: '2026-11-19T09:00:00Z' } }, learner.token), 'BAD_USER_INPUT', 'input.occurredAt');
    expectError(await t.gql(update, { id: mine.id, i: { role: '' } }, learner.token), 'BAD_USER_INPUT', 'input.role');
    expectError(await t.gql(update, { id: mine.id, i: { company: 'Hooli' } }, stranger.token), 'FORBIDDEN');
    const listed = await t.gql(`query($id: ID!) { Learner(id: $id) { jobActivities(days: 30) { id source } } }`, { id: learner.learner.id }, t.tokenFor(coach));
    const fromHuntr = (listed.data!.Learner.jobActivities as { id: string; source: string }[]).find((a) => a.source === 'HUNTR')!;
    expectError(await t.gql(update, { id: fromHuntr.id, i: { company: 'Hooli' } }, t.tokenFor(coach)), 'BAD_USER_INPUT', 'id');
    expect(await t.snapshot()).toBe(before);
    expectError(await t.gql(`mutation($id: ID!) { deleteJobActivity(id: $id) { id } }`, { id: mine.id }, stranger.token), 'FORBIDDEN');
    expect((await t.gql(`mutation($id: ID!) { deleteJobActivity(id: $id) { id } }`, { id: mine.id }, learner.token)).data!.deleteJobActivity.id).toBe(mine.id);
    const huntr = (await activities()).jobActivities.length;
    expect(huntr).toBeGreaterThan(0);
  });
});

describe('the Huntr webhook without a secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('answers 503 (not configured) so nothing is taken in unverified', async () => {
    const res = await fetch(`${t.url}/webhooks/huntr`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(503);
  });
});
