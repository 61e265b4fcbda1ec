import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

// Fixtures are Huntr's documented examples (test/fixtures/huntr/README.md): May 2020, so the clock is set there.
const NOW = '2020-05-08T12:00:00Z';
const SECRET = 'huntr-test-secret-0123456789abcdef';
const fixture = (name: string) => readFileSync(path.join(__dirname, '../../../test/fixtures/huntr', `${name}.json`), 'utf8');
const listed = (name: string) => (JSON.parse(fixture(name)) as { data: Record<string, unknown>[] }).data;
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');
/** The documented job seeker of the Jobs and Actions examples. */
const RUIPO = 'rennie+thinkful20@huntr.co';

describe('the Huntr webhook, with actions as Huntr documents them', () => {
  let t: TestApp;
  let coach: User;
  let staff: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW, config: { huntrWebhookSecret: SECRET } });
    coach = await t.createUser(Role.COACH);
    staff = await t.createUser(Role.STAFF);
    learner = await t.createLearner(coach, { email: RUIPO, moduleStartDate: '2020-04-27' });
  });
  afterAll(() => t.stop());

  const deliver = (body: string, signature: string | null = sign(body)) =>
    fetch(`${t.url}/webhooks/huntr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-huntr-hmac-sha256': signature }) },
      body,
    });
  const outcome = async (body: string) => ((await (await deliver(body)).json()) as { status: string }).status;
  const activities = async () =>
    (await t.gql(`query($id: ID!) { Learner(id: $id) { lastHuntrActionAt jobActivities(days: 30) { kind company role occurredAt source stage } } }`, { id: learner.learner.id }, t.tokenFor(coach)))
      .data!.Learner;

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const body = fixture('action-activity-created-apply');
    const before = await t.snapshot();
    expect((await deliver(body, sign(body, 'another-secret'))).status).toBe(401);
    expect((await deliver(body, null)).status).toBe(401);
    expect((await deliver(body.replace('MailChimp', 'Evil Corp'), sign(body))).status).toBe(401);
    expect((await deliver(body, 'not base64 at all!')).status).toBe(401);
    expect(await t.snapshot()).toBe(before);
  });

  it('counts the documented completed Apply activity as an application, once, however often Huntr redelivers it', async () => {
    const body = fixture('action-activity-created-apply');
    const results = await Promise.all(Array.from({ length: 20 }, () => deliver(body)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(results.map((r) => r.json()));
    expect(outcomes.filter((o) => o.status === 'APPLIED')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'DUPLICATE')).toHaveLength(19);
    const view = await activities();
    // completedAt 1588634740 (Unix seconds); the employer is the Action's top-level `employer`.
    expect(view.jobActivities).toEqual([{ kind: 'APPLICATION', company: 'MailChimp', role: 'No Job Title', occurredAt: '2020-05-04T23:25:40.000Z', source: 'HUNTR', stage: null }]);
    // Freshness is when the action happened in Huntr (its `date`), not when it reached Waypoint.
    expect(view.lastHuntrActionAt).toBe('2020-05-04T23:25:40.000Z');
  });

  it('takes in the documented List Actions page and the documented Action: moves, follow-ups and new jobs change no count', async () => {
    const [followUp, moved, note] = listed('actions-list');
    expect(await outcome(JSON.stringify(followUp))).toBe('IGNORED');
    // Moved to Applied, but the job already has its Apply activity: no second application.
    expect(await outcome(JSON.stringify(moved))).toBe('APPLIED');
    expect(await outcome(fixture('action-job-created'))).toBe('IGNORED');
    // The note belongs to another member, whom no learner is: kept aside, not stored as handled.
    expect(await outcome(JSON.stringify(note))).toBe('UNMATCHED');
    expect((await activities()).jobActivities.map((a: { kind: string }) => a.kind)).toEqual(['APPLICATION']);
  });

  it('counts an interview completed by an update, dated by its start, removes it when deleted, and never lets an older action undo a newer one', async () => {
    expect(await outcome(fixture('action-activity-updated-on-site-completed'))).toBe('APPLIED');
    let view = await activities();
    expect(view.jobActivities[0]).toEqual({ kind: 'INTERVIEW', company: 'MailChimp', role: 'Senior Engineer', occurredAt: '2020-05-07T07:00:00.000Z', source: 'HUNTR', stage: 'ON_SITE' });
    expect(await outcome(fixture('action-activity-deleted-on-site'))).toBe('APPLIED');
    view = await activities();
    expect(view.jobActivities.map((a: { kind: string }) => a.kind)).toEqual(['APPLICATION']);
    // The activity's creation, delivered late (after its deletion): stored, but it does not bring the interview back.
    const created = JSON.parse(fixture('action-activity-updated-on-site-completed'));
    Object.assign(created, { id: '5eb0cbb2acf21d6980c45d67', actionType: 'ACTIVITY_CREATED', date: 1588644786, createdAt: 1588644786, update: undefined });
    created.activity.completed = true;
    expect(await outcome(JSON.stringify(created))).toBe('SUPERSEDED');
    expect((await activities()).jobActivities.map((a: { kind: string }) => a.kind)).toEqual(['APPLICATION']);
  });

  it('keeps an unknown member\'s offer aside (never DUPLICATE) until staff link the member, then alerts the coach once', async () => {
    const offer = fixture('action-activity-created-offer');
    expect(await outcome(offer)).toBe('UNMATCHED');
    expect(await outcome(offer)).toBe('UNMATCHED');
    const list = (await t.gql(`{ unmatchedHuntrMembers { email actions } }`, {}, t.tokenFor(staff))).data!.unmatchedHuntrMembers;
    expect(list).toEqual([{ email: 'rennie+dev30@huntr.co', actions: 2 }]);
    const rennie = await t.createLearner(coach, { moduleStartDate: '2020-04-27' });
    const applied = (await t.gql(`mutation($l: ID!) { resolveHuntrMember(email: "Rennie+Dev30@huntr.co", learnerId: $l) }`, { l: rennie.learner.id }, t.tokenFor(staff))).data!.resolveHuntrMember;
    expect(applied).toBe(2); // the offer and the note
    expect(await outcome(offer)).toBe('DUPLICATE');
    const alerts = (await t.gql(`{ coachAlerts { message learner { id } } }`, {}, t.tokenFor(coach))).data!.coachAlerts;
    expect(alerts).toEqual([{ message: 'Offer received: ESPN', learner: { id: rennie.learner.id } }]);
    expect((await t.gql(`{ unmatchedHuntrMembers { email } }`, {}, t.tokenFor(staff))).data!.unmatchedHuntrMembers).toEqual([]);
    expectError(await t.gql(`{ unmatchedHuntrMembers { email } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
  });

  it('keeps an activity of a category Huntr does not document, and an action type it does not list, with the reason', async () => {
    const custom = JSON.parse(fixture('action-activity-created-apply'));
    Object.assign(custom, { id: '5eb0a4745125d758466dea99', activityCategory: { id: '5f0000000000000000000001', name: 'Coffee Chat' } });
    custom.activity = { ...custom.activity, id: '5eb0a4745125d758466dea98' };
    expect(await outcome(JSON.stringify(custom))).toBe('UNMAPPED');
    const goal = { ...JSON.parse(fixture('action-job-created')), id: '5eb0a4338899ba51bf96f699', actionType: 'GOAL_COMPLETED' };
    expect(await outcome(JSON.stringify(goal))).toBe('UNMAPPED');
    const kept = await t.em().execute(`select id, reason, detail from huntr_kept_actions order by id`);
    expect(kept).toEqual([
      { id: '5eb0a4338899ba51bf96f699', reason: 'UNKNOWN_ACTION_TYPE', detail: 'Huntr action type GOAL_COMPLETED is not one Waypoint knows' },
      { id: '5eb0a4745125d758466dea99', reason: 'UNKNOWN_CATEGORY', detail: 'Activity category "Coffee Chat" is not one Huntr documents' },
    ]);
    expect((await activities()).jobActivities).toHaveLength(1);
  });

  it('answers malformed deliveries with 400, and lets learners record, correct and delete their own by hand', async () => {
    expect((await deliver('this is not json')).status).toBe(400);
    expect((await deliver(JSON.stringify({ actionType: 'ACTIVITY_CREATED' }))).status).toBe(400);

    const record = `mutation($i: RecordJobActivityInput!) { recordJobActivity(input: $i) { id source } }`;
    const input = { learnerId: learner.learner.id, kind: 'INTERVIEW', company: 'Initech', role: 'Backend Developer', occurredAt: '2020-05-08T09:00:00Z' };
    const mine = (await t.gql(record, { i: input }, learner.token)).data!.recordJobActivity;
    expect(mine.source).toBe('MANUAL');
    expectError(await t.gql(record, { i: { ...input, occurredAt: '2020-05-09T09:00:00Z' } }, learner.token), 'BAD_USER_INPUT', 'input.occurredAt');
    expectError(await t.gql(record, { i: { ...input, company: ' ' } }, learner.token), 'BAD_USER_INPUT', 'input.company');
    const stranger = await t.createLearner(coach, { moduleStartDate: '2020-04-27' });
    expectError(await t.gql(record, { i: { ...input, learnerId: stranger.learner.id } }, learner.token), 'FORBIDDEN');
    const update = `mutation($id: ID!, $i: UpdateJobActivityInput!) { updateJobActivity(id: $id, input: $i) { id kind company role occurredAt note } }`;
    const fixed = (await t.gql(update, { id: mine.id, i: { company: ' Initech Ltd ', occurredAt: '2020-05-07T15:00:00Z' } }, learner.token)).data!.updateJobActivity;
    expect(fixed).toMatchObject({ kind: 'INTERVIEW', company: 'Initech Ltd', role: 'Backend Developer', occurredAt: '2020-05-07T15:00:00.000Z' });
    const before = await t.snapshot();
    expectError(await t.gql(update, { id: mine.id, i: { occurredAt: '2020-05-09T09:00:00Z' } }, learner.token), 'BAD_USER_INPUT', 'input.occurredAt');
    expectError(await t.gql(update, { id: mine.id, i: { role: '' } }, learner.token), 'BAD_USER_INPUT', 'input.role');
    expectError(await t.gql(update, { id: mine.id, i: { company: 'Hooli' } }, stranger.token), 'FORBIDDEN');
    const all = await t.gql(`query($id: ID!) { Learner(id: $id) { jobActivities(days: 30) { id source } } }`, { id: learner.learner.id }, t.tokenFor(coach));
    const fromHuntr = (all.data!.Learner.jobActivities as { id: string; source: string }[]).find((a) => a.source === 'HUNTR')!;
    expectError(await t.gql(update, { id: fromHuntr.id, i: { company: 'Hooli' } }, t.tokenFor(coach)), 'BAD_USER_INPUT', 'id');
    expect(await t.snapshot()).toBe(before);
    expectError(await t.gql(`mutation($id: ID!) { deleteJobActivity(id: $id) { id } }`, { id: mine.id }, stranger.token), 'FORBIDDEN');
    expect((await t.gql(`mutation($id: ID!) { deleteJobActivity(id: $id) { id } }`, { id: mine.id }, learner.token)).data!.deleteJobActivity.id).toBe(mine.id);
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
