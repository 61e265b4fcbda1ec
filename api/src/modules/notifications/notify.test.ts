import { TestApp } from '../../../test/harness';
import { Role, type User } from '../users/user.entity';
import { NotificationKind } from './notification-kind';
import { notify, timeOrderedIds, type Notice } from './notify';

/**
 * notify() writes a batch as columns of bind parameters in one statement: texts must arrive byte for byte (quotes,
 * backslashes, braces, commas, line breaks), a dedupe key already written must get no deliveries, and preferences
 * and webhooks must act per notice as before.
 */
describe('notify: one statement for any number of notices', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let learner: Awaited<ReturnType<TestApp['createLearner']>>;
  // A name PostgreSQL array and string literals both have to quote.
  const awkward = `Siobhán "Sky" O'Brien \\ {a,b} NULL`;

  beforeAll(async () => {
    // Tuesday 17 Nov 2026, 12:00 UTC: outside everyone's default quiet hours here.
    t = await TestApp.start({ now: '2026-11-17T12:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Priya Natarajan', timeZone: 'Europe/London' });
    learner = await t.createLearner(coach, { name: awkward, timeZone: 'Africa/Lagos', moduleStartDate: '2026-11-16' });
  });
  afterAll(() => t.stop());

  const now = () => t.clock.now();
  const rows = (userId: string) =>
    t.em().execute<{ kind: string; title: string; body: string; path: string | null; subject_id: string | null; in_app: boolean; deliveries: number }[]>(
      `select n.kind, n.title, n.body, n.path, n.subject_id, n.in_app,
              (select count(*) from notification_deliveries d where d.notification_id = n.id)::int as deliveries
         from notifications n where n.recipient_id = ? order by n.title`,
      [userId],
    );
  const atRisk = (reason: string, dedupeKey?: string): Notice => ({
    kind: NotificationKind.LEARNER_AT_RISK,
    recipientId: coach.id,
    subjectId: learner.learner.id,
    data: { learnerId: learner.learner.id, learnerName: awkward, status: 'AT_RISK', reason },
    dedupeKey,
  });

  it('keeps every character of the texts, and skips a dedupe key already written (no second delivery)', async () => {
    const reason = 'missing: "Weekly retrospective", SMART goals {v2}\nline two \\ end.';
    const em = t.em();
    const first = await em.transactional((tx) => notify(tx, now(), [atRisk(reason, 'k1'), atRisk(reason, 'k1'), atRisk('other.', 'k2')]));
    expect(first).toBe(2);
    const again = await em.transactional((tx) => notify(tx, now(), [atRisk(reason, 'k1'), atRisk('third.', 'k3')]));
    expect(again).toBe(1);
    const written = await rows(coach.id);
    expect(written).toHaveLength(3);
    const k1 = written.find((r) => r.body.includes('line two'))!;
    expect(k1.title).toBe(`${awkward} is now at risk`);
    expect(k1.body).toBe(`${awkward} is now at risk: ${reason} Check in with them this week.`);
    expect(k1.path).toBe(`/admin/learners/${learner.learner.id}/show`);
    expect(k1.subject_id).toBe(learner.learner.id);
    expect(written.map((r) => r.deliveries)).toEqual([1, 1, 1]);
  });

  it('honours channel preferences per notice and gives each webhook endpoint wanting the kind its delivery', async () => {
    const em = t.em();
    await em.execute(
      `insert into notification_preferences (user_id, kind, channel, enabled, updated_at)
       values (?, 'STATUS_CHANGED', 'IN_APP', false, now()), (?, 'STATUS_CHANGED', 'EMAIL', false, now())`,
      [learner.user.id, learner.user.id],
    );
    await em.execute(
      `insert into webhook_endpoints (id, url, event_types, secret, enabled, created_by_id, created_at)
       values (gen_random_uuid(), 'https://partner.example/hook', '{STATUS_CHANGED}', 's', true, ?, now()),
              (gen_random_uuid(), 'https://other.example/hook', '{FEEDBACK_GIVEN}', 's', true, ?, now())`,
      [staff.id, staff.id],
    );
    const notice: Notice = {
      kind: NotificationKind.STATUS_CHANGED,
      recipientId: learner.user.id,
      subjectId: learner.learner.id,
      data: { from: 'ENROLLED', to: 'AT_RISK', reason: 'week 1 ended without Weekly retrospective.' },
    };
    expect(await em.transactional((tx) => notify(tx, now(), [notice]))).toBe(1);
    const [row] = await rows(learner.user.id);
    expect(row).toMatchObject({ kind: 'STATUS_CHANGED', in_app: false, deliveries: 0, title: 'You are now at risk' });
    const hooks = await t.em().execute<{ url: string; payload: { type: string; data: { title: string; subjectId: string; recipient: { userId: string; role: string; learnerId: string } } } }[]>(
      `select e.url, w.payload from webhook_deliveries w join webhook_endpoints e on e.id = w.endpoint_id`,
    );
    expect(hooks).toHaveLength(1);
    expect(hooks[0].url).toBe('https://partner.example/hook');
    expect(hooks[0].payload.type).toBe('STATUS_CHANGED');
    expect(hooks[0].payload.data).toMatchObject({
      title: 'You are now at risk',
      subjectId: learner.learner.id,
      recipient: { userId: learner.user.id, role: 'LEARNER', learnerId: learner.learner.id },
    });
  });
  // The keys the weekly run writes in bulk are checked once per statement (Migration20261207150000), not per row:
  // the database still refuses a missing parent, a key that changes, and deletes a parent's rows with it.
  it('still refuses notifications and deliveries whose parent does not exist, and a key that changes', async () => {
    const em = t.em();
    const missing = '00000000-0000-4000-8000-00000000dead';
    const refused = (sql: string, params: unknown[] = []) => em.transactional((tx) => tx.execute(sql, params)).then(() => 'written', (e: { code?: string }) => e.code);
    expect(await refused(`insert into notifications (id, recipient_id, kind, title, body, created_at)
                          values (gen_random_uuid(), ?, 'STATUS_CHANGED', 't', 'b', now()), (gen_random_uuid(), ?, 'STATUS_CHANGED', 't', 'b', now())`, [coach.id, missing])).toBe('23503');
    expect(await refused(`insert into notification_deliveries (id, notification_id, channel, due_at) values (gen_random_uuid(), ?, 'EMAIL', now())`, [missing])).toBe('23503');
    expect(await refused(`insert into compliance_evaluations (learner_id, module_week, week_start, week_end, missing, from_status, to_status, evaluated_at)
                          values (?, 1, now(), now(), '{}', 'ENROLLED', 'ENROLLED', now())`, [missing])).toBe('23503');
    expect(await refused(`update notifications set recipient_id = ? where recipient_id = ?`, [staff.id, coach.id])).toBe('23503');
    // A notification deleted takes its deliveries with it, as ON DELETE CASCADE did.
    const [{ id }] = await em.execute<{ id: string }[]>(`select n.id from notifications n join notification_deliveries d on d.notification_id = n.id limit 1`);
    await em.execute(`delete from notifications where id = ?`, [id]);
    expect(await em.execute(`select 1 from notification_deliveries where notification_id = ?`, [id])).toHaveLength(0);
  });

  it('makes a batch of time-ordered ids (UUIDv7) that ascend, all distinct, from this millisecond', () => {
    const before = Date.now();
    const ids = timeOrderedIds(20_000);
    expect(new Set(ids).size).toBe(20_000);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const msecs = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now());
    // Two batches share no id, whatever their millisecond.
    const next = new Set(timeOrderedIds(20_000));
    expect(ids.some((id) => next.has(id))).toBe(false);
  });
});
