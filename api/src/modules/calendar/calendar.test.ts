import ICAL from 'ical.js';
import { TestApp } from '../../../test/harness';
import { createLogger } from '../../common/logger';
import { Role } from '../users/user.entity';

/** The calendar feed as an attacker would try it: text that breaks lines, and a secret that travels in the URL. */
describe('calendar feeds', () => {
  let t: TestApp;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T12:00:00Z', log: createLogger('info', { destination: { write: (line: string) => void logged.push(line) } }) });
  });
  afterAll(() => t.stop());

  it('escapes every line break in a note, a lone carriage return included, so no text starts a property of its own', async () => {
    const coach = await t.createUser(Role.COACH);
    const l = await t.createLearner(coach);
    const note = 'First line\rDTSTART:19700101T000000Z\nSecond, with; marks\r\nThird\u0007 end';
    const asked = await t.gql(
      `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`,
      { input: { learnerId: l.learner.id, topic: 'GENERAL', note, windows: [{ startsAt: '2026-12-01T14:00:00Z', endsAt: '2026-12-01T16:00:00Z' }] } },
      t.tokenFor(l.user),
    );
    const id = asked.data!.requestMeeting.id;
    const scheduled = await t.gql(
      `mutation($id: ID!) { scheduleMeeting(id: $id, startsAt: "2026-12-01T14:00:00Z", durationMinutes: 30, videoLink: "https://meet.example.org/x") { id } }`,
      { id },
      t.tokenFor(coach),
    );
    expect(scheduled.errors).toBeUndefined();
    const url = (await t.gql(`mutation { regenerateCalendarFeed { url } }`, {}, t.tokenFor(l.user))).data!.regenerateCalendarFeed.url as string;
    const body = await (await fetch(url)).text();
    // Every content line ends with CRLF and nothing else breaks a line.
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(body.split('\r\n').filter((line) => line.startsWith('DTSTART:'))).toEqual(['DTSTART:20261201T140000Z']);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${id}@waypoint`)!);
    expect(event.description).toBe('First line\nDTSTART:19700101T000000Z\nSecond, with; marks\nThird end');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it("shows a waitlisted learner's event as TENTATIVE with their place and no join link; a granted seat is CONFIRMED with a higher SEQUENCE", async () => {
    const staff = await t.createUser(Role.STAFF);
    const coach = await t.createUser(Role.COACH);
    const [first, second] = [await t.createLearner(coach), await t.createLearner(coach)];
    const created = await t.gql(
      `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`,
      { input: { type: 'WORKSHOP', title: 'Salary talks', facilitatorId: coach.id, startsAt: '2026-11-25T15:00:00Z', durationMinutes: 60, capacity: 1, link: 'https://meet.example.org/salary' } },
      t.tokenFor(staff),
    );
    const eventId = created.data!.createCoachingEvent.id;
    const rsvp = (l: typeof first) => t.gql(`mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { status } }`, { e: eventId, l: l.learner.id }, t.tokenFor(l.user));
    expect((await rsvp(first)).data!.rsvpEvent.status).toBe('SEATED');
    expect((await rsvp(second)).data!.rsvpEvent.status).toBe('WAITLISTED');
    const url = (await t.gql(`mutation { regenerateCalendarFeed { url } }`, {}, t.tokenFor(second.user))).data!.regenerateCalendarFeed.url as string;
    const entry = async () => {
      const body = await (await fetch(url)).text();
      const vevent = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `${eventId}@waypoint`)!;
      return {
        status: vevent.getFirstPropertyValue('status'),
        summary: vevent.getFirstPropertyValue('summary'),
        url: vevent.getFirstPropertyValue('url'),
        sequence: Number(vevent.getFirstPropertyValue('sequence')),
        description: String(vevent.getFirstPropertyValue('description') ?? ''),
      };
    };
    const waiting = await entry();
    expect(waiting).toMatchObject({ status: 'TENTATIVE', summary: 'Salary talks (waitlist #1)', url: null });
    expect(waiting.description).toMatch(/number 1 on the waitlist/);
    await t.gql(`mutation($e: ID!, $l: ID!) { cancelRsvp(eventId: $e, learnerId: $l) { status } }`, { e: eventId, l: first.learner.id }, t.tokenFor(first.user));
    const seated = await entry();
    expect(seated).toMatchObject({ status: 'CONFIRMED', summary: 'Salary talks', url: 'https://meet.example.org/salary' });
    expect(seated.sequence).toBeGreaterThan(waiting.sequence);
  });

  it('keeps a feed token out of the request log', async () => {
    const coach = await t.createUser(Role.COACH);
    const url = (await t.gql(`mutation { regenerateCalendarFeed { url } }`, {}, t.tokenFor(coach))).data!.regenerateCalendarFeed.url as string;
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url)![1];
    logged.length = 0;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(token, `${token}x`))).status).toBe(404);
    await new Promise((r) => setTimeout(r, 50));
    const lines = logged.filter((line) => line.includes('/calendar/'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(logged.join('\n')).not.toContain(token);
    expect(lines[0]).toContain('/calendar/[redacted]');
  });
});
