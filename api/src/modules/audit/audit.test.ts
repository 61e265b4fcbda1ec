import { TestApp, expectError } from '../../../test/harness';
import { Role } from '../users/user.entity';

describe('the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('records privileged actions with who, what and on what, secrets removed; staff read it; nobody edits it', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const l = await t.createLearner(coach);
    await t.gql(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: PAUSED, reason: "Family leave") { id } }`, { id: l.learner.id }, t.tokenFor(coach));
    await t.gql(`mutation { createUser(email: "new.coach@example.org", name: "New Coach", role: COACH, password: "a long secret password") { id } }`, {}, t.tokenFor(staff));
    // Refused and everyday actions are not recorded.
    await t.gql(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: PAUSED, reason: "again") { id } }`, { id: l.learner.id }, t.tokenFor(coach));
    const log = (await t.gql(`{ auditLog { action subjectId details actor { id } requestId } }`, {}, t.tokenFor(staff))).data!.auditLog;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['createUser', 'setEnrollmentStatus']);
    expect(log[1]).toMatchObject({ subjectId: l.learner.id, actor: { id: coach.id }, details: { learnerId: l.learner.id, status: 'PAUSED', reason: 'Family leave' } });
    expect(log[0].details).toMatchObject({ email: 'new.coach@example.org', password: '[removed]' });
    expect(JSON.stringify(log)).not.toContain('a long secret password');
    expectError(await t.gql(`{ auditLog { action } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
    await expect(t.em().execute(`update audit_log set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(t.em().execute(`delete from audit_log`)).rejects.toThrow(/append-only/);
  });

  it('commits an action with its entry or not at all: promoting a coach to STAFF is undone when its entry cannot be written', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const promote = `mutation($id: ID!) { updateUser(id: $id, role: STAFF) { id role } }`;
    // The audit log refuses this one entry (as a full disk or a broken constraint would).
    await t.em().execute(`create function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit log unavailable'; end $$`);
    await t.em().execute(`create trigger refuse_audit before insert on audit_log for each row when (new.action = 'updateUser') execute function refuse_audit()`);
    try {
      const res = await t.gql(promote, { id: coach.id }, t.tokenFor(staff));
      expectError(res, 'INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res)).not.toMatch(/audit log unavailable|insert into/i);
      const [row] = await t.em().execute<{ role: string }[]>(`select role::text from users where id = ?`, [coach.id]);
      expect(row.role).toBe('COACH');
    } finally {
      await t.em().execute(`drop trigger refuse_audit on audit_log`);
      await t.em().execute(`drop function refuse_audit()`);
    }
    const done = await t.gql(promote, { id: coach.id }, t.tokenFor(staff));
    expect(done.data!.updateUser.role).toBe('STAFF');
    const entries = await t.em().execute<{ n: number }[]>(`select count(*)::int as n from audit_log where action = 'updateUser' and subject_id = ?`, [coach.id]);
    expect(entries[0].n).toBe(1);
  });

  it('refuses text that is not valid Unicode in any argument, naming it, and writes nothing', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const before = await t.snapshot();
    const res = await t.gql(`mutation($id: ID!, $name: String) { updateUser(id: $id, name: $name, role: STAFF) { id } }`, { id: coach.id, name: 'Ada \uD800 Coach' }, t.tokenFor(staff));
    expectError(res, 'BAD_USER_INPUT', 'name');
    expect(res.errors![0].message).toMatch(/valid Unicode/);
    const nested = await t.gql(
      `mutation($i: RequiredActivityInput!) { createRequiredActivity(input: $i) { id } }`,
      { i: { kind: 'SMART_GOALS', title: 'Goals', description: 'half a pair \uDC00' } },
      t.tokenFor(staff),
    );
    expectError(nested, 'BAD_USER_INPUT', 'input.description');
    expect(await t.snapshot()).toBe(before);
    // A whole pair (an emoji) is text like any other.
    expect((await t.gql(`mutation($id: ID!) { updateUser(id: $id, name: "Ada \uD83D\uDE00 Coach") { name } }`, { id: coach.id }, t.tokenFor(staff))).data!.updateUser.name).toBe('Ada \u{1F600} Coach');
  });

  it('records the actions found unaudited in use: a meeting cancelled, a CSV import, an API client with its subject', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const l = await t.createLearner(coach, { email: 'audited.import@example.org' });
    const asStaff = t.tokenFor(staff);
    const entries = async (action: string) =>
      (await t.gql(`query($a: String) { auditLog(filter: { action: $a }) { action subjectId details actor { id } } }`, { a: action }, asStaff)).data!.auditLog;

    const client = (await t.gql(`mutation { createApiClient(name: "Progress page", scopes: ["progress:read"]) { client { id } } }`, {}, asStaff)).data!.createApiClient.client;
    expect(await entries('createApiClient')).toEqual([expect.objectContaining({ subjectId: client.id, actor: { id: staff.id } })]);

    const requested = await t.gql(
      `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`,
      { input: { learnerId: l.learner.id, topic: 'GENERAL', note: 'Before Friday', windows: [{ startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(), endsAt: new Date(t.clock.now().getTime() + 90_000_000).toISOString() }] } },
      t.tokenFor(l.user),
    );
    const meetingId = requested.data!.requestMeeting.id;
    await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "Found a job") { id } }`, { id: meetingId }, t.tokenFor(l.user));
    expect(await entries('cancelMeeting')).toEqual([expect.objectContaining({ subjectId: meetingId, actor: { id: l.user.id }, details: { id: meetingId, reason: 'Found a job' } })]);

    const csv = ['Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At', 'x1,audited.import@example.org,Apply,Acme,Developer,true,2026-11-16T10:00:00Z'].join('\n');
    const upload = (dryRun: boolean) =>
      fetch(`${t.url}/imports/huntr${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${asStaff}` }, body: csv });
    expect((await upload(true)).status).toBe(200);
    expect(await entries('importHuntrCsv')).toEqual([]); // a dry run changes nothing, so records nothing
    expect((await (await upload(false)).json()).accepted).toBe(1);
    expect(await entries('importHuntrCsv')).toEqual([
      expect.objectContaining({ subjectId: null, actor: { id: staff.id }, details: { rows: 1, accepted: 1, duplicates: 0, skipped: 0, rejected: 0 } }),
    ]);
  });
});
