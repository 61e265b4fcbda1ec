import { TestApp, expectError } from '../../../test/harness';
import { Role } from '../users/user.entity';

/** Anyone signed in changes their own name and time zone; a learner's days follow the new zone. */
describe('my profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Monday 23 Nov 2026, 02:00 UTC: still Sunday evening in New York, already Monday in Kolkata.
    t = await TestApp.start({ now: '2026-11-23T02:00:00Z' });
  });
  afterAll(() => t.stop());

  const UPDATE = `mutation($name: String, $timeZone: String) { updateMyProfile(name: $name, timeZone: $timeZone) { id name timeZone } }`;

  it("lets a learner change their name and time zone, and their module week follows the zone", async () => {
    const coach = await t.createUser(Role.COACH);
    const { user, learner } = await t.createLearner(coach, { timeZone: 'America/New_York', moduleStartDate: '2026-11-16', name: 'Ada Lovelace' });
    const token = t.tokenFor(user);
    const week = async () => (await t.gql(`query($id: ID!) { Learner(id: $id) { name timeZone moduleWeek } }`, { id: learner.id }, token)).data!.Learner;
    expect(await week()).toEqual({ name: 'Ada Lovelace', timeZone: 'America/New_York', moduleWeek: 1 });

    const res = await t.gql(UPDATE, { name: '  Ada King ', timeZone: 'Asia/Kolkata' }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMyProfile).toEqual({ id: user.id, name: 'Ada King', timeZone: 'Asia/Kolkata' });
    expect(await week()).toEqual({ name: 'Ada King', timeZone: 'Asia/Kolkata', moduleWeek: 2 });
  });

  it('checks the values as the staff path does, names the argument, and changes nothing when refused', async () => {
    const coach = await t.createUser(Role.COACH, { name: 'Grace Hopper' });
    const token = t.tokenFor(coach);
    const before = await t.snapshot();
    expectError(await t.gql(UPDATE, { timeZone: 'Mars/Olympus_Mons' }, token), 'BAD_USER_INPUT', 'timeZone');
    expectError(await t.gql(UPDATE, { name: '   ' }, token), 'BAD_USER_INPUT', 'name');
    expectError(await t.gql(UPDATE, { name: 'x'.repeat(201) }, token), 'BAD_USER_INPUT', 'name');
    expect(await t.snapshot()).toBe(before);
    expect((await t.gql(UPDATE, { timeZone: 'europe/berlin' }, token)).data!.updateMyProfile).toMatchObject({ name: 'Grace Hopper', timeZone: 'Europe/Berlin' });
    expectError(await t.gql(UPDATE, { name: 'Nobody' }), 'UNAUTHENTICATED');
  });
});
