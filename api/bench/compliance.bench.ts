import { readFileSync } from 'node:fs';
import os from 'node:os';
import type pg from 'pg';
import { ComplianceService } from '../src/modules/compliance/compliance.service';
import { LearnerService } from '../src/modules/learners/learner.service';
import { LearnerRead } from '../src/modules/learners/learner.read';
import '../src/modules/compliance/compliance.read';
import { createReadBatch } from '../src/read/batch';
import { Role } from '../src/modules/users/user.entity';
import { fmt, scratchDatabase, timed } from './scratch';

const ZONES = ['Africa/Lagos', 'America/Bogota', 'Europe/Berlin', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Nairobi',
  'Asia/Manila', 'Europe/London', 'America/Mexico_City', 'Africa/Cairo', 'America/New_York', 'Asia/Kathmandu'];

/** Learners over 13 weeks of starts in 12 zones; about three in four sent each required submission last week. */
export async function generate(client: pg.Client, now: Date, learners: number): Promise<void> {
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
     insert into learners (id, user_id, time_zone, module_start_date, coach_id, status, created_at)
     select gen_random_uuid(), u.id, u.time_zone,
            (date_trunc('week', $4::timestamptz)::date - 7 * (abs(hashtext(u.email)) % 13))::date, $2::uuid,
            (case abs(hashtext(u.email || 's')) % 20 when 0 then 'SUSPENDED' when 1 then 'PAUSED' when 2 then 'HIRED'
               when 3 then 'AT_RISK' when 4 then 'AT_RISK' when 5 then 'AT_RISK' else 'ENROLLED' end)::enrollment_status,
            -- added before their module started: weeks before a learner was in Waypoint are not judged
            date_trunc('week', $4::timestamptz) - (7 * (abs(hashtext(u.email)) % 13) + 3) * interval '1 day'
     from u`,
    [learners, coachId, ZONES, now.toISOString()],
  );
  // Submissions inside each learner's last completed week, of the kinds that week required.
  await client.query(
    `with w as (
       select l.id, l.user_id, l.coach_id, (($1::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7 as week,
              l.module_start_date, l.time_zone
       from learners l
     ), r as (
       select w.*, k.kind,
              ((w.module_start_date + 7 * (w.week - 1))::timestamp at time zone w.time_zone) + interval '2 days' as at
       from w cross join lateral (values ('WEEKLY_RETROSPECTIVE'::submission_kind), ('SMART_GOALS'), ('JOB_SEARCH_ANALYSIS')) k(kind)
       where w.week >= 1 and (k.kind = 'WEEKLY_RETROSPECTIVE' or (k.kind = 'SMART_GOALS' and w.week = 1) or (k.kind = 'JOB_SEARCH_ANALYSIS' and w.week = 4))
         and random() < 0.75
     )
     insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at, status, review_requested)
     select gen_random_uuid(), r.id, r.kind, 'bench', r.at, r.user_id, r.coach_id, r.at + interval '1 day',
            (case when r.kind = 'WEEKLY_RETROSPECTIVE' then 'NO_REVIEW' else 'REVIEWED' end)::submission_status, r.kind <> 'WEEKLY_RETROSPECTIVE'
     from r`,
    [now.toISOString()],
  );
  // This week so far: about two in five have sent their retrospective.
  await client.query(
    `insert into submissions (id, learner_id, kind, text, submitted_at, submitted_by_id, assigned_coach_id, open_to_all_at, status, review_requested)
     select gen_random_uuid(), l.id, 'WEEKLY_RETROSPECTIVE', 'bench',
            greatest($1::timestamptz - interval '1 minute',
              ((l.module_start_date + 7 * ((($1::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7))::timestamp at time zone l.time_zone)),
            l.user_id, l.coach_id, $1::timestamptz + interval '1 day', 'NO_REVIEW', false
     from learners l where random() < 0.4`,
    [now.toISOString()],
  );
  await client.query('analyze');
}

/**
 * CPU seconds the database's server processes for `client`'s database have used so far (Linux /proc; null elsewhere).
 * On a shared machine the run's wall time follows the load; its CPU seconds (this process's and these) are its work.
 */
async function databaseCpuSeconds(client: pg.Client): Promise<number | null> {
  const pids = (await client.query(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows;
  let ticks = 0;
  try {
    for (const { pid } of pids) {
      // utime and stime: fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

/** The weekly evaluation and the missing-this-week filter over many learners (issue: under 10 s for 100,000). */
export async function complianceBench(learners: number): Promise<void> {
  const db = await scratchDatabase();
  try {
    const now = new Date();
    console.log(`\nWeekly compliance: ${fmt(learners)} learners, ${db.server}\n`);
    const genStart = Date.now();
    await generate(db.client, now, learners);
    const counts = (await db.client.query(`select (select count(*) from learners) l, (select count(*) from submissions) s`)).rows[0];
    console.log(`  generated ${fmt(Number(counts.l))} learners and ${fmt(Number(counts.s))} submissions in ${((Date.now() - genStart) / 1000).toFixed(1)} s\n`);
    const clock = () => now;
    const compliance = () => new ComplianceService(db.orm.em.fork(), clock);
    const preview = await timed('compliancePreview (dry run)', () => compliance().preview(now, 500));
    const dbCpuBefore = await databaseCpuSeconds(db.client);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const run = await timed('evaluateCompliance', () => compliance().evaluate(now, 500));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const nodeCpu = process.cpuUsage(cpuBefore);
    const dbCpuAfter = await databaseCpuSeconds(db.client);
    const cpu =
      `CPU: Node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(2)} s` +
      (dbCpuBefore !== null && dbCpuAfter !== null ? `, PostgreSQL ${(dbCpuAfter - dbCpuBefore).toFixed(2)} s` : '');
    // What the run wrote, read back from the tables: the figure is only worth something if the work was done.
    const wrote = (
      await db.client.query(
        `select (select count(*) from compliance_evaluations)::int as evaluations,
                (select count(*) from status_changes where source = 'EVALUATION')::int as changes,
                (select count(*) from status_changes where source = 'EVALUATION' and to_status in ('AT_RISK', 'SUSPENDED'))::int as coach_told,
                (select count(*) from notifications)::int as notifications,
                (select count(*) from notification_deliveries)::int as deliveries`,
      )
    ).rows[0] as { evaluations: number; changes: number; coach_told: number; notifications: number; deliveries: number };
    const again = await timed('evaluateCompliance again (same weeks)', () => compliance().evaluate(now, 500));
    const staff = { userId: '00000000-0000-4000-8000-000000000000', role: Role.STAFF, learnerId: null };
    const missing = await timed('learners missing a required activity (count)', () =>
      new LearnerService(db.orm.em.fork(), clock).count(staff, { missingRequiredActivity: true }),
    );
    const page = await timed('first page of them (25)', () =>
      new LearnerService(db.orm.em.fork(), clock).list(staff, { perPage: 25 }, { missingRequiredActivity: true }),
    );
    // As the resolvers read Learner.requiredActivities: one statement for the page's learners.
    const read = createReadBatch(db.orm.em.fork(), clock, () => staff);
    await timed('required activities of 25 learners (batched)', () => Promise.all(page.map((l) => read.field(LearnerRead, 'requiredActivities', l.id, { moduleWeek: 1 }))));
    console.log(
      `\n  evaluated ${fmt(run.learnerWeeksEvaluated)} learner-weeks, ${fmt(run.statusChangeCount)} status changes` +
        ` (preview said ${fmt(preview.learnerWeeksEvaluated)} / ${fmt(preview.statusChangeCount)});` +
        ` second run: ${again.learnerWeeksEvaluated} evaluated, ${again.statusChangeCount} changes; ${fmt(missing)} learners missing something this week`,
    );
    console.log(
      `  the run wrote ${fmt(wrote.evaluations)} evaluations, ${fmt(wrote.changes)} status changes, ${fmt(wrote.notifications)} notifications` +
        ` (${fmt(wrote.changes)} to learners, ${fmt(wrote.coach_told)} to coaches) and ${fmt(wrote.deliveries)} email deliveries`,
    );
    if (!run.learnerWeeksEvaluated || !wrote.evaluations) throw new Error('the evaluation judged nothing: the figure above measures no work');
    if (preview.statusChangeCount !== run.statusChangeCount || again.statusChangeCount !== 0) throw new Error('evaluation results are inconsistent');
    if (wrote.evaluations !== run.learnerWeeksEvaluated || wrote.changes !== run.statusChangeCount || wrote.notifications !== wrote.changes + wrote.coach_told) {
      throw new Error('what the run reported and what it wrote differ');
    }
    const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    if (learners >= 100_000) {
      console.log(`\n  target: weekly run for ${fmt(learners)} learners < 10 s: ${seconds.toFixed(2)} s, ${seconds < 10 ? 'met' : 'TARGET MISSED'} (${cpu}; load average ${load})`);
    } else {
      console.log(`\n  target (< 10 s) is for 100,000 learners; this run: ${fmt(learners)} in ${seconds.toFixed(2)} s (${cpu}; load average ${load})`);
    }
  } finally {
    await db.drop();
  }
}
