import ICAL from 'ical.js';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const CREATE = `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id title capacity durationMinutes status facilitator { id } } }`;
const RSVP = `mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { id status waitlistPosition learner { id } } }`;
const CANCEL_RSVP = `mutation($e: ID!, $l: ID!) { cancelRsvp(eventId: $e, learnerId: $l) { status } }`;
const EVENT = `query($id: ID!) { CoachingEvent(id: $id) { status seats { seated waitlisted } rsvps { status waitlistPosition learner { id } } } }`;

type L = Awaited<ReturnType<TestApp['createLearner']>>;

describe('coaching events and RSVPs', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let otherCoach: User;
  const learners: L[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    otherCoach = await t.createUser(Role.COACH);
    for (let i = 0; i < 50; i++) learners.push(await t.createLearner(coach, { name: `Learner ${String(i).padStart(2, '0')}` }));
  });
  afterAll(() => t.stop());

  const as = (u: { id: string }) => t.tokenFor(u);
  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const create = (input: Record<string, unknown>, token = as(staff)) =>
    t.gql(CREATE, { input: { type: 'WORKSHOP', title: 'Negotiating an offer', facilitatorId: coach.id, startsAt: '2026-11-25T15:00:00Z', durationMinutes: 90, capacity: 10, link: 'https://meet.example.org/w', ...input } }, token);

  it('seats 10 of 50 simultaneous RSVPs and waitlists 40 in order; a cancellation moves exactly one up', async () => {
    const event = (await create({})).data!.createCoachingEvent;
    expect(event).toMatchObject({ capacity: 10, durationMinutes: 90, status: 'SCHEDULED', facilitator: { id: coach.id } });
    const results = await Promise.all(learners.map((l) => t.gql(RSVP, { e: event.id, l: l.learner.id }, as(l.user))));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const rsvps = results.map((r) => r.data!.rsvpEvent);
    expect(rsvps.filter((r) => r.status === 'SEATED')).toHaveLength(10);
    const waitlisted = rsvps.filter((r) => r.status === 'WAITLISTED');
    expect(waitlisted.map((r) => r.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const view = (await ok(EVENT, { id: event.id }, as(coach))).CoachingEvent;
    expect(view.seats).toEqual({ seated: 10, waitlisted: 40 });
    expect(new Set(view.rsvps.map((r: { learner: { id: string } }) => r.learner.id)).size).toBe(50);

    // Asking twice keeps one place.
    const seatedLearner = learners.find((l) => l.learner.id === rsvps.find((r) => r.status === 'SEATED')!.learner.id)!;
    const again = (await ok(RSVP, { e: event.id, l: seatedLearner.learner.id }, as(seatedLearner.user))).rsvpEvent;
    expect(again.status).toBe('SEATED');
    expect((await ok(EVENT, { id: event.id }, as(coach))).CoachingEvent.seats).toEqual({ seated: 10, waitlisted: 40 });

    const firstInLine = waitlisted.find((r) => r.waitlistPosition === 1)!.learner.id;
    const secondInLine = waitlisted.find((r) => r.waitlistPosition === 2)!.learner.id;
    expect((await ok(CANCEL_RSVP, { e: event.id, l: seatedLearner.learner.id }, as(seatedLearner.user))).cancelRsvp.status).toBe('CANCELLED');
    const after = (await ok(EVENT, { id: event.id }, as(coach))).CoachingEvent;
    expect(after.seats).toEqual({ seated: 10, waitlisted: 39 });
    const byLearner = new Map(after.rsvps.map((r: { learner: { id: string } }) => [r.learner.id, r]));
    expect(byLearner.get(firstInLine)).toMatchObject({ status: 'SEATED', waitlistPosition: null });
    expect(byLearner.get(secondInLine)).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });

    // A learner sees only their own RSVP; coming back after withdrawing queues at the back.
    const mine = (await ok(EVENT, { id: event.id }, as(seatedLearner.user))).CoachingEvent;
    expect(mine.rsvps).toEqual([{ status: 'CANCELLED', waitlistPosition: null, learner: { id: seatedLearner.learner.id } }]);
    const back = (await ok(RSVP, { e: event.id, l: seatedLearner.learner.id }, as(seatedLearner.user))).rsvpEvent;
    expect(back).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 40 });
  });

  it('refuses bad events and bad RSVPs with codes, writing nothing', async () => {
    const before = await t.snapshot();
    expectError(await create({ capacity: 0 }), 'BAD_USER_INPUT', 'input.capacity');
    expectError(await create({ capacity: -3 }), 'BAD_USER_INPUT', 'input.capacity');
    expectError(await create({ durationMinutes: 0 }), 'BAD_USER_INPUT', 'input.durationMinutes');
    expectError(await create({ durationMinutes: 9 * 60 }), 'BAD_USER_INPUT', 'input.durationMinutes');
    expectError(await create({ startsAt: '2026-11-10T10:00:00Z' }), 'BAD_USER_INPUT', 'input.startsAt');
    expectError(await create({ facilitatorId: staff.id }), 'BAD_USER_INPUT', 'input.facilitatorId');
    expectError(await create({ title: '' }), 'BAD_USER_INPUT', 'input.title');
    expectError(await create({}, as(coach)), 'FORBIDDEN');
    expectError(await t.gql(RSVP, { e: '00000000-0000-4000-8000-000000000000', l: learners[0].learner.id }, as(learners[0].user)), 'NOT_FOUND', 'eventId');
    expectError(await t.gql(RSVP, { e: '00000000-0000-4000-8000-000000000000', l: learners[1].learner.id }, as(learners[0].user)), 'FORBIDDEN');
    expect(await t.snapshot()).toBe(before);

    const soon = (await create({ title: 'Q&A', type: 'Q_AND_A', startsAt: '2026-11-16T13:00:00Z', durationMinutes: 30, facilitatorId: otherCoach.id })).data!.createCoachingEvent;
    const cancelled = (await create({ title: 'Cancelled', startsAt: '2026-11-26T15:00:00Z', facilitatorId: otherCoach.id })).data!.createCoachingEvent;
    await ok(`mutation($id: ID!) { cancelCoachingEvent(id: $id, reason: "Facilitator ill") { status } }`, { id: cancelled.id }, as(staff));
    expectError(await t.gql(RSVP, { e: cancelled.id, l: learners[0].learner.id }, as(learners[0].user)), 'CONFLICT', 'eventId');
    t.clock.set('2026-11-16T13:05:00Z');
    expectError(await t.gql(RSVP, { e: soon.id, l: learners[0].learner.id }, as(learners[0].user)), 'CONFLICT', 'eventId');
    t.clock.set('2026-11-16T12:00:00Z');
  });

  it('records attendance by the facilitator or staff once the event started, for seated learners only', async () => {
    const event = (await create({ title: 'Mock interviews', type: 'MOCK_INTERVIEW', startsAt: '2026-11-27T15:00:00Z', capacity: 1, facilitatorId: coach.id })).data!.createCoachingEvent;
    await ok(RSVP, { e: event.id, l: learners[0].learner.id }, as(learners[0].user));
    await ok(RSVP, { e: event.id, l: learners[1].learner.id }, as(learners[1].user));
    const record = `mutation($e: ID!, $ids: [ID!]!) { recordAttendance(eventId: $e, learnerIds: $ids, attendance: ATTENDED) { attendance learner { id } } }`;
    expectError(await t.gql(record, { e: event.id, ids: [learners[0].learner.id] }, as(coach)), 'CONFLICT', 'eventId');
    t.clock.set('2026-11-27T16:00:00Z');
    expectError(await t.gql(record, { e: event.id, ids: [learners[0].learner.id] }, as(otherCoach)), 'FORBIDDEN');
    expectError(await t.gql(record, { e: event.id, ids: [learners[1].learner.id] }, as(coach)), 'BAD_USER_INPUT', 'learnerIds');
    const done = (await ok(record, { e: event.id, ids: [learners[0].learner.id] }, as(coach))).recordAttendance;
    expect(done).toEqual([{ attendance: 'ATTENDED', learner: { id: learners[0].learner.id } }]);
    t.clock.set('2026-11-16T12:00:00Z');
  });

  it('lists upcoming events for learners, and their calendar feeds follow changes and cancellations', async () => {
    const list = (await ok(`{ upcomingEvents { id title status startsAt seats { seated } } }`, {}, as(learners[3].user))).upcomingEvents;
    expect(list.map((e: { title: string }) => e.title)).toEqual(expect.arrayContaining(['Negotiating an offer', 'Cancelled']));
    expect(list.find((e: { title: string }) => e.title === 'Cancelled').status).toBe('CANCELLED');
    expectError(await t.gql(`{ upcomingEvents(from: "2026-11-20T00:00:00Z", to: "2026-11-19T00:00:00Z") { id } }`, {}, as(learners[3].user)), 'BAD_USER_INPUT', 'to');

    const event = (await create({ title: 'Salary talk', startsAt: '2026-12-03T15:00:00Z', facilitatorId: otherCoach.id })).data!.createCoachingEvent;
    const l = learners[4];
    await ok(RSVP, { e: event.id, l: l.learner.id }, as(l.user));
    const { url } = (await ok(`mutation { regenerateCalendarFeed { url } }`, {}, as(l.user))).regenerateCalendarFeed;
    const vevent = async () => {
      const cal = new ICAL.Component(ICAL.parse(await (await fetch(url)).text()));
      return cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${event.id}@waypoint`)!;
    };
    const before = await vevent();
    const updated = (await ok(`mutation($id: ID!) { updateCoachingEvent(id: $id, patch: { startsAt: "2026-12-03T16:00:00Z", type: Q_AND_A, link: "" }) { type link } }`, { id: event.id }, as(staff))).updateCoachingEvent;
    expect(updated).toEqual({ type: 'Q_AND_A', link: null });
    const moved = await vevent();
    expect(Number(moved.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
    expect((moved.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-03T16:00:00.000Z');
    await ok(`mutation($id: ID!) { cancelCoachingEvent(id: $id, reason: "Moved online") { status } }`, { id: event.id }, as(staff));
    expect((await vevent()).getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
