import { TestApp, TEST_PASSWORD, expectError } from './harness';
import { Role } from '../src/modules/users/user.entity';
import { signToken } from '../src/auth/token';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email role } }
}`;
const ME = `{ me { id email role active } }`;

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('signs in with the right password, any email case, and returns a 12 h token', async () => {
    const coach = await t.createUser(Role.COACH, { email: 'amara@test.example' });
    const res = await t.gql(LOGIN, { email: '  Amara@Test.Example ', password: TEST_PASSWORD });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({ id: coach.id, email: 'amara@test.example', role: 'COACH' });
    expect(new Date(res.data!.login.expiresAt).getTime() - t.clock.now().getTime()).toBe(12 * 3600 * 1000);
    const me = await t.gql(ME, {}, res.data!.login.token);
    expect(me.data!.me).toMatchObject({ id: coach.id, role: 'COACH', active: true });
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    await t.createUser(Role.STAFF, { email: 'nadia@test.example' });
    const wrong = await t.gql(LOGIN, { email: 'nadia@test.example', password: 'not the password' });
    const unknown = await t.gql(LOGIN, { email: 'nobody@test.example', password: TEST_PASSWORD });
    expectError(wrong, 'UNAUTHENTICATED');
    expectError(unknown, 'UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    expect(wrong.data).toBeNull();
  });

  it('treats a missing token as anonymous: me is null, guarded fields are UNAUTHENTICATED', async () => {
    expect((await t.gql(ME)).data!.me).toBeNull();
    expectError(await t.gql('{ allLearners { id } }'), 'UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const user = await t.createUser(Role.COACH);
    const old = signToken(user.id, t.secret, 12, new Date(t.clock.now().getTime() - 13 * 3600 * 1000)).token;
    const res = await t.gql('{ allLearners { id } }', {}, old);
    expectError(res, 'UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/expired/);
  });

  it('refuses a token that expires after it was accepted (its checked signature is remembered, its expiry is not)', async () => {
    const user = await t.createUser(Role.COACH);
    const token = t.tokenFor(user);
    expect((await t.gql('{ allLearners { id } }', {}, token)).errors).toBeUndefined();
    const issued = t.clock.now();
    try {
      t.clock.set(new Date(issued.getTime() + 12 * 3600 * 1000 - 1000));
      expect((await t.gql('{ allLearners { id } }', {}, token)).errors).toBeUndefined();
      t.clock.set(new Date(issued.getTime() + 12 * 3600 * 1000));
      const res = await t.gql('{ allLearners { id } }', {}, token);
      expectError(res, 'UNAUTHENTICATED');
      expect(res.errors![0].message).toMatch(/expired/);
    } finally {
      t.clock.set(issued);
    }
  });

  it('refuses a tampered token and one signed with another secret', async () => {
    const user = await t.createUser(Role.COACH);
    const token = t.tokenFor(user);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...payload, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url'), s].join('.');
    expectError(await t.gql('{ allLearners { id } }', {}, forged), 'UNAUTHENTICATED');
    const foreign = signToken(user.id, 'another-secret-another-secret-another', 12, t.clock.now()).token;
    expectError(await t.gql('{ allLearners { id } }', {}, foreign), 'UNAUTHENTICATED');
    expectError(await t.gql('{ allLearners { id } }', {}, 'not-a-jwt'), 'UNAUTHENTICATED');
  });

  it('stops a deactivated user at once: no sign-in, and their old token no longer works', async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH, { email: 'leaving@test.example' });
    const coachToken = t.tokenFor(coach);
    expect((await t.gql('{ allLearners { id } }', {}, coachToken)).errors).toBeUndefined();

    const off = await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { id active } }`, { id: coach.id }, t.tokenFor(staff));
    expect(off.data!.deactivateUser.active).toBe(false);

    expectError(await t.gql('{ allLearners { id } }', {}, coachToken), 'UNAUTHENTICATED');
    expect((await t.gql(ME, {}, coachToken)).data!.me).toBeNull();
    expectError(await t.gql(LOGIN, { email: 'leaving@test.example', password: TEST_PASSWORD }), 'UNAUTHENTICATED');

    await t.gql(`mutation($id: ID!) { reactivateUser(id: $id) { id } }`, { id: coach.id }, t.tokenFor(staff));
    expect((await t.gql(LOGIN, { email: 'leaving@test.example', password: TEST_PASSWORD })).data!.login.token).toBeTruthy();
  });

  it('never lets a password or hash reach a response', async () => {
    const res = await t.gql(`{ __type(name: "User") { fields { name } } }`);
    const fields = res.data!.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).not.toContain('passwordHash');
    expect(fields).not.toContain('password');
  });
});
