import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type pg from 'pg';
import { signToken } from '../src/auth/token';
import { createLogger } from '../src/common/logger';
import { ComplianceService } from '../src/modules/compliance/compliance.service';
import { deliverDue } from '../src/modules/notifications/deliver';
import { smtpMailer } from '../src/modules/notifications/mailer';
import { deliverWebhooks, newWebhookSecret } from '../src/modules/notifications/webhooks';
import { fmt, scratchDatabase } from './scratch';
import { startServer } from './server';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg()[0].toFixed(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One row of the summary: a figure over the rounds, and its target when the issue sets one. */
interface Row {
  label: string;
  unit: string;
  values: number[];
  target?: { text: string; met: (median: number) => boolean };
  note?: string;
}

/**
 * The most recent Saturday 23:00 UTC: every learner whose module weeks start on a Monday is then inside the 48 hours
 * before their week ends, in any zone from UTC-12 (Saturday 11:00 there; the week ends Monday 12:00 UTC) to UTC+14
 * (Sunday 13:00, the last day; it ends Sunday 10:00 UTC).
 */
function saturdayNight(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23));
  while (d.getUTCDay() !== 6 || d > now) d.setUTCDate(d.getUTCDate() - 1);
  return d;
}

/** IANA zones that both PostgreSQL and Node know (so the SQL and the templates agree), over every offset. */
async function zones(client: pg.Client): Promise<string[]> {
  const node = new Set(Intl.supportedValuesOf('timeZone'));
  const rows = (await client.query(`select name from pg_timezone_names where name ~ '^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/' order by name`)).rows;
  return rows.map((r) => r.name as string).filter((z) => node.has(z));
}

/**
 * `learners` learners over every zone and 13 Monday module starts (weeks 1 to 13), each with a retrospective for every
 * past week and none yet this week (so each is missing at least that one), one coach, one staff member, and one
 * webhook endpoint that wants every event (a client platform), so a reminder writes an in-app row, an email and a
 * webhook delivery.
 */
async function generate(client: pg.Client, learners: number, asOf: Date, zoneList: string[], secret: string) {
  const monday = new Date(asOf.getTime() - 5 * 86400_000).toISOString().slice(0, 10);
  const [{ id: staffId }] = (await client.query(`insert into users (id, email, name, role, time_zone) values (gen_random_uuid(), 'bench-staff@example.org', 'Bench Staff', 'STAFF', 'UTC') returning id`)).rows;
  const [{ id: coachId }] = (await client.query(`insert into users (id, email, name, role, time_zone) values (gen_random_uuid(), 'bench-coach@example.org', 'Bench Coach', 'COACH', 'UTC') returning id`)).rows;
  await client.query(
    `with u as (
       insert into users (id, email, name, role, time_zone)
       select gen_random_uuid(), 'learner-' || g || '@example.org', 'Bench Learner ' || g, 'LEARNER', ($2::text[])[1 + g % cardinality($2::text[])]
         from generate_series(1, $1::int) g
       returning id, time_zone, email)
     insert into learners (id, user_id, time_zone, module_start_date, coach_id, status, judge_from_week)
     select gen_random_uuid(), u.id, u.time_zone, ($3::date - 7 * (abs(hashtext(u.email)) % 13))::date, $4::uuid,
            (case when abs(hashtext(u.email || 's')) % 4 = 0 then 'AT_RISK' else 'ENROLLED' end)::enrollment_status, 1
       from u`,
    [learners, zoneList, monday, coachId],
  );
  await client.query(
    `insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at, status, review_requested)
     select gen_random_uuid(), l.id, 'WEEKLY_RETROSPECTIVE', 'bench', t.at, l.user_id, l.coach_id, t.at + interval '1 day', 'NO_REVIEW', false
       from learners l
       cross join lateral generate_series(1, ($1::date - l.module_start_date) / 7) w
       cross join lateral (select ((l.module_start_date + 7 * (w - 1) + 5)::timestamp at time zone l.time_zone) as at) t`,
    [monday],
  );
  await client.query(
    `insert into webhook_endpoints (id, url, description, event_types, secret, created_by_id, created_at)
     values (gen_random_uuid(), 'http://127.0.0.1:9/', 'bench receiver', '{}', $1, $2, now())`,
    [secret, staffId],
  );
  await client.query('vacuum analyze');
  return { coachId: coachId as string };
}

/** A receiver (notifications-sinks.ts) in its own process: its port, and its count since the last reset. */
async function sink(args: string[]): Promise<{ port: number; counts(reset?: boolean): Promise<{ received: number; bad: number }>; stop(): void }> {
  const child: ChildProcess = fork(path.join(__dirname, 'notifications-sinks.ts'), args, { execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let exited: Error | null = null;
  child.once('exit', (code) => (exited = new Error(`receiver ${args[0]} exited with ${code}`)));
  const next = () => new Promise<Record<string, number>>((resolve, reject) => {
    if (exited) return reject(exited);
    child.once('message', (m) => resolve(m as Record<string, number>));
  });
  const { port } = await next();
  return {
    port,
    async counts(reset = false) {
      const answer = next();
      child.send(reset ? 'reset' : 'count');
      return (await answer) as { received: number; bad: number };
    },
    stop: () => void child.kill(),
  };
}

/** Puts the chosen deliveries back to PENDING, as never tried. */
const resetDeliveries = (client: pg.Client, table: string, ids: string[]) =>
  client.query(`update ${table} set status = 'PENDING', attempts = 0, lease_until = null, sent_at = null, last_error = null where id = any($1::uuid[])`, [ids]);

/**
 * A console: a graphql-ws client signed in with a bearer token, subscribed to the review queue and to its own bell,
 * reporting the submission ids and the newest notification's title it hears.
 */
function console_(url: string, token: string, heard: { queue(ids: string[]): void; bell(title: string | undefined): void }): Client {
  const client = createClient({ url: url.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
  const error = (e: unknown) => console.error('  console subscription error', e);
  client.subscribe<{ reviewQueueChanged: { submissionIds: string[] } }>(
    { query: 'subscription { reviewQueueChanged { submissionIds all } }' },
    { next: (v) => v.data && heard.queue(v.data.reviewQueueChanged.submissionIds), error, complete: () => undefined },
  );
  client.subscribe<{ notificationAdded: { latest: { title: string } | null } }>(
    { query: 'subscription { notificationAdded { unreadCount resync latest { title } } }' },
    { next: (v) => v.data && heard.bell(v.data.notificationAdded.latest?.title), error, complete: () => undefined },
  );
  return client;
}

/**
 * Issue 19's figures, side by side: end-of-week reminders for every learner computed and queued (remindMissing), email
 * through deliverDue and nodemailer to a local SMTP server, signed webhooks to a local receiver that verifies them,
 * and a write seen by consoles subscribed on two Waypoint processes. `scale` sizes it (1: 10,000 learners, 2,000
 * mails, 2,000 webhooks, 200 consoles, 50 writes a round); each figure is measured `rounds` times.
 */
export async function notificationsBench(scale: number, rounds: number): Promise<void> {
  const learners = Math.max(200, Math.round(Number(process.env.NOTIFY_LEARNERS ?? 10_000 * scale)));
  const mails = Math.min(learners, Math.max(100, Math.round(2_000 * scale)));
  const hooks = Math.min(learners, Math.max(100, Math.round(2_000 * scale)));
  const consoles = Math.max(20, Math.round(200 * scale / 2) * 2);
  const writes = Math.max(10, Math.round(50 * scale));
  const db = await scratchDatabase();
  const children: { stop(): unknown }[] = [];
  const rows: Row[] = [];
  const log = createLogger('warn');
  try {
    console.log(`\nNotifications: ${fmt(learners)} learners, ${fmt(mails)} mails, ${fmt(hooks)} webhooks, ${consoles} consoles on 2 servers, ${rounds} rounds, ${db.server}`);
    console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load()} at start\n`);
    const asOf = saturdayNight(new Date());
    const zoneList = await zones(db.client);
    const endpointSecret = newWebhookSecret();
    const genStart = Date.now();
    const { coachId } = await generate(db.client, learners, asOf, zoneList, endpointSecret);
    const made = (await db.client.query(`select (select count(*) from submissions)::int s, (select count(distinct module_start_date) from learners)::int d`)).rows[0];
    console.log(`  generated ${fmt(learners)} learners in ${zoneList.length} zones with ${made.d} module starts, ${fmt(made.s)} past submissions, in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);

    // 1. Reminders: the job's remindMissing at an instant inside every learner's 48 hours, from empty outboxes each round.
    const reminderSeconds: number[] = [];
    for (let r = 0; r < rounds; r++) {
      await db.client.query('truncate notification_deliveries, webhook_deliveries, notifications cascade');
      const start = performance.now();
      const written = await new ComplianceService(db.orm.em.fork(), () => asOf).remindMissing(asOf);
      reminderSeconds.push((performance.now() - start) / 1000);
      const c = (await db.client.query(`select (select count(*) from notification_deliveries)::int e, (select count(*) from webhook_deliveries)::int w, (select count(*) from notifications where dedupe_key like '%:last-day')::int last`)).rows[0];
      if (written !== learners || c.e !== learners || c.w !== learners) throw new Error(`reminders: ${written} written, ${c.e} emails and ${c.w} webhooks queued for ${learners} learners`);
      console.log(`  reminders round ${r + 1}: ${fmt(written)} notifications (${fmt(c.last)} last-day, the rest 48 h), ${fmt(c.e)} email and ${fmt(c.w)} webhook deliveries in ${reminderSeconds[r].toFixed(2)} s (load ${load()})`);
    }
    rows.push({ label: `1. reminders for ${fmt(learners)} learners`, unit: 's', values: reminderSeconds, target: { text: '< 10 s', met: (m) => m < 10 } });

    // 2. Email: the deliveries the reminders queued, through deliverDue and the pooled nodemailer transport.
    const smtp = await sink(['smtp']);
    children.push(smtp);
    const later = new Date(asOf.getTime() + 3 * 86400_000); // past everyone's quiet hours
    const emailIds = (await db.client.query(`select id from notification_deliveries order by id limit $1`, [mails])).rows.map((r) => r.id as string);
    await db.client.query(`update notification_deliveries set status = 'SENT', sent_at = now() where not (id = any($1::uuid[]))`, [emailIds]);
    const mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Waypoint <noreply@waypoint.example>');
    const deliveryDeps = { em: db.orm.em.fork(), now: () => later, mailer, log, baseUrl: 'https://waypoint.example', learnerUrl: 'https://learn.example', secret: 'bench-unsubscribe-secret-0123456789abcdef' };
    for (const setting of [{ parallel: 1, batch: 200 }, { parallel: 10, batch: 200 }, { parallel: 50, batch: 200 }, { parallel: 50, batch: 1000 }]) {
      const rates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await resetDeliveries(db.client, 'notification_deliveries', emailIds);
        await smtp.counts(true);
        const start = performance.now();
        const done = await deliverDue({ ...deliveryDeps, em: db.orm.em.fork(), ...setting });
        const s = (performance.now() - start) / 1000;
        const got = await smtp.counts();
        if (done.sent !== mails || got.received !== mails) throw new Error(`email: ${done.sent} sent (${done.retrying} retrying), ${got.received} received, ${got.bad} malformed of ${mails}`);
        rates.push(mails / s);
      }
      const isDefault = setting.parallel === 10 && setting.batch === 200;
      console.log(`  email, parallel ${setting.parallel}, batch ${setting.batch}: ${rates.map((x) => x.toFixed(0)).join(', ')} mails/s (load ${load()})`);
      rows.push({
        label: `2. email, parallel ${setting.parallel}, batch ${setting.batch}${isDefault ? ' (default)' : ''}`,
        unit: 'mails/s',
        values: rates,
        target: isDefault ? { text: '>= 100/s', met: (m) => m >= 100 } : undefined,
      });
    }
    mailer.close();

    // 3. Webhooks: the reminders' webhook deliveries, signed, to a receiver that verifies each signature.
    const receiver = await sink(['webhooks', endpointSecret]);
    children.push(receiver);
    await db.client.query(`update webhook_endpoints set url = $1`, [`http://127.0.0.1:${receiver.port}/waypoint`]);
    const hookIds = (await db.client.query(`select id from webhook_deliveries order by id limit $1`, [hooks])).rows.map((r) => r.id as string);
    await db.client.query(`update webhook_deliveries set status = 'SENT', sent_at = now() where not (id = any($1::uuid[]))`, [hookIds]);
    for (const setting of [{ parallel: 20, batch: 200 }, { parallel: 50, batch: 200 }, { parallel: 50, batch: 1000 }]) {
      const rates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await resetDeliveries(db.client, 'webhook_deliveries', hookIds);
        await receiver.counts(true);
        const start = performance.now();
        const done = await deliverWebhooks({ em: db.orm.em.fork(), now: () => later, log, ...setting });
        const s = (performance.now() - start) / 1000;
        const got = await receiver.counts();
        if (done.sent !== hooks || got.received !== hooks || got.bad) throw new Error(`webhooks: ${done.sent} sent (${done.retrying} retrying), ${got.received} verified, ${got.bad} refused of ${hooks}`);
        rates.push(hooks / s);
      }
      const isDefault = setting.parallel === 20 && setting.batch === 200;
      console.log(`  webhooks, parallel ${setting.parallel}, batch ${setting.batch}: ${rates.map((x) => x.toFixed(0)).join(', ')} deliveries/s, every signature verified (load ${load()})`);
      rows.push({
        label: `3. webhooks, parallel ${setting.parallel}, batch ${setting.batch}${isDefault ? ' (default)' : ''}`,
        unit: 'deliveries/s',
        values: rates,
        target: isDefault ? { text: '>= 200/s', met: (m) => m >= 200 } : undefined,
      });
    }

    // 4. Live: consoles subscribed to the review queue, half on each of two server processes, and a write's commit.
    rows.push(...(await liveFigure(db.url, db.client, coachId, consoles, writes, rounds)));

    console.log(`\n  ${'figure'.padEnd(62)}${'target'.padEnd(12)}       min     median        max`);
    for (const row of rows) {
      const sorted = [...row.values].sort((a, b) => a - b);
      const num = (x: number) => (row.unit === 's' ? x.toFixed(2) : x >= 100 ? fmt(Math.round(x)) : x.toFixed(1)).padStart(10);
      const mark = row.target ? (row.target.met(median(row.values)) ? ' ✓' : ' ✗') : '';
      console.log(`  ${`${row.label} (${row.unit})`.padEnd(62)}${(row.target?.text ?? '').padEnd(12)}${num(sorted[0])} ${num(median(row.values))} ${num(sorted[sorted.length - 1])}${mark}`);
    }
    console.log(`  (✓/✗: the median against issue 19's target; load average ${load()} at the end)`);
  } finally {
    for (const c of children) c.stop();
    await db.drop();
  }
}

/**
 * `consoles` coaches, half on each of two Waypoint processes (dist/main.js, as npm start runs it) on one database,
 * each subscribed to reviewQueueChanged and notificationAdded. Each round commits `writes` submissions (every console
 * hears the queue message as it comes) and `writes` notifications to all of them at once (a broadcast: past 100
 * recipients the message says "all", and each subscription reads its newest notification and unread count before it
 * answers). A receipt's latency counts from the moment COMMIT is sent, so it includes the commit itself.
 */
async function liveFigure(databaseUrl: string, client: pg.Client, coachId: string, consoles: number, writes: number, rounds: number): Promise<Row[]> {
  const secret = randomBytes(32).toString('base64url');
  const servers = [await startServer(databaseUrl, secret), await startServer(databaseUrl, secret)];
  const sockets: Client[] = [];
  try {
    const coaches = (await client.query(
      `insert into users (id, email, name, role, time_zone) select gen_random_uuid(), 'console-' || g || '@example.org', 'Console Coach ' || g, 'COACH', 'UTC'
         from generate_series(1, $1::int) g returning id`,
      [consoles],
    )).rows.map((r) => r.id as string);
    const [learner] = (await client.query(`select id, user_id from learners order by id limit 1`)).rows;
    // What was written (a submission id or a notification title): when COMMIT went, and each console's delay.
    const sentAt = new Map<string, number>();
    const latencies = new Map<string, number[]>();
    const ready = { queue: new Set<number>(), bell: new Set<number>() };
    const hear = (key: string | undefined, at: number) => {
      const t0 = key === undefined ? undefined : sentAt.get(key);
      if (t0 !== undefined) latencies.get(key!)!.push(at - t0);
    };
    coaches.forEach((id, i) => {
      const token = signToken(id, secret, 2, new Date()).token;
      sockets.push(console_(servers[i % 2].url, token, {
        queue: (ids) => {
          const at = performance.now();
          ready.queue.add(i);
          for (const s of ids) hear(s, at);
        },
        bell: (title) => {
          ready.bell.add(i);
          hear(title, performance.now());
        },
      }));
    });
    let n = 0;
    const commit = async (key: string) => {
      latencies.set(key, []);
      sentAt.set(key, performance.now());
      await client.query('commit');
      const end = performance.now() + 5000;
      while (latencies.get(key)!.length < consoles && performance.now() < end) await sleep(5);
      return latencies.get(key)!;
    };
    const writeSubmission = async () => {
      await client.query('begin');
      const { rows } = await client.query(
        `insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at, status, review_requested)
         values (gen_random_uuid(), $1, 'SMART_GOALS', 'live bench', now(), $2, $3, now() + interval '1 day', 'SUBMITTED', true) returning id`,
        [learner.id, learner.user_id, coachId],
      );
      return commit(rows[0].id as string);
    };
    const writeBroadcast = async () => {
      const title = `Bench broadcast ${++n}`;
      await client.query('begin');
      await client.query(
        `insert into notifications (id, recipient_id, kind, title, body, path, in_app, created_at)
         select gen_random_uuid(), u, 'LEARNER_AT_RISK', $2, 'A learner of yours went AT_RISK.', '/admin/learners', true, now() from unnest($1::uuid[]) u`,
        [coaches, title],
      );
      return commit(title);
    };
    // Every console subscribed to both: writes until each has heard one of each.
    for (let i = 0; i < 50 && (ready.queue.size < consoles || ready.bell.size < consoles); i++) {
      await writeSubmission();
      await writeBroadcast();
    }
    if (ready.queue.size < consoles || ready.bell.size < consoles) throw new Error(`only ${ready.queue.size} and ${ready.bell.size} of ${consoles} consoles subscribed`);
    const results: Record<'queue' | 'bell', { p50: number[]; p99: number[]; max: number[] }> = { queue: { p50: [], p99: [], max: [] }, bell: { p50: [], p99: [], max: [] } };
    for (let r = 0; r < rounds; r++) {
      for (const [topic, write] of [['queue', writeSubmission], ['bell', writeBroadcast]] as const) {
        const all: number[] = [];
        let missed = 0;
        for (let w = 0; w < writes; w++) {
          const heard = await write();
          all.push(...heard);
          missed += consoles - heard.length;
          await sleep(50);
        }
        all.sort((a, b) => a - b);
        const res = results[topic];
        res.p50.push(percentile(all, 50));
        res.p99.push(percentile(all, 99));
        res.max.push(all[all.length - 1]);
        console.log(
          `  live round ${r + 1}, ${topic === 'queue' ? 'reviewQueueChanged' : 'notificationAdded'}: ${writes} writes x ${consoles} consoles, ${fmt(all.length)} receipts, ${missed} missed within 5 s:` +
            ` p50 ${res.p50[r].toFixed(1)} ms, p99 ${res.p99[r].toFixed(1)} ms, max ${res.max[r].toFixed(1)} ms (load ${load()})`,
        );
        if (missed) throw new Error(`live: ${missed} receipts missing`);
      }
    }
    const p99Target = { text: '< 1,000 ms', met: (m: number) => m < 1000 };
    return [
      { label: `4. commit to ${consoles} consoles, queue, p50`, unit: 'ms', values: results.queue.p50 },
      { label: `4. commit to ${consoles} consoles, queue, p99`, unit: 'ms', values: results.queue.p99, target: p99Target },
      { label: `4. commit to ${consoles} consoles, queue, max`, unit: 'ms', values: results.queue.max },
      { label: `4. commit to ${consoles} consoles, bell, p50`, unit: 'ms', values: results.bell.p50 },
      { label: `4. commit to ${consoles} consoles, bell, p99`, unit: 'ms', values: results.bell.p99, target: p99Target },
      { label: `4. commit to ${consoles} consoles, bell, max`, unit: 'ms', values: results.bell.max },
    ];
  } finally {
    await Promise.all(sockets.map((s) => s.dispose()));
    for (const s of servers) await s.stop();
  }
}
