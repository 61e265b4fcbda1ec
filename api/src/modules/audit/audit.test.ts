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
});
