import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { TestApp, expectError } from '../../../test/harness';
import { createLogger } from '../../common/logger';
import { Role, type User } from '../users/user.entity';
import { deliverDue, type DeliveryDeps } from './deliver';
import { smtpMailer } from './mailer';
import { startMailCatcher } from './mail-catcher';

/** An SMTP server in the test: receives, parses and keeps every mail (and can refuse or stall on purpose). */
async function smtpReceiver(opts: { stallFirst?: boolean } = {}) {
  const received: ParsedMail[] = [];
  let stalled = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        // The first message is taken in but never acknowledged: the sender hangs until it is killed.
        if (opts.stallFirst && !stalled) {
          stalled = true;
          return;
        }
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A header's raw value, as the receiving server saw it. */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';

const LIST = `query($unreadOnly: Boolean, $after: String, $first: Int) { notifications(unreadOnly: $unreadOnly, after: $after, first: $first) {
  totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind title body link read readAt createdAt } } }`;
const CLAIM = `mutation($id: ID!) { claimSubmission(id: $id) { id revision } }`;
const FEEDBACK = `mutation($id: ID!, $revision: Int!, $decision: FeedbackDecision!) { giveFeedback(submissionId: $id, decision: $decision, body: "Clear goals; make the networking one measurable.", revision: $revision) { id } }`;

describe('notifications: the outbox, in-app, email, preferences', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;
  let other: Awaited<ReturnType<TestApp['createLearner']>>;
  const log = createLogger('silent');

  // Tuesday 17 Nov 2026, 12:00 UTC: 13:00 in Lagos, 21:00 in Tokyo.
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan', timeZone: 'Europe/London' });
    learner = await t.createLearner(coach, { name: 'Chidi Nwosu', timeZone: 'Africa/Lagos', moduleStartDate: '2026-11-16' });
    other = await t.createLearner(coach, { name: 'Aiko Tanaka', timeZone: 'Asia/Tokyo', moduleStartDate: '2026-11-16' });
  });
  afterAll(() => t.stop());

  const as = (u: { id: string }) => t.tokenFor(u);
  const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const deps = (over: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
    em: t.em(),
    now: () => t.clock.now(),
    mailer: null,
    log,
    baseUrl: 'https://waypoint.example.org',
    learnerUrl: 'https://learn.example.org/progress',
    secret: t.config.authSecret,
    ...over,
  });
  const deliveries = () =>
    t.em().execute<{ id: string; kind: string; recipient_id: string; status: string; attempts: number; due_at: Date; last_error: string | null }[]>(
      `select d.id, n.kind, n.recipient_id, d.status, d.attempts, d.due_at, d.last_error from notification_deliveries d join notifications n on n.id = d.notification_id order by d.created_at, d.id`,
    );
  const feedback = async (l: typeof learner, decision = 'APPROVED') => {
    const s = (await t.submit(l, 'SMART_GOALS', t.clock.now().toISOString())).data!.submitAssignment;
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const claimed = (await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission;
    await ok(FEEDBACK, { id: s.id, revision: claimed.revision, decision }, as(coach));
    return s.id as string;
  };

  it('tells the learner about feedback in the app, with unread counts, pages and mark-as-read; nobody else sees it', async () => {
    await feedback(learner);
    const mine = (await ok(LIST, {}, as(learner.user))).notifications;
    expect(mine).toMatchObject({ totalCount: 1, unreadCount: 1, pageInfo: { hasNextPage: false } });
    expect(mine.nodes[0]).toMatchObject({ kind: 'FEEDBACK_GIVEN', title: 'Priya Natarajan approved your SMART goals', read: false, link: null });
    expect(mine.nodes[0].body).toContain("Read Priya's feedback");
    // The other learner and the coach have nothing of it.
    expect((await ok(LIST, {}, as(other.user))).notifications.totalCount).toBe(0);
    expect((await ok(LIST, {}, as(coach))).notifications.nodes.map((n: { kind: string }) => n.kind)).not.toContain('FEEDBACK_GIVEN');
    // Marking someone else's notification read does nothing; marking your own does.
    expect((await ok(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [mine.nodes[0].id] }, as(other.user))).markNotificationsRead).toBe(0);
    expect((await ok(LIST, {}, as(learner.user))).notifications.unreadCount).toBe(1);
    expect((await ok(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [mine.nodes[0].id] }, as(learner.user))).markNotificationsRead).toBe(0);
    const after = (await ok(LIST, {}, as(learner.user))).notifications;
    expect(after).toMatchObject({ unreadCount: 0, nodes: [{ read: true }] });
    // Pages: two more, then one at a time, newest first, every one once.
    await feedback(learner, 'NEEDS_WORK');
    await feedback(learner);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await ok(LIST, { first: 1, after: cursor }, as(learner.user))).notifications;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect((await ok(LIST, { unreadOnly: true }, as(learner.user))).notifications.totalCount).toBe(2);
    expectError(await t.gql(LIST, { after: 'bm90LWEtY3Vyc29y' }, as(learner.user)), 'BAD_USER_INPUT', 'after');
    expectError(await t.gql(LIST, { first: 101 }, as(learner.user)), 'BAD_USER_INPUT');
  });

  it('writes nothing when the change is refused (same transaction)', async () => {
    const before = (await t.tableCounts()).notifications;
    const s = (await t.submit(learner, 'SMART_GOALS', t.clock.now().toISOString())).data!.submitAssignment;
    const claimed = (await ok(CLAIM, { id: s.id }, as(coach))).claimSubmission;
    expectError(await t.gql(FEEDBACK, { id: s.id, revision: claimed.revision - 1, decision: 'APPROVED' }, as(coach)), 'CONFLICT');
    expect((await t.tableCounts()).notifications).toBe(before);
  });

  it('emails it as plain text and HTML, in the recipient\'s zone, with a one-click unsubscribe, once per delivery id', async () => {
    await t.em().execute(`delete from notification_deliveries`);
    const smtp = await smtpReceiver();
    const mailer = smtpMailer(smtp.url, 'Waypoint <coaching@example.org>');
    try {
      // A 1:1 scheduled for a learner in Lagos: the time is written in Lagos time.
      const m = (await ok(`mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`, {
        input: { learnerId: learner.learner.id, topic: 'OFFER', note: 'Offer from Acme', windows: [{ startsAt: '2026-11-19T13:00:00Z', endsAt: '2026-11-19T16:00:00Z' }] },
      }, as(learner.user))).requestMeeting;
      await ok(`mutation($id: ID!) { scheduleMeeting(id: $id, startsAt: "2026-11-19T14:00:00Z", durationMinutes: 30, videoLink: "https://meet.example.org/x") { id } }`, { id: m.id }, as(coach));
      const result = await deliverDue(deps({ mailer }));
      expect(result.failed).toBe(0);
      const toLearner = smtp.received.find((r) => r.subject?.startsWith('Your 1:1 with Priya Natarajan'))!;
      expect(toLearner.subject).toBe('Your 1:1 with Priya Natarajan is on Thursday 19 November, 15:00 (Africa/Lagos)');
      expect(toLearner.to && !Array.isArray(toLearner.to) ? toLearner.to.value[0].address : '').toBe(learner.user.email);
      expect(toLearner.text).toContain('Hi Chidi,');
      expect(toLearner.text).toContain('Join at https://meet.example.org/x');
      expect(toLearner.text).toContain('See your 1:1: https://learn.example.org/progress');
      expect(toLearner.html).toContain('href="https://learn.example.org/progress"');
      const unsubscribe = { url: /<([^>]+)>/.exec(header(toLearner, 'list-unsubscribe'))![1] };
      expect(unsubscribe.url).toMatch(/^https:\/\/waypoint\.example\.org\/notifications\/unsubscribe\?/);
      expect(header(toLearner, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      // The coach got the urgent request, with a link into the console.
      const toCoach = smtp.received.find((r) => r.subject === 'Offer: Chidi Nwosu needs a 1:1 soon')!;
      expect(toCoach.text).toContain(`Schedule the 1:1: https://waypoint.example.org/admin/meetings/${m.id}/show`);
      // The Message-ID is the delivery's id: its idempotency key.
      const rows = await deliveries();
      expect(rows.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
      expect(smtp.received.map((r) => r.messageId).sort()).toEqual(rows.map((r) => `<${r.id}@waypoint>`).sort());
      // Sent once: running again sends nothing.
      expect(await deliverDue(deps({ mailer }))).toEqual({ sent: 0, retrying: 0, failed: 0 });

      // One click (the mail client's POST) turns that kind's email off, and only that.
      const res = await fetch(unsubscribe.url.replace('https://waypoint.example.org', t.url), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(200);
      const prefs = (await ok(`{ notificationPreferences { kinds { kind inApp email } } }`, {}, as(learner.user))).notificationPreferences.kinds;
      expect(prefs.find((k: { kind: string }) => k.kind === 'MEETING_SCHEDULED')).toEqual({ kind: 'MEETING_SCHEDULED', inApp: true, email: false });
      expect(prefs.filter((k: { email: boolean }) => !k.email)).toHaveLength(1);
      // A GET only shows the button; a tampered link is refused.
      const page = await fetch(unsubscribe.url.replace('https://waypoint.example.org', t.url));
      expect(await page.text()).toContain('<form method="post"');
      const forged = await fetch(unsubscribe.url.replace('https://waypoint.example.org', t.url).replace('MEETING_SCHEDULED', 'FEEDBACK_GIVEN'), { method: 'POST' });
      expect(forged.status).toBe(404);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('keeps email for the morning when it falls in quiet hours, in the recipient\'s zone', async () => {
    await t.em().execute(`delete from notification_deliveries`);
    // 12:00 UTC is 21:00 in Tokyo: inside the default quiet hours (21:00-08:00).
    t.clock.set('2026-11-18T12:00:00Z');
    await feedback(other);
    const [d] = await deliveries();
    expect(new Date(d.due_at).toISOString()).toBe('2026-11-18T23:00:00.000Z'); // 08:00 in Tokyo
    const smtp = await smtpReceiver();
    const mailer = smtpMailer(smtp.url, 'Waypoint <coaching@example.org>');
    try {
      expect((await deliverDue(deps({ mailer }))).sent).toBe(0);
      t.clock.set('2026-11-18T23:00:00Z');
      expect((await deliverDue(deps({ mailer }))).sent).toBe(1);
    } finally {
      mailer.close();
      await smtp.close();
    }
    // Quiet hours are the person's to change, and checked.
    expectError(await t.gql(`mutation { setQuietHours(from: "25:00", until: "07:00") { quietHoursFrom } }`, {}, as(other.user)), 'BAD_USER_INPUT', 'from');
    expectError(await t.gql(`mutation { setQuietHours(from: "22:00") { quietHoursFrom } }`, {}, as(other.user)), 'BAD_USER_INPUT', 'until');
    const set = (await ok(`mutation { setQuietHours(from: null, until: null) { quietHoursFrom quietHoursUntil timeZone } }`, {}, as(other.user))).setQuietHours;
    expect(set).toEqual({ quietHoursFrom: null, quietHoursUntil: null, timeZone: 'Asia/Tokyo' });
    t.clock.set('2026-11-19T13:00:00Z');
    await feedback(other);
    const latest = (await deliveries()).at(-1)!;
    expect(new Date(latest.due_at).toISOString()).toBe('2026-11-19T13:01:00.000Z');
  });

  it('follows each person\'s channels per kind, and lists the kinds each role receives', async () => {
    await ok(`mutation { setNotificationPreference(kind: FEEDBACK_GIVEN, channel: EMAIL, enabled: false) { kinds { kind email } } }`, {}, as(other.user));
    await t.em().execute(`delete from notification_deliveries`);
    await feedback(other);
    expect(await deliveries()).toHaveLength(0);
    await ok(`mutation { setNotificationPreference(kind: FEEDBACK_GIVEN, channel: IN_APP, enabled: false) { kinds { kind inApp } } }`, {}, as(other.user));
    const before = (await ok(LIST, {}, as(other.user))).notifications.totalCount;
    await feedback(other);
    expect((await ok(LIST, {}, as(other.user))).notifications.totalCount).toBe(before);
    const coachKinds = (await ok(`{ notificationPreferences { kinds { kind } } }`, {}, as(coach))).notificationPreferences.kinds.map((k: { kind: string }) => k.kind);
    expect(coachKinds).toEqual(['MEETING_REQUESTED', 'OFFER_RECEIVED', 'LEARNER_AT_RISK', 'SUBMISSION_NEAR_BREACH']);
    expectError(await t.gql(`{ notifications { totalCount } }`), 'UNAUTHENTICATED');
  });

  it('tells the learner and their coach about a status change', async () => {
    await ok(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: AT_RISK, reason: "No retrospective for two weeks") { id } }`, { id: learner.learner.id }, as(staff));
    const mine = (await ok(LIST, { first: 1 }, as(learner.user))).notifications.nodes[0];
    expect(mine).toMatchObject({ kind: 'STATUS_CHANGED', title: 'You are now at risk' });
    expect(mine.body).toContain('No retrospective for two weeks.');
    const coachs = (await ok(LIST, { first: 1 }, as(coach))).notifications.nodes[0];
    expect(coachs).toMatchObject({ kind: 'LEARNER_AT_RISK', title: 'Chidi Nwosu is now at risk', link: expect.stringMatching(new RegExp(`/admin/learners/${learner.learner.id}/show$`)) });
  });

  it('seats, waitlists and moves people off the waitlist, telling each', async () => {
    const event = (await ok(`mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`, {
      input: { type: 'WORKSHOP', title: 'Negotiating an offer', facilitatorId: coach.id, startsAt: '2026-11-26T15:00:00Z', durationMinutes: 60, capacity: 1, link: 'https://meet.example.org/w' },
    }, as(staff))).createCoachingEvent;
    const later = () => t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const rsvp = (l: typeof learner) => later() ?? ok(`mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { status } }`, { e: event.id, l: l.learner.id }, as(l.user));
    await rsvp(learner);
    await rsvp(other);
    const top = async (l: typeof learner) => (await ok(LIST, { first: 1 }, as(l.user))).notifications.nodes[0];
    expect(await top(learner)).toMatchObject({ kind: 'EVENT_SEAT_CONFIRMED', title: 'You have a seat: Negotiating an offer' });
    expect(await top(other)).toMatchObject({ kind: 'EVENT_WAITLISTED', title: 'Waitlisted (number 1): Negotiating an offer' });
    later();
    await ok(`mutation($e: ID!, $l: ID!) { cancelRsvp(eventId: $e, learnerId: $l) { status } }`, { e: event.id, l: learner.learner.id }, as(learner.user));
    expect(await top(other)).toMatchObject({ kind: 'EVENT_OFF_WAITLIST' });
    later();
    await ok(`mutation($id: ID!) { cancelCoachingEvent(id: $id, reason: "The facilitator is ill") { id } }`, { id: event.id }, as(staff));
    const cancelled = await top(other);
    expect(cancelled).toMatchObject({ kind: 'EVENT_CANCELLED', title: 'Cancelled: Negotiating an offer' });
    expect(cancelled.body).toContain('Friday 27 November, 00:00 (Asia/Tokyo)');
    // The learner who withdrew is not told about the cancellation.
    expect((await top(learner)).kind).not.toBe('EVENT_CANCELLED');
  });
});

describe('notifications: delivery when things go wrong', () => {
  let t: TestApp;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan' });
    learner = await t.createLearner(coach, { name: 'Chidi Nwosu', timeZone: 'UTC', moduleStartDate: '2026-11-16' });
  });
  afterAll(() => t.stop());

  const deps = (mailer: DeliveryDeps['mailer']): DeliveryDeps => ({
    em: t.em(),
    now: () => t.clock.now(),
    mailer,
    log,
    baseUrl: 'https://waypoint.example.org',
    learnerUrl: 'https://learn.example.org/progress',
    secret: t.config.authSecret,
  });
  const statusChange = async (status: string) => {
    const res = await t.gql(`mutation($id: ID!, $s: EnrollmentStatus!) { setEnrollmentStatus(learnerId: $id, status: $s, reason: "Test") { id } }`, { id: learner.learner.id, s: status }, t.tokenFor(coach));
    expect(res.errors).toBeUndefined();
  };
  const rows = () => t.em().execute<{ id: string; status: string; attempts: number; due_at: Date; last_error: string | null; lease_until: Date | null }[]>(
    `select d.id, d.status, d.attempts, d.due_at, d.last_error, d.lease_until from notification_deliveries d order by d.created_at, d.id`,
  );

  it('an unreachable SMTP server delays delivery with back-off (and says why), never the request; after 24 h it gives up', async () => {
    // A port nothing listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const started = Date.now();
    await statusChange('AT_RISK');
    expect(Date.now() - started).toBeLessThan(5_000);
    const mailer = smtpMailer(`smtp://127.0.0.1:${closed}`, 'Waypoint <coaching@example.org>');
    try {
      // Two notices: the learner's status change and the coach's at-risk alert.
      expect(await deliverDue(deps(mailer))).toEqual({ sent: 0, retrying: 2, failed: 0 });
      const [first] = await rows();
      expect(first).toMatchObject({ status: 'PENDING', attempts: 1, lease_until: null });
      expect(first.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(new Date(first.due_at).toISOString()).toBe('2026-11-17T12:01:00.000Z');
      // Not retried before its time; retried after; the back-off doubles.
      expect(await deliverDue(deps(mailer))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      t.clock.set('2026-11-17T12:01:00Z');
      await deliverDue(deps(mailer));
      expect((await rows())[0]).toMatchObject({ attempts: 2 });
      expect(new Date((await rows())[0].due_at).toISOString()).toBe('2026-11-17T12:03:00.000Z');
      // A day later it is given up, and the log says so.
      t.clock.set('2026-11-18T12:30:00Z');
      expect((await deliverDue(deps(mailer))).failed).toBe(2);
      expect((await rows()).map((r) => r.status)).toEqual(['FAILED', 'FAILED']);
      const log = await t.gql(`{ notificationDeliveries(status: FAILED) { status attempts lastError notification { kind } } }`, {}, t.tokenFor(await t.createUser(Role.STAFF)));
      expect(log.data!.notificationDeliveries).toHaveLength(2);
      expect(log.data!.notificationDeliveries[0]).toMatchObject({ status: 'FAILED', attempts: 3 });
    } finally {
      mailer.close();
    }
  });

  it('a worker killed mid-send neither loses nor repeats the mail: another sends it under the same Message-ID', async () => {
    await t.em().execute(`delete from notification_deliveries`);
    t.clock.set('2026-11-20T12:00:00Z');
    await statusChange('ENROLLED');
    const smtp = await smtpReceiver({ stallFirst: true });
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/deliver-process.ts'], {
      env: { ...process.env, DELIVER_DB_URL: t.databaseUrl, DELIVER_SMTP_URL: smtp.url, DELIVER_NOW: '2026-11-20T12:00:00Z', DELIVER_SECRET: t.config.authSecret },
      stdio: 'ignore',
    });
    try {
      // The child claims the delivery and hands the mail over; the receiver never answers, and the child is killed.
      for (let i = 0; i < 300 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(smtp.received).toHaveLength(1);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const [held] = await rows();
      expect(held).toMatchObject({ status: 'PENDING', attempts: 1 });
      expect(new Date(held.lease_until!).toISOString()).toBe('2026-11-20T12:02:00.000Z');
      // Nobody takes it while the dead worker's lease lasts; after it, another worker sends it.
      const mailer = smtpMailer(smtp.url, 'Waypoint <coaching@example.org>');
      try {
        expect((await deliverDue(deps(mailer))).sent).toBe(0);
        t.clock.set('2026-11-20T12:02:00Z');
        expect((await deliverDue(deps(mailer))).sent).toBe(1);
      } finally {
        mailer.close();
      }
      expect((await rows())[0]).toMatchObject({ status: 'SENT', attempts: 2 });
      // The receiver saw the same message twice, under one Message-ID (the delivery id): it keeps it once.
      expect(smtp.received.map((m) => m.messageId)).toEqual([`<${held.id}@waypoint>`, `<${held.id}@waypoint>`]);
    } finally {
      child.kill('SIGKILL');
      await smtp.close();
    }
  });

  it('a coach who chose the daily digest gets one mail at 08:00 their time with everything since the last', async () => {
    await t.em().execute(`delete from notification_deliveries`);
    const res = await t.gql(`mutation { setDailyDigest(enabled: true) { dailyDigest } }`, {}, t.tokenFor(coach));
    expect(res.data!.setDailyDigest).toEqual({ dailyDigest: true });
    expect((await t.gql(`mutation { setDailyDigest(enabled: true) { dailyDigest } }`, {}, t.tokenFor(learner.user))).errors![0].extensions!.code).toBe('FORBIDDEN');
    // Two requests for a 1:1 during the day (the coach's zone is UTC here).
    t.clock.set('2026-11-21T10:00:00Z');
    for (const topic of ['GENERAL', 'OFFER']) {
      const r = await t.gql(`mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`, {
        input: { learnerId: learner.learner.id, topic, windows: [{ startsAt: '2026-11-25T13:00:00Z', endsAt: '2026-11-25T16:00:00Z' }] },
      }, t.tokenFor(learner.user));
      expect(r.errors).toBeUndefined();
    }
    const smtp = await smtpReceiver();
    const mailer = smtpMailer(smtp.url, 'Waypoint <coaching@example.org>');
    try {
      expect((await deliverDue(deps(mailer))).sent).toBe(0);
      t.clock.set('2026-11-22T08:00:00Z');
      expect((await deliverDue(deps(mailer))).sent).toBe(2);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].subject).toBe('Your Waypoint digest: 2 updates');
      expect(smtp.received[0].text).toContain('Chidi Nwosu asked for a 1:1');
      expect(smtp.received[0].text).toContain('Offer: Chidi Nwosu needs a 1:1 soon');
      // Its one-click unsubscribe stops the digest's email, every kind it carries.
      const link = /<([^>]+)>/.exec(header(smtp.received[0], 'list-unsubscribe'))![1].replace('https://waypoint.example.org', t.url);
      expect((await fetch(link, { method: 'POST' })).status).toBe(200);
      const kinds = (await t.gql(`{ notificationPreferences { kinds { kind email inApp } } }`, {}, t.tokenFor(coach))).data!.notificationPreferences.kinds;
      expect(kinds.every((k: { email: boolean; inApp: boolean }) => !k.email && k.inApp)).toBe(true);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('the mail catcher keeps each message once, for staff to read', async () => {
    const catcher = await startMailCatcher({ em: () => t.em(), log });
    const mailer = smtpMailer(catcher.url, 'Waypoint <coaching@example.org>');
    try {
      const mail = { deliveryId: '00000000-0000-4000-8000-000000000001', to: 'Chidi <chidi@example.org>', subject: 'Hello', text: 'Hi Chidi', html: '<p>Hi Chidi</p>', unsubscribeUrl: 'https://waypoint.example.org/u' };
      await mailer.send(mail);
      await mailer.send(mail);
      const staff = await t.createUser(Role.STAFF);
      const caught = (await t.gql(`{ caughtMails { messageId from to subject text html listUnsubscribe } }`, {}, t.tokenFor(staff))).data!.caughtMails;
      expect(caught).toEqual([
        {
          messageId: '<00000000-0000-4000-8000-000000000001@waypoint>',
          from: '"Waypoint" <coaching@example.org>',
          to: '"Chidi" <chidi@example.org>',
          subject: 'Hello',
          text: 'Hi Chidi',
          html: '<p>Hi Chidi</p>',
          listUnsubscribe: '<https://waypoint.example.org/u>',
        },
      ]);
      expectError(await t.gql(`{ caughtMails { subject } }`, {}, t.tokenFor(coach)), 'FORBIDDEN');
    } finally {
      mailer.close();
      await catcher.close();
    }
  });
});
