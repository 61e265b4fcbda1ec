/**
 * npm run bench: measures the set-based work over many learners on a real PostgreSQL.
 * DATABASE_URL set: a scratch database is created on that server (and dropped after). Unset: an embedded
 * PostgreSQL in a temporary folder. BENCH_LEARNERS (default 100000) sets the size.
 */
import 'reflect-metadata';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/orm.config';
import { migrate } from '../src/db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded';
import { ComplianceService } from '../src/modules/compliance/compliance.service';
import { LearnerService } from '../src/modules/learners/learner.service';
import { Role } from '../src/modules/users/user.entity';
import { freePort } from '../test/free-port';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100_000);
const ZONES = ['Africa/Lagos', 'America/Bogota', 'Europe/Berlin', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Nairobi',
  'Asia/Manila', 'Europe/London', 'America/Mexico_City', 'Africa/Cairo', 'America/New_York', 'Asia/Kathmandu'];

async function timed<T>(label: string, counter: { n: number }, fn: () => Promise<T>): Promise<T> {
  counter.n = 0;
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`  ${label.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${String(counter.n).padStart(3)} SQL statements`);
  return result;
}

/** Learners over 13 weeks of starts in 12 zones; about three in four sent each required submission last week. */
async function generate(client: pg.Client, now: Date): Promise<void> {
  const [{ id: coachId }] = (
    await client.query(`insert into users (id, email, name, role, time_zone) values (gen_random_uuid(), 'bench-coach@example.org', 'Bench Coach', 'COACH', 'UTC') returning id`)
  ).rows;
  await client.query(
    `with u as (
       insert into users (id, email, name, role, time_zone)
       select gen_random_uuid(), 'bench-' || g || '@example.org', 'Bench Learner ' || g, 'LEARNER', ($3::text[])[1 + g % 12]
       from generate_series(1, $1::int) g
       returning id, time_zone, email
     )
     insert into learners (id, user_id, time_zone, module_start_date, coach_id, status)
     select gen_random_uuid(), u.id, u.time_zone,
            (date_trunc('week', $4::timestamptz)::date - 7 * (abs(hashtext(u.email)) % 13))::date, $2::uuid,
            (case abs(hashtext(u.email || 's')) % 20 when 0 then 'SUSPENDED' when 1 then 'PAUSED' when 2 then 'HIRED'
               when 3 then 'AT_RISK' when 4 then 'AT_RISK' when 5 then 'AT_RISK' else 'ENROLLED' end)::enrollment_status
     from u`,
    [LEARNERS, coachId, ZONES, now.toISOString()],
  );
  // Submissions inside each learner's last completed week, of the kinds that week required.
  await client.query(
    `with w as (
       select l.id, l.user_id, (($1::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7 as week,
              l.module_start_date, l.time_zone
       from learners l
     ), r as (
       select w.*, k.kind,
              ((w.module_start_date + 7 * (w.week - 1))::timestamp at time zone w.time_zone) + interval '2 days' as at
       from w cross join lateral (values ('WEEKLY_RETROSPECTIVE'::submission_kind), ('SMART_GOALS'), ('JOB_SEARCH_ANALYSIS')) k(kind)
       where w.week >= 1 and (k.kind = 'WEEKLY_RETROSPECTIVE' or (k.kind = 'SMART_GOALS' and w.week = 1) or (k.kind = 'JOB_SEARCH_ANALYSIS' and w.week = 4))
         and random() < 0.75
     )
     insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id)
     select gen_random_uuid(), r.id, r.kind, 'bench', r.at, r.user_id from r`,
    [now.toISOString()],
  );
  // This week so far: about two in five have sent their retrospective.
  await client.query(
    `insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id)
     select gen_random_uuid(), l.id, 'WEEKLY_RETROSPECTIVE', 'bench',
            greatest($1::timestamptz - interval '1 minute',
              ((l.module_start_date + 7 * ((($1::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7))::timestamp at time zone l.time_zone)),
            l.user_id
     from learners l where random() < 0.4`,
    [now.toISOString()],
  );
  await client.query('analyze');
}

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-bench-'));
    if (process.getuid?.() === 0) chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'postgres' });
    adminUrl = embedded.url;
  }
  const dbName = `waypoint_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const counter = { n: 0 };
  const orm = await MikroORM.init(ormConfig(url.toString(), { debug: ['query'], logger: () => void counter.n++ }));
  try {
    await migrate(orm, url.toString());
    const now = new Date();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    console.log(`\nWaypoint bench: ${LEARNERS.toLocaleString('en')} learners, PostgreSQL ${(await client.query('show server_version')).rows[0].server_version}` +
      ` (${embedded ? 'embedded' : 'DATABASE_URL'}), ${os.cpus().length} cores\n`);
    const genStart = Date.now();
    await generate(client, now);
    const counts = (await client.query(`select (select count(*) from learners) l, (select count(*) from submissions) s`)).rows[0];
    console.log(`  generated ${Number(counts.l).toLocaleString('en')} learners and ${Number(counts.s).toLocaleString('en')} submissions in ${((Date.now() - genStart) / 1000).toFixed(1)} s\n`);
    await client.end();

    const clock = () => now;
    const compliance = () => new ComplianceService(orm.em.fork(), clock);
    const preview = await timed('compliancePreview (dry run)', counter, () => compliance().preview(now, 500));
    const run = await timed('evaluateCompliance', counter, () => compliance().evaluate(now, 500));
    const again = await timed('evaluateCompliance again (same weeks)', counter, () => compliance().evaluate(now, 500));
    const staff = { userId: '00000000-0000-4000-8000-000000000000', role: Role.STAFF, learnerId: null };
    const missing = await timed('learners missing a required activity (count)', counter, () =>
      new LearnerService(orm.em.fork(), clock).count(staff, { missingRequiredActivity: true }),
    );
    const page = await timed('first page of them (25)', counter, () =>
      new LearnerService(orm.em.fork(), clock).list(staff, { perPage: 25 }, { missingRequiredActivity: true }),
    );
    const keys = page.map((l) => ({ learnerId: l.id, week: 1 }));
    await timed('required activities of 25 learners (batched)', counter, () => compliance().statusFor(keys));
    console.log(
      `\n  evaluated ${run.learnerWeeksEvaluated.toLocaleString('en')} learner-weeks, ${run.statusChangeCount.toLocaleString('en')} status changes` +
        ` (preview said ${preview.learnerWeeksEvaluated.toLocaleString('en')} / ${preview.statusChangeCount.toLocaleString('en')});` +
        ` second run: ${again.learnerWeeksEvaluated} evaluated, ${again.statusChangeCount} changes; ${missing.toLocaleString('en')} learners missing something this week\n`,
    );
    if (preview.statusChangeCount !== run.statusChangeCount || again.statusChangeCount !== 0) throw new Error('evaluation results are inconsistent');
  } finally {
    await orm.close(true);
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
