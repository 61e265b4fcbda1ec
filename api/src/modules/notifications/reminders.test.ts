import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { ComplianceService } from '../compliance/compliance.service';
import { MeetingService } from '../meetings/meeting.service';
import { CoachingEventService } from '../events/coaching-event.service';
import { ReviewService } from '../submissions/review.service';

/** The scheduled reminders (job send_reminders): who is told what, when, once. */
describe('reminders', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let tokyo: Awaited<ReturnType<TestApp['createLearner']>>;
  let la: Awaited<ReturnType<TestApp['createLearner']>>;
  let excused: Awaited<ReturnType<TestApp['createLearner']>>;

  // Module week 1 runs Monday 16 to Sunday 22 November 2026, in each learner's own zone.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T09:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    tokyo = await t.createLearner(coach, { name: 'Aiko Tanaka', timeZone: 'Asia/Tokyo', moduleStartDate: '2026-11-16' });
    la = await t.createLearner(coach, { name: 'Maria Lopez', timeZone: 'America/Los_Angeles', moduleStartDate: '2026-11-16' });
    excused = await t.createLearner(coach, { name: 'Sam Okafor', timeZone: 'UTC', moduleStartDate: '2026-11-16' });
    const res = await t.gql(`mutation($l: ID!) { excuseWeek(learnerId: $l, moduleWeek: 1, reason: "Family emergency") { moduleWeek } }`, { l: excused.learner.id }, t.tokenFor(coach));
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.stop());

  const at = (iso: string) => {
    t.clock.set(iso);
    return new Date(iso);
  };
  const missing = (iso: string) => new ComplianceService(t.em(), () => t.clock.now()).remindMissing(at(iso));
  const notices = (user: { id: string }, kind: string) =>
    t.em().execute<{ title: string; body: string; due_at: string | null }[]>(
      `select n.title, n.body, d.due_at from notifications n left join notification_deliveries d on d.notification_id = n.id where n.recipient_id = ? and n.kind = ? order by n.created_at`,
      [user.id, kind],
    );

  it("reminds each learner of the week's missing activities 48 hours before their own week ends, and on its last day, once each", async () => {
    // Tokyo's week ends Monday 00:00 JST = Sunday 15:00 UTC; 48 hours before is Friday 15:00 UTC.
    expect(await missing('2026-11-20T14:45:00Z')).toBe(0);
    expect(await missing('2026-11-20T15:00:00Z')).toBe(1);
    const [first] = await notices(tokyo.user, 'ACTIVITIES_MISSING');
    expect(first.title).toBe('Week 1 ends in 2 days: 2 required activities still missing');
    expect(first.body).toBe('To stay enrolled, complete by the end of Sunday 22 November (Asia/Tokyo): Reassess your job-searching SMART goals; Weekly retrospective.');
    // Midnight in Tokyo: the email waits for 08:00 there (quiet hours); the in-app notice is there at once.
    expect(new Date(first.due_at!).toISOString()).toBe('2026-11-20T23:00:00.000Z');
    // The job's next runs write nothing new.
    expect(await missing('2026-11-20T15:15:00Z')).toBe(0);
    expect(await missing('2026-11-21T06:00:00Z')).toBe(0);

    // Tokyo sends the SMART goals; on the last day (Sunday 00:00 JST = Saturday 15:00 UTC) only the retrospective is missing.
    await t.submit(tokyo, 'SMART_GOALS', '2026-11-21T10:00:00Z');
    // Los Angeles's 48 hours begin Saturday 08:00 UTC (Saturday 00:00 PST).
    expect(await missing('2026-11-21T08:00:00Z')).toBe(1);
    expect(await notices(la.user, 'ACTIVITIES_MISSING')).toHaveLength(1);
    expect(await missing('2026-11-21T15:00:00Z')).toBe(1);
    const last = (await notices(tokyo.user, 'ACTIVITIES_MISSING'))[1];
    expect(last.title).toBe('Last day of week 1: 1 required activity still missing');
    expect(last.body).toContain(': Weekly retrospective.');
    // A learner who sent everything is not reminded; the excused learner never was.
    await t.submit(la, 'SMART_GOALS', '2026-11-21T20:00:00Z');
    await t.submit(la, 'WEEKLY_RETROSPECTIVE', '2026-11-21T20:05:00Z');
    expect(await missing('2026-11-22T08:00:00Z')).toBe(0);
    expect(await notices(la.user, 'ACTIVITIES_MISSING')).toHaveLength(1);
    expect(await notices(excused.user, 'ACTIVITIES_MISSING')).toHaveLength(0);
  });

  it('reminds learners of a 1:1 24 hours and 1 hour before, and of an event 24 hours before, once each', async () => {
    at('2026-11-23T09:00:00Z');
    const ok = async (q: string, v: Record<string, unknown>, u: { id: string }) => {
      const res = await t.gql(q, v, t.tokenFor(u));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const m = (await ok(`mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`, {
      input: { learnerId: la.learner.id, topic: 'GENERAL', windows: [{ startsAt: '2026-11-26T17:00:00Z', endsAt: '2026-11-26T19:00:00Z' }] },
    }, la.user)).requestMeeting;
    await ok(`mutation($id: ID!) { scheduleMeeting(id: $id, startsAt: "2026-11-26T17:00:00Z", durationMinutes: 30, videoLink: "https://meet.example.org/m", force: true) { id } }`, { id: m.id }, staff);
    const e = (await ok(`mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`, {
      input: { type: 'WORKSHOP', title: 'Salary negotiation', facilitatorId: coach.id, startsAt: '2026-11-27T16:00:00Z', durationMinutes: 60, capacity: 5, link: 'https://meet.example.org/e' },
    }, staff)).createCoachingEvent;
    await ok(`mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { status } }`, { e: e.id, l: la.learner.id }, la.user);

    const meetings = (iso: string) => new MeetingService(t.em(), () => t.clock.now()).remindUpcoming(at(iso));
    const events = (iso: string) => new CoachingEventService(t.em(), () => t.clock.now()).remindUpcoming(at(iso));
    expect(await meetings('2026-11-25T16:45:00Z')).toBe(0);
    expect(await meetings('2026-11-25T17:00:00Z')).toBe(1);
    expect(await meetings('2026-11-25T17:15:00Z')).toBe(0);
    expect(await meetings('2026-11-26T16:00:00Z')).toBe(1);
    expect(await meetings('2026-11-26T16:15:00Z')).toBe(0);
    const titles = (await notices(la.user, 'MEETING_REMINDER')).map((n) => n.title);
    expect(titles).toEqual(['Tomorrow: your 1:1 with Priya Natarajan', 'In an hour: your 1:1 with Priya Natarajan']);
    expect((await notices(la.user, 'MEETING_REMINDER'))[0].body).toContain('Thursday 26 November, 09:00 (America/Los_Angeles)');

    expect(await events('2026-11-26T15:45:00Z')).toBe(0);
    expect(await events('2026-11-26T16:00:00Z')).toBe(1);
    expect(await events('2026-11-26T16:15:00Z')).toBe(0);
    expect((await notices(la.user, 'EVENT_REMINDER'))[0].title).toBe('Tomorrow: Salary negotiation');
  });

  it('warns the coach holding a submission once it has less than a quarter of its review target left, once', async () => {
    // A 48-hour target: once less than a quarter (12 hours) is left, the assigned coach hears of it.
    const sent = (await t.submit(tokyo, 'JOB_SEARCH_ANALYSIS', '2026-11-30T10:00:00Z')).data!.submitAssignment;
    const near = (iso: string) => new ReviewService(t.em(), () => t.clock.now()).remindNearBreach(at(iso));
    expect(await near('2026-12-01T21:59:00Z')).toBe(0);
    expect(await near('2026-12-01T22:01:00Z')).toBe(1);
    expect(await near('2026-12-01T22:15:00Z')).toBe(0);
    const [n] = await t.em().execute<{ title: string; path: string }[]>(`select title, path from notifications where recipient_id = ? and kind = 'SUBMISSION_NEAR_BREACH'`, [coach.id]);
    expect(n).toEqual({ title: "Due soon: Aiko Tanaka's job-search analysis", path: `/admin/review-queue/${sent.id}/show` });
  });
});
