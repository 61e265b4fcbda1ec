import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from './user.entity';

const CREATE = `mutation($email: String!, $name: String!, $role: Role!, $password: String!, $timeZone: String) {
  createUser(email: $email, name: $name, role: $role, password: $password, timeZone: $timeZone) { id email name role active timeZone }
}`;
const UPDATE = `mutation($id: ID!, $name: String, $email: String, $role: Role, $timeZone: String) {
  updateUser(id: $id, name: $name, email: $email, role: $role, timeZone: $timeZone) { id email name role timeZone }
}`;

describe('staff and coach accounts', () => {
  let t: TestApp;
  let staff: User;
  let token: string;
  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.createUser(Role.STAFF, { email: 'head@test.example' });
    token = t.tokenFor(staff);
  });
  afterAll(() => t.stop());

  it('creates a coach who can then sign in', async () => {
    const res = await t.gql(CREATE, { email: 'New.Coach@Test.Example', name: 'New Coach', role: 'COACH', password: 'a good long password', timeZone: 'Asia/Kolkata' }, token);
    expect(res.data!.createUser).toMatchObject({ email: 'new.coach@test.example', role: 'COACH', active: true, timeZone: 'Asia/Kolkata' });
    const login = await t.gql(`mutation { login(email: "new.coach@test.example", password: "a good long password") { user { name } } }`);
    expect(login.data!.login.user.name).toBe('New Coach');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a taken email in another case', { email: 'HEAD@test.example' }, 'CONFLICT', 'email'],
    ['a learner role', { role: 'LEARNER' }, 'BAD_USER_INPUT', 'role'],
    ['a bad email', { email: 'nope' }, 'BAD_USER_INPUT', 'email'],
    ['a 100 kB name', { name: 'n'.repeat(100_000) }, 'BAD_USER_INPUT', 'name'],
    ['an unknown time zone', { timeZone: 'Atlantis/Capital' }, 'BAD_USER_INPUT', 'timeZone'],
    ['a short password', { password: 'short' }, 'BAD_USER_INPUT', 'password'],
  ])('refuses %s, writing nothing', async (_label, change, code, field) => {
    const before = await t.snapshot();
    const res = await t.gql(CREATE, { email: 'fresh@test.example', name: 'Fresh', role: 'COACH', password: 'a good long password', ...change }, token);
    expectError(res, code, field);
    expect(await t.snapshot()).toBe(before);
  });

  it('changes a coach and refuses changes that would break an account', async () => {
    const coach = await t.createUser(Role.COACH);
    const learner = await t.createUser(Role.LEARNER);
    expect((await t.gql(UPDATE, { id: coach.id, role: 'STAFF', name: 'Promoted' }, token)).data!.updateUser).toMatchObject({ role: 'STAFF', name: 'Promoted' });
    expectError(await t.gql(UPDATE, { id: learner.id, role: 'COACH' }, token), 'BAD_USER_INPUT', 'role');
    expectError(await t.gql(UPDATE, { id: staff.id, role: 'COACH' }, token), 'FORBIDDEN');
    expectError(await t.gql(UPDATE, { id: coach.id, email: 'head@test.example' }, token), 'CONFLICT', 'email');
    expectError(await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', name: 'x' }, token), 'NOT_FOUND', 'id');
    expectError(await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: staff.id }, token), 'FORBIDDEN');
  });

  it('keeps every learner with an active coach: a coach with learners cannot be deactivated or made staff', async () => {
    const coach = await t.createUser(Role.COACH, { name: 'Busy Coach' });
    await t.createLearner(coach);
    const before = await t.snapshot();
    const off = await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: coach.id }, token);
    expectError(off, 'CONFLICT');
    expect(off.errors![0].message).toMatch(/Busy Coach is the assigned coach of 1 learner/);
    expectError(await t.gql(UPDATE, { id: coach.id, role: 'STAFF' }, token), 'CONFLICT');
    expect(await t.snapshot()).toBe(before);
  });

  it('ends the sessions of the old password when staff set a new one', async () => {
    const coach = await t.createUser(Role.COACH, { email: 'stolen@test.example' });
    const stolen = t.tokenFor(coach);
    t.clock.set(new Date(t.clock.now().getTime() + 5_000));
    const res = await t.gql(`mutation($id: ID!) { updateUser(id: $id, password: "a brand new password") { id } }`, { id: coach.id }, token);
    expect(res.errors).toBeUndefined();
    expectError(await t.gql('{ allLearners { id } }', {}, stolen), 'UNAUTHENTICATED');
    const login = await t.gql(`mutation { login(email: "stolen@test.example", password: "a brand new password") { token } }`);
    expect((await t.gql('{ me { email } }', {}, login.data!.login.token)).data!.me.email).toBe('stolen@test.example');
  });

  it('lists users with filters, counts and sorting', async () => {
    const res = await t.gql(
      `query { allUsers(filter: { role: COACH, active: true }, sortField: "email", perPage: 200) { email role } _allUsersMeta(filter: { role: COACH, active: true }) { count } }`,
      {},
      token,
    );
    const emails = res.data!.allUsers.map((u: { email: string }) => u.email);
    expect(res.data!.allUsers.every((u: { role: string }) => u.role === 'COACH')).toBe(true);
    expect(emails).toEqual([...emails].sort());
    expect(res.data!._allUsersMeta.count).toBe(emails.length);
    expectError(await t.gql(`{ allUsers(sortField: "passwordHash") { id } }`, {}, token), 'BAD_USER_INPUT', 'sortField');
  });
});
