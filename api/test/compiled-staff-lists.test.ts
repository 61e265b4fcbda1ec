import { TestApp, expectError, type GqlResponse } from './harness';
import { Role, type User } from '../src/modules/users/user.entity';

/**
 * The staff pages' lists (audit log, mail and webhook delivery logs, caught mail, webhook endpoints, failed jobs,
 * coach alerts) compile to one statement, and their resolvers ask the same SQL for the rows: every document is asked
 * with compiled reads off and on, by the viewers the list allows, and the answers compared whole (the console's own
 * selections among them). compiled-reads.test.ts covers every declared field of their read types.
 */
const AUDIT = `query($p: Int, $f: AuditFilter) { auditLog(page: $p, perPage: 4, filter: $f) { id at action subjectId details requestId actor { id name email role active } } }`;
const MAIL = 'id messageId from to subject text html listUnsubscribe receivedAt';
const DELIVERY = 'id channel status attempts digest lastError durationMs dueAt sentAt createdAt notification { id kind title body subjectId createdAt readAt }';
const WEBHOOK = 'id endpointId eventId eventType status attempts responseStatus durationMs lastError replayOf payload dueAt sentAt createdAt';
const ENDPOINT = 'id url description eventTypes enabled disabledReason createdAt';
const JOB = 'id task attempts maxAttempts lastError failedAt nextAttemptAt createdAt';

describe('compiled staff lists', () => {
  let t: TestApp;
  let staff: User;
  let coach: User;
  let other: User;
  let endpointIds: string[];

  const ask = async (query: string, variables: Record<string, unknown> | undefined, user: User, compiled: boolean): Promise<GqlResponse> => {
    t.config.compiledReads = compiled;
    try {
      return await t.gql(query, variables, t.tokenFor(user));
    } finally {
      t.config.compiledReads = true;
    }
  };

  /** Off and on, for each viewer and variable set: equal answers, and one statement with them on. */
  async function sameAnswers(query: string, variants: (Record<string, unknown> | undefined)[], viewers: User[]): Promise<unknown[]> {
    const answers: unknown[] = [];
    for (const user of viewers) {
      for (const vars of variants) {
        const resolved = await ask(query, vars, user, false);
        expect(resolved.errors).toBeUndefined();
        t.resetQueryCount();
        const compiled = await ask(query, vars, user, true);
        expect({ who: user.role, vars, data: compiled.data, statements: t.queryCount }).toEqual({ who: user.role, vars, data: resolved.data, statements: 1 });
        answers.push(compiled.data);
      }
    }
    return answers;
  }

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-16T08:00:00Z' });
    staff = await t.createUser(Role.STAFF);
    coach = await t.createUser(Role.COACH, { name: 'Ada Coach' });
    other = await t.createUser(Role.COACH, { name: 'Grace Coach' });
    const ok = async (query: string, variables: Record<string, unknown>, user: User) => {
      const res = await t.gql(query, variables, t.tokenFor(user));
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const create = `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`;
    endpointIds = [
      (await ok(create, { input: { url: 'http://127.0.0.1:9/all', description: 'Everything' } }, staff)).createWebhookEndpoint.endpoint.id,
      (await ok(create, { input: { url: 'http://127.0.0.1:9/status', eventTypes: ['STATUS_CHANGED'] } }, staff)).createWebhookEndpoint.endpoint.id,
    ];
    const learners = [await t.createLearner(coach), await t.createLearner(coach), await t.createLearner(other)];
    // Audited status changes by both coaches and staff; each tells the learner (a notification, its email, its webhooks).
    for (const [i, l] of learners.entries()) {
      t.clock.set(`2026-11-16T08:0${i}:00.123Z`);
      await ok(`mutation($id: ID!, $r: String!) { setEnrollmentStatus(learnerId: $id, status: PAUSED, reason: $r) { id } }`, { id: l.learner.id, r: `Leave "${i}"\nback soon` }, i === 2 ? other : coach);
      await ok(`mutation($id: ID!) { setEnrollmentStatus(learnerId: $id, status: ENROLLED, reason: "Back") { id } }`, { id: l.learner.id }, staff);
    }
    const db = t.em().getConnection();
    await db.execute(`update notification_deliveries set status = 'SENT', sent_at = created_at + interval '2 seconds', attempts = 1, duration_ms = 31
                       where id in (select id from notification_deliveries order by id limit 2)`);
    await db.execute(`update notification_deliveries set status = 'FAILED', attempts = 9, last_error = '550 mailbox unavailable'
                       where id = (select id from notification_deliveries where status = 'PENDING' order by id limit 1)`);
    await db.execute(`update webhook_deliveries set status = 'FAILED', response_status = 500, last_error = 'Internal Server Error'
                       where id = (select id from webhook_deliveries order by id limit 1)`);
    // A payload JSON.stringify and jsonb print differently: nesting, escapes, non-ASCII, numbers, empty containers.
    await db.execute(
      `insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, due_at, created_at)
       select gen_random_uuid(), ?, notification_id, event_type, ?::jsonb, due_at, created_at + interval '1 millisecond' from webhook_deliveries limit 1`,
      // 2.50 as SQL writes a numeric: jsonb keeps its scale, JSON.stringify of the parsed payload does not.
      [endpointIds[0], JSON.stringify({ b: [1, 2.5, -0.125, true, null, { '': [] }], a: 'quote " slash \\ tab \t nl \n ctl \u0001 é 😀 \u2028', longer_key: {}, n: 1234567890123 }).replace('2.5', '2.50')],
    );
    for (const [i, c] of [coach, coach, other].entries()) {
      await db.execute(
        `insert into caught_mails (id, message_id, "from", "to", subject, text, html, list_unsubscribe, received_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?)`,
        [`<m${i}@waypoint>`, 'Waypoint <noreply@example.org>', c.email, `Subject ${i} "quoted"`, `Line one\nline two ${i}`, i === 1 ? null : `<p>${i}</p>`, i === 2 ? null : '<https://u/x>', '2026-11-16T07:00:00Z'],
      );
    }
    // Alerts for both coaches, two raised at the same instant (ties go by id), one handled.
    for (const [i, l] of learners.entries()) {
      for (const k of [0, 1]) {
        await db.execute(
          `insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at, resolved_at) select gen_random_uuid(), l.id, l.coach_id, ?, ?, ?, ? from learners l where l.id = ?`,
          [`Offer received: Developer ${i}.${k}`, `test:${i}:${k}`, `2026-11-1${k}T10:00:00Z`, i === 0 && k === 1 ? '2026-11-15T10:00:00Z' : null, l.learner.id],
        );
      }
    }
    // Failed jobs: one retrying, one out of attempts, one with a long multi-line error (graphile-worker's own table).
    const future = '2030-01-01T00:00:00Z';
    for (const i of [0, 1, 2]) {
      await db.execute(`select graphile_worker.add_job('evaluate_compliance', json_build_object('n', ?::int), run_at := ?::timestamptz, max_attempts := ?::int)`, [i, future, i === 1 ? 1 : 25]);
    }
    await db.execute(`update graphile_worker._private_jobs j set last_error = e.error, attempts = 1, updated_at = e.at
                        from (select ? as error, 0 as n, '2026-11-16T07:59:00Z'::timestamptz as at union all select ?, 1, '2026-11-16T07:59:00Z' union all select ?, 2, '2026-11-16T07:58:00.5Z') e
                       where (j.payload ->> 'n')::int = e.n`, ['Error: boom\n    at task (x.js:1:1)', 'refused', `${'x'.repeat(700)}\nsecond line`]);
  });
  afterAll(() => t.stop());

  it('the audit log, filtered and a page at a time, with each actor', async () => {
    const [first] = await sameAnswers(AUDIT, [{}, { p: 1 }, { f: { action: 'setEnrollmentStatus' } }, { f: { actorId: coach.id.toUpperCase() } }, { f: { subjectId: 'none' } }], [staff]);
    expect((first as { auditLog: unknown[] }).auditLog).toHaveLength(4);
  });

  it("the mail logs, as the console's pages ask them", async () => {
    await sameAnswers(`query($first: Int!) { data: caughtMails(first: $first) { ${MAIL} } }`, [{ first: 50 }, { first: 2 }], [staff]);
    const [all] = await sameAnswers(`query($s: DeliveryStatus) { d: notificationDeliveries(first: 50, status: $s) { ${DELIVERY} } }`, [{}, { s: 'SENT' }, { s: 'FAILED' }, { s: null }], [staff]);
    expect((all as { d: unknown[] }).d.length).toBeGreaterThan(3);
  });

  it('webhook endpoints and their delivery logs; the payload as the text that was posted', async () => {
    await sameAnswers(`{ webhookEndpoints { ${ENDPOINT} } }`, [undefined], [staff]);
    const variants = [{}, { e: endpointIds[0] }, { e: endpointIds[1].toUpperCase(), s: 'PENDING' }, { s: 'FAILED', first: 1 }];
    const answers = await sameAnswers(`query($e: ID, $s: DeliveryStatus, $first: Int) { w: webhookDeliveries(endpointId: $e, status: $s, first: $first) { ${WEBHOOK} } }`, variants, [staff]);
    const rows = (answers[0] as { w: { payload: string }[] }).w;
    expect(rows.length).toBeGreaterThan(3);
    const stored = await t.em().getConnection().execute<{ id: string; payload: unknown }[]>(`select id, payload from webhook_deliveries`);
    const byId = new Map(stored.map((r) => [r.id, JSON.stringify(r.payload)]));
    for (const row of rows as unknown as { id: string; payload: string }[]) expect(row.payload).toBe(byId.get(row.id));
    expect(rows.some((r) => r.payload.includes('😀'))).toBe(true);
  });

  it('failed jobs, the newest failure first, with the first line of each error', async () => {
    const [all] = await sameAnswers(`query($n: Int) { failedJobs(first: $n) { ${JOB} } }`, [{}, { n: 2 }], [staff]);
    const jobs = (all as { failedJobs: { lastError: string; nextAttemptAt: string | null }[] }).failedJobs;
    expect(jobs.map((j) => j.lastError)).toEqual(['refused', 'Error: boom', 'x'.repeat(500)]);
    expect(jobs[0].nextAttemptAt).toBeNull();
  });

  it("coach alerts: a coach their own learners', staff everyone's, open ones or all", async () => {
    const query = `query($o: Boolean) { data: coachAlerts(openOnly: $o) { id message createdAt resolvedAt learner { id name moduleWeek coach { id } } } }`;
    const answers = (await sameAnswers(query, [{}, { o: false }], [staff, coach, other])) as { data: unknown[] }[];
    expect(answers.map((a) => a.data.length)).toEqual([5, 6, 3, 4, 2, 2]);
  });

  it('keeps the roles of each list, and leaves bad input to the resolvers', async () => {
    const learner = (await t.createLearner(coach)).user;
    for (const query of ['{ auditLog { id } }', '{ caughtMails { id } }', '{ notificationDeliveries { id } }', '{ webhookDeliveries { id } }', '{ webhookEndpoints { id } }', '{ failedJobs { id } }']) {
      expectError(await ask(query, undefined, coach, true), 'FORBIDDEN');
    }
    expectError(await ask('{ coachAlerts { id } }', undefined, learner, true), 'FORBIDDEN');
    expectError(await ask('{ failedJobs(first: 0) { id } }', undefined, staff, true), 'BAD_USER_INPUT', 'first');
    expectError(await ask('{ caughtMails(first: 201) { id } }', undefined, staff, true), 'BAD_USER_INPUT');
    expectError(await ask('{ webhookDeliveries(endpointId: "nope") { id } }', undefined, staff, true), 'BAD_USER_INPUT');
    expectError(await ask('{ auditLog(filter: { actorId: "nope" }) { id } }', undefined, staff, true), 'BAD_USER_INPUT');
  });
});
