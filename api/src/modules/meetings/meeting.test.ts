import ICAL from 'ical.js';
import { TestApp, expectError } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';

const REQUEST = `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id status urgent windows { startsAt endsAt } coach { id } } }`;
const SCHEDULE = `mutation($id: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $videoLink: String!, $coachId: ID, $force: Boolean) {
  scheduleMeeting(id: $id, startsAt: $startsAt, durationMinutes: $durationMinutes, videoLink: $videoLink, coachId: $coachId, force: $force) {
    id status startsAt endsAt videoLink coach { id } } }`;
const EVENT = `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id startsAt endsAt } }`;

type L = Awaited<ReturnType<TestApp['createLearner']>>;

describe('1:1 meetings and calendars', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let otherCoach: User;
  let learner: L;
  let other: L;

  // Monday 16 Nov 2026, 12:00 UTC.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Diego Ramírez', timeZone: 'America/Bogota' });
    otherCoach = await t.createUser(Role.COACH, { name: 'Lena Fischer', timeZone: 'Europe/Berlin' });
    learner = await t.createLearner(coach, { timeZone: 'Africa/Lagos', name: 'Chidi Nwosu' });
    other = await t.createLearner(otherCoach, { name: 'Other Learner' });
  });
  afterAll(() => t.stop());

  const as = (u: { id: string }) => t.tokenFor(u);
  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const request = (l: L, windows: { startsAt: string; endsAt: string }[], topic = 'GENERAL') =>
    ok(REQUEST, { input: { learnerId: l.learner.id, topic, note: 'About my CV', windows } }, as(l.user)).then((d) => d.requestMeeting);

  it('keeps one instant whatever the zone: a Lagos learner and a Bogota coach see the same time', async () => {
    // 14:00-16:00 in Lagos (UTC+1) is 08:00-10:00 in Bogota (UTC-5).
    const m = await request(learner, [{ startsAt: '2026-11-20T14:00:00+01:00', endsAt: '2026-11-20T16:00:00+01:00' }]);
    expect(m).toMatchObject({ status: 'REQUESTED', urgent: false, coach: { id: coach.id }, windows: [{ startsAt: '2026-11-20T13:00:00.000Z', endsAt: '2026-11-20T15:00:00.000Z' }] });
    const s = (await ok(SCHEDULE, { id: m.id, startsAt: '2026-11-20T08:30:00-05:00', durationMinutes: 60, videoLink: 'https://meet.example.org/abc' }, as(coach))).scheduleMeeting;
    expect(s).toMatchObject({ status: 'SCHEDULED', startsAt: '2026-11-20T13:30:00.000Z', endsAt: '2026-11-20T14:30:00.000Z' });
    const mine = (await ok(`query($id: ID!) { Meeting(id: $id) { startsAt history { from to note changedBy { id } } } }`, { id: m.id }, as(learner.user))).Meeting;
    expect(mine.startsAt).toBe('2026-11-20T13:30:00.000Z');
    expect(mine.history.map((h: { to: string }) => h.to)).toEqual(['REQUESTED', 'SCHEDULED']);
    expect(mine.history[1].changedBy.id).toBe(coach.id);
  });

  it('accepts a window across a daylight-saving change at its real length', async () => {
    // New York falls back on 1 Nov 2027 at 02:00: 01:00 EDT to 01:30 EST is 90 minutes.
    t.clock.set('2027-10-30T12:00:00Z');
    const ny = await t.createLearner(coach, { timeZone: 'America/New_York' });
    const m = await request(ny, [{ startsAt: '2027-11-07T01:00:00-04:00', endsAt: '2027-11-07T01:30:00-05:00' }]);
    expect(m.windows[0]).toEqual({ startsAt: '2027-11-07T05:00:00.000Z', endsAt: '2027-11-07T06:30:00.000Z' });
    const s = (await ok(SCHEDULE, { id: m.id, startsAt: '2027-11-07T05:15:00Z', durationMinutes: 75, videoLink: 'https://meet.example.org/dst' }, as(coach))).scheduleMeeting;
    expect(s.endsAt).toBe('2027-11-07T06:30:00.000Z');
    t.clock.set('2026-11-16T12:00:00Z');
  });

  it('refuses bad requests with the field at fault, writing nothing', async () => {
    const before = await t.snapshot();
    const send = (windows: unknown, extra: Record<string, unknown> = {}) =>
      t.gql(REQUEST, { input: { learnerId: learner.learner.id, topic: 'GENERAL', windows, ...extra } }, as(learner.user));
    expectError(await send([{ startsAt: '2026-11-15T10:00:00Z', endsAt: '2026-11-15T11:00:00Z' }]), 'BAD_USER_INPUT', 'input.windows.0.startsAt');
    expectError(await send([{ startsAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T09:00:00Z' }]), 'BAD_USER_INPUT', 'input.windows.0.endsAt');
    expectError(await send([{ startsAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T10:10:00Z' }]), 'BAD_USER_INPUT', 'input.windows.0.endsAt');
    expectError(await send([]), 'BAD_USER_INPUT', 'input.windows');
    expectError(await send(Array.from({ length: 6 }, () => ({ startsAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T11:00:00Z' }))), 'BAD_USER_INPUT', 'input.windows');
    expectError(await send([{ startsAt: 'tomorrow', endsAt: '2026-11-20T11:00:00Z' }]), 'BAD_USER_INPUT');
    expectError(await send([{ startsAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T11:00:00Z' }], { topic: 'GOSSIP' }), 'BAD_USER_INPUT');
    expectError(await t.gql(REQUEST, { input: { learnerId: other.learner.id, topic: 'GENERAL', windows: [{ startsAt: '2026-11-20T10:00:00Z', endsAt: '2026-11-20T11:00:00Z' }] } }, as(learner.user)), 'FORBIDDEN');
    expect(await t.snapshot()).toBe(before);
  });

  describe('no double booking', () => {
    it('allows touching edges, refuses overlaps with meetings and facilitated events, naming the clash', async () => {
      const window = [{ startsAt: '2026-11-23T14:00:00Z', endsAt: '2026-11-23T18:00:00Z' }];
      const a = await request(learner, window);
      const b = await request(learner, window);
      const c = await request(learner, window);
      await ok(SCHEDULE, { id: a.id, startsAt: '2026-11-23T15:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/a' }, as(coach));
      // 15:30-16:00 touches 15:00-15:30: fine.
      await ok(SCHEDULE, { id: b.id, startsAt: '2026-11-23T15:30:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/b' }, as(coach));
      const clash = await t.gql(SCHEDULE, { id: c.id, startsAt: '2026-11-23T15:45:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/c' }, as(coach));
      expectError(clash, 'CONFLICT', 'startsAt');
      expect(clash.errors![0].message).toContain('a 1:1 with Chidi Nwosu from 2026-11-23T15:30:00.000Z');

      // An event the coach facilitates blocks their meetings, and meetings block events.
      const event = (await ok(EVENT, { input: { type: 'WORKSHOP', title: 'CV clinic', facilitatorId: coach.id, startsAt: '2026-11-23T16:00:00Z', durationMinutes: 60, capacity: 10 } }, as(staff))).createCoachingEvent;
      expect(event.endsAt).toBe('2026-11-23T17:00:00.000Z');
      const blocked = await t.gql(SCHEDULE, { id: c.id, startsAt: '2026-11-23T16:30:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/c' }, as(coach));
      expectError(blocked, 'CONFLICT', 'startsAt');
      expect(blocked.errors![0].extensions).toMatchObject({ reason: 'COACH_BUSY', clash: { kind: 'EVENT', id: event.id, title: 'CV clinic' } });
      expectError(await t.gql(EVENT, { input: { type: 'Q_AND_A', title: 'Q&A', facilitatorId: coach.id, startsAt: '2026-11-23T15:15:00Z', durationMinutes: 30, capacity: 5 } }, as(staff)), 'CONFLICT', 'startsAt');
      await ok(SCHEDULE, { id: c.id, startsAt: '2026-11-23T17:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/c' }, as(coach));
      const soonest = (await ok(`query($c: ID!) { allMeetings(filter: { coachId: $c, statuses: [SCHEDULED] }, sortField: "startsAt", perPage: 3) { startsAt } }`, { c: coach.id }, as(coach))).allMeetings;
      expect(soonest.map((m: { startsAt: string }) => m.startsAt)).toEqual([...soonest.map((m: { startsAt: string }) => m.startsAt)].sort());
      const week = (await ok(`query($c: ID!) { coachCalendar(coachId: $c, from: "2026-11-23T00:00:00Z", to: "2026-11-24T00:00:00Z") { kind title startsAt } }`, { c: coach.id }, as(coach))).coachCalendar;
      expect(week.map((e: { kind: string; startsAt: string }) => `${e.kind}@${e.startsAt.slice(11, 16)}`)).toEqual(['MEETING@15:00', 'MEETING@15:30', 'EVENT@16:00', 'MEETING@17:00']);
    });

    it('lets exactly one of 20 simultaneous overlapping schedules through', async () => {
      const window = [{ startsAt: '2026-11-24T14:00:00Z', endsAt: '2026-11-24T18:00:00Z' }];
      const requests = [];
      for (let i = 0; i < 20; i++) requests.push(await request(learner, window));
      const results = await Promise.all(
        requests.map((m, i) => t.gql(SCHEDULE, { id: m.id, startsAt: `2026-11-24T15:${String(i).padStart(2, '0')}:00Z`, durationMinutes: 30, videoLink: 'https://meet.example.org/x' }, as(coach))),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((x) => x.errors)) expectError(r, 'CONFLICT', 'startsAt');
      const [row] = await t.em().execute(`select count(*)::int as n from meetings where coach_id = ? and status = 'SCHEDULED' and starts_at::date = '2026-11-24'`, [coach.id]);
      expect(row.n).toBe(1);
    });

    it('keeps to the coach\'s working hours unless staff force it', async () => {
      const hours = await ok(`mutation($c: ID!) { setWorkingHours(coachId: $c, hours: [{ weekday: 3, startTime: "09:00", endTime: "17:00" }]) { weekday startTime endTime } }`, { c: coach.id }, as(coach));
      expect(hours.setWorkingHours).toEqual([{ weekday: 3, startTime: '09:00', endTime: '17:00' }]);
      expectError(await t.gql(`mutation($c: ID!) { setWorkingHours(coachId: $c, hours: []) { weekday } }`, { c: coach.id }, as(otherCoach)), 'FORBIDDEN');
      // Wednesday 25 Nov: 19:00 in Bogota is 00:00 UTC on the 26th.
      const m = await request(learner, [{ startsAt: '2026-11-25T13:00:00Z', endsAt: '2026-11-26T02:00:00Z' }]);
      const outside = await t.gql(SCHEDULE, { id: m.id, startsAt: '2026-11-26T00:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/late' }, as(coach));
      expectError(outside, 'CONFLICT', 'startsAt');
      expect(outside.errors![0].extensions!.reason).toBe('OUTSIDE_WORKING_HOURS');
      expectError(await t.gql(SCHEDULE, { id: m.id, startsAt: '2026-11-26T00:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/late', force: true }, as(coach)), 'FORBIDDEN');
      const forced = (await ok(SCHEDULE, { id: m.id, startsAt: '2026-11-26T00:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/late', coachId: coach.id, force: true }, as(staff))).scheduleMeeting;
      expect(forced.status).toBe('SCHEDULED');
      await ok(`mutation($c: ID!) { setWorkingHours(coachId: $c, hours: []) { weekday } }`, { c: coach.id }, as(staff));
    });
  });

  it('orders urgent offers first, keeps learners to their own meetings, and refuses scheduling for another coach', async () => {
    const general = await request(other, [{ startsAt: '2026-11-27T10:00:00Z', endsAt: '2026-11-27T12:00:00Z' }]);
    const offer = await request(other, [{ startsAt: '2026-11-27T10:00:00Z', endsAt: '2026-11-27T12:00:00Z' }], 'OFFER');
    const list = (await ok(`{ allMeetings(filter: { statuses: [REQUESTED], coachId: "${otherCoach.id}" }) { id urgent } }`, {}, as(otherCoach))).allMeetings;
    expect(list[0]).toEqual({ id: offer.id, urgent: true });
    expect(list.map((m: { id: string }) => m.id)).toContain(general.id);
    const own = (await ok(`{ allMeetings(perPage: 200) { learner { id } } }`, {}, as(learner.user))).allMeetings;
    expect(new Set(own.map((m: { learner: { id: string } }) => m.learner.id))).toEqual(new Set([learner.learner.id]));
    expectError(await t.gql(`query($id: ID!) { Meeting(id: $id) { id } }`, { id: offer.id }, as(learner.user)), 'FORBIDDEN');
    expectError(await t.gql(SCHEDULE, { id: offer.id, startsAt: '2026-11-27T10:00:00Z', durationMinutes: 30, videoLink: 'https://x.example.org', coachId: otherCoach.id }, as(coach)), 'FORBIDDEN');
    expectError(await t.gql(SCHEDULE, { id: offer.id, startsAt: '2026-11-27T10:00:00Z', durationMinutes: 30, videoLink: 'https://x.example.org' }, as(other.user)), 'FORBIDDEN');
    expectError(await t.gql(SCHEDULE, { id: offer.id, startsAt: '2026-11-27T11:45:00Z', durationMinutes: 30, videoLink: 'https://x.example.org' }, as(otherCoach)), 'BAD_USER_INPUT', 'startsAt');
    expectError(await t.gql(SCHEDULE, { id: offer.id, startsAt: '2026-11-27T10:00:00Z', durationMinutes: 0, videoLink: 'https://x.example.org' }, as(otherCoach)), 'BAD_USER_INPUT', 'durationMinutes');
    expectError(await t.gql(SCHEDULE, { id: offer.id, startsAt: '2026-11-27T10:00:00Z', durationMinutes: 481, videoLink: 'https://x.example.org' }, as(otherCoach)), 'BAD_USER_INPUT', 'durationMinutes');
    const declined = (await ok(`mutation($id: ID!) { declineMeeting(id: $id, reason: "Please book a CV clinic instead") { status reason } }`, { id: general.id }, as(otherCoach))).declineMeeting;
    expect(declined).toEqual({ status: 'DECLINED', reason: 'Please book a CV clinic instead' });
    expectError(await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "x") { status } }`, { id: general.id }, as(other.user)), 'CONFLICT', 'id');
    expectError(await t.gql(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "x") { status } }`, { id: offer.id }, as(learner.user)), 'FORBIDDEN');
    const cancelled = (await ok(`mutation($id: ID!) { cancelMeeting(id: $id, reason: "Accepted the offer already") { status } }`, { id: offer.id }, as(other.user))).cancelMeeting;
    expect(cancelled.status).toBe('CANCELLED');
  });

  it('records how a meeting went, only after it started', async () => {
    const m = await request(learner, [{ startsAt: '2026-11-30T14:00:00Z', endsAt: '2026-11-30T16:00:00Z' }]);
    await ok(SCHEDULE, { id: m.id, startsAt: '2026-11-30T14:00:00Z', durationMinutes: 30, videoLink: 'https://meet.example.org/done' }, as(coach));
    const complete = `mutation($id: ID!) { completeMeeting(id: $id, outcome: NO_SHOW, notes: "Did not join") { status outcomeNotes } }`;
    expectError(await t.gql(complete, { id: m.id }, as(coach)), 'CONFLICT', 'id');
    t.clock.set('2026-11-30T14:40:00Z');
    expectError(await t.gql(complete, { id: m.id }, as(otherCoach)), 'FORBIDDEN');
    expect((await ok(complete, { id: m.id }, as(coach))).completeMeeting).toEqual({ status: 'NO_SHOW', outcomeNotes: 'Did not join' });
    t.clock.set('2026-11-16T12:00:00Z');
  });

  it('publishes an iCalendar feed that a real parser reads, with updates as the same UID and a higher SEQUENCE', async () => {
    const m = await request(learner, [{ startsAt: '2026-12-01T14:00:00Z', endsAt: '2026-12-01T18:00:00Z' }], 'INTERVIEW_PREP');
    await ok(SCHEDULE, { id: m.id, startsAt: '2026-12-01T14:00:00Z', durationMinutes: 45, videoLink: 'https://meet.example.org/prep' }, as(coach));
    const { url } = (await ok(`mutation { regenerateCalendarFeed { url } }`, {}, as(learner.user))).regenerateCalendarFeed;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[\w-]+\.ics$/);
    const read = async (feedUrl: string) => {
      const res = await fetch(feedUrl);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const cal = new ICAL.Component(ICAL.parse(await res.text()));
      return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    };
    const first = (await read(url)).find((e) => e.uid === `${m.id}@waypoint`)!;
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-12-01T14:45:00.000Z');
    expect(first.summary).toBe('1:1: Interview Prep — Chidi Nwosu and Diego Ramírez');

    await ok(`mutation($id: ID!) { rescheduleMeeting(id: $id, startsAt: "2026-12-02T15:00:00Z", durationMinutes: 30) { startsAt } }`, { id: m.id }, as(coach));
    const moved = (await read(url)).find((e) => e.uid === `${m.id}@waypoint`)!;
    expect(moved.sequence).toBeGreaterThan(first.sequence);
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-12-02T15:00:00.000Z');

    // The coach's feed has it too; a regenerated URL retires the old one.
    const coachFeed = (await ok(`mutation { regenerateCalendarFeed { url } }`, {}, as(coach))).regenerateCalendarFeed.url;
    expect((await read(coachFeed)).map((e) => e.uid)).toContain(`${m.id}@waypoint`);
    const fresh = (await ok(`mutation { regenerateCalendarFeed { url } }`, {}, as(learner.user))).regenerateCalendarFeed.url;
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(url.replace(/[\w-]+\.ics$/, 'nonsense.ics'))).status).toBe(404);
  });
});
