import { TestApp, TEST_PASSWORD, expectError } from '../../../test/harness';
import { Role } from './user.entity';

/** Ending sessions and choosing passwords, over HTTP as people do it. */
describe('sessions and passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:00:00Z' });
  });
  afterAll(() => t.stop());

  const me = (token: string) => t.gql(`{ me { id } }`, {}, token);
  // `me` answers null to an unknown token; an operation that needs a viewer refuses it.
  const guarded = (token: string) => t.gql(`{ reviewTargets { kind } }`, {}, token);
  const login = (email: string, password: string) =>
    t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });

  it('ends every session when staff deactivate someone, and reactivating does not bring them back', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T12:00:00Z');
    const old = t.tokenFor(coach);
    expect((await me(old)).data!.me.id).toBe(coach.id);
    t.clock.set('2026-11-18T12:00:05Z');
    await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: coach.id }, t.tokenFor(staff));
    await t.gql(`mutation($id: ID!) { reactivateUser(id: $id) { id } }`, { id: coach.id }, t.tokenFor(staff));
    t.clock.set('2026-11-18T12:00:10Z');
    expectError(await guarded(old), 'UNAUTHENTICATED');
    const fresh = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    expect((await me(fresh)).data!.me.id).toBe(coach.id);
  });

  it('signs out everywhere: every token issued before stops working', async () => {
    const learner = (await t.createLearner(await t.createUser(Role.COACH))).user;
    t.clock.set('2026-11-18T13:00:00Z');
    const phone = (await login(learner.email, TEST_PASSWORD)).data!.login.token;
    const laptop = t.tokenFor(learner);
    t.clock.set('2026-11-18T13:00:02Z');
    expect((await t.gql(`mutation { signOutEverywhere }`, {}, laptop)).data!.signOutEverywhere).toBe(true);
    t.clock.set('2026-11-18T13:00:03Z');
    expectError(await guarded(phone), 'UNAUTHENTICATED');
    expectError(await guarded(laptop), 'UNAUTHENTICATED');
    expect((await me((await login(learner.email, TEST_PASSWORD)).data!.login.token)).data!.me.id).toBe(learner.id);
  });

  it("changes one's own password after checking the current one; the other sessions end, this one goes on with its new token", async () => {
    const coach = await t.createUser(Role.COACH);
    t.clock.set('2026-11-18T14:00:00Z');
    const other = t.tokenFor(coach);
    const mine = (await login(coach.email, TEST_PASSWORD)).data!.login.token;
    t.clock.set('2026-11-18T14:00:02Z');
    const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token user { id } } }`;
    const before = await t.snapshot();
    expectError(await t.gql(change, { c: 'not my password', n: 'a brand new long passphrase' }, mine), 'BAD_USER_INPUT', 'currentPassword');
    expectError(await t.gql(change, { c: TEST_PASSWORD, n: 'qwerty123456' }, mine), 'BAD_USER_INPUT', 'newPassword');
    expect(await t.snapshot()).toBe(before);
    const changed = (await t.gql(change, { c: TEST_PASSWORD, n: 'a brand new long passphrase' }, mine)).data!.changePassword;
    t.clock.set('2026-11-18T14:00:03Z');
    expectError(await guarded(other), 'UNAUTHENTICATED');
    expect((await me(changed.token)).data!.me.id).toBe(coach.id);
    expectError(await login(coach.email, TEST_PASSWORD), 'UNAUTHENTICATED');
    expect((await login(coach.email, 'a brand new long passphrase')).data!.login.token).toBeTruthy();
  });

  it('refuses short, common and one-character passwords wherever a password is set, naming the argument', async () => {
    const staff = t.tokenFor(await t.createUser(Role.STAFF));
    const create = `mutation($p: String!) { createUser(email: "weak@example.org", name: "Weak", role: COACH, password: $p) { id } }`;
    for (const [password, message] of [
      ['short pass1', /at least 12 characters/],
      ['qwerty123456', /most common passwords/],
      ['1q2w3e4r5t6y', /most common passwords/],
      ['zzzzzzzzzzzzzzzz', /one character repeated/],
    ] as const) {
      const res = await t.gql(create, { p: password }, staff);
      expectError(res, 'BAD_USER_INPUT', 'password');
      expect(res.errors![0].message).toMatch(message);
    }
    expect((await t.gql(create, { p: 'a long and unusual passphrase' }, staff)).data!.createUser.id).toBeTruthy();
  });
});
