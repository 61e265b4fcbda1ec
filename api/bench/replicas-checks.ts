import type pg from 'pg';
import { CRONTAB } from '../src/jobs/worker';
import { sum, type Tally, type Write } from './replicas-load';

/**
 * What the drill asks the database afterwards: was each write stored once, and did each scheduled job run once
 * although three job workers share the schedule.
 */

/**
 * A ledger of graphile-worker's jobs, kept by a trigger on its jobs table (only in the drill's database): a job
 * is deleted once it completes, so without this nothing would show afterwards how often each one ran. A job is
 * queued (insert), started (its attempts go up as a worker takes it), completed (delete) or failed (last_error).
 */
export async function keepJobLedger(client: pg.Client): Promise<void> {
  await client.query(`
    create schema drill;
    create table drill.job_events (
      at timestamptz not null default clock_timestamp(), job_id bigint not null, task text not null,
      cron_ts timestamptz, event text not null, worker text);
    create function drill.record_job_event() returns trigger language plpgsql as $$
    declare
      job graphile_worker._private_jobs := case when tg_op = 'DELETE' then old else new end;
      event text := case
        when tg_op = 'INSERT' then 'queued'
        when tg_op = 'DELETE' then 'completed'
        when new.attempts > old.attempts then 'started'
        when new.last_error is distinct from old.last_error then 'failed' end;
    begin
      if event is not null then
        insert into drill.job_events (job_id, task, cron_ts, event, worker)
        select job.id, t.identifier, (job.payload->'_cron'->>'ts')::timestamptz, event, coalesce(job.locked_by, old.locked_by)
        from graphile_worker._private_tasks t where t.id = job.task_id;
      end if;
      return null;
    end $$;
    create trigger drill_job_events after insert or update or delete on graphile_worker._private_jobs
      for each row execute function drill.record_job_event();`);
}

export interface CronFiring {
  task: string;
  at: Date;
  queued: number;
  started: number;
  completed: number;
  failed: number;
}

/** Every scheduled (cron) job since `since`, with how often it was queued, started and completed. */
export async function cronFirings(client: pg.Client, since: Date): Promise<CronFiring[]> {
  const { rows } = await client.query(
    `select task, cron_ts as at,
            count(*) filter (where event = 'queued')::int as queued, count(*) filter (where event = 'started')::int as started,
            count(*) filter (where event = 'completed')::int as completed, count(*) filter (where event = 'failed')::int as failed
     from drill.job_events where cron_ts >= $1 group by task, cron_ts order by cron_ts, task`,
    [since],
  );
  return rows as CronFiring[];
}

/** How many different job workers (one per replica process) took a job during the drill. */
export async function jobWorkers(client: pg.Client): Promise<number> {
  const { rows } = await client.query(`select count(distinct worker)::int as n from drill.job_events where event = 'started'`);
  return rows[0].n as number;
}

const hhmm = (at: Date) => at.toISOString().slice(11, 16);

/** The task the crontab runs every minute (pair_morning_sessions). */
const EVERY_MINUTE = /^\* \* \* \* \* (\w+)/m.exec(CRONTAB)?.[1];

/** Minute boundaries in [since, until) at which the every-minute job was not queued (PostgreSQL away, say). */
export function missedMinutes(firings: CronFiring[], since: Date, until: Date): string[] {
  const fired = new Set(firings.filter((f) => f.task === EVERY_MINUTE).map((f) => f.at.getTime()));
  const missed: string[] = [];
  for (let t = Math.ceil(since.getTime() / 60_000) * 60_000; t < until.getTime(); t += 60_000) if (!fired.has(t)) missed.push(hhmm(new Date(t)));
  return missed;
}

export interface WriteCheck {
  /** Rows beyond the first for a marker: a write stored more than once. */
  duplicates: number;
  /** Writes the client was told succeeded that are not in the database. */
  answeredButMissing: Write[];
  /** Writes that failed visibly or got no answer, yet were stored (fine for a 502: the client could not know). */
  failedButStored: Write[];
}

/** Counts each write's marker in the table it went to (submissions.text, feedback.body). */
export async function checkWrites(client: pg.Client, runId: string, writes: Write[]): Promise<WriteCheck> {
  const { rows } = await client.query(
    `select marker, count(*)::int as n from (
       select text as marker from submissions where text like $1
       union all select body from feedback where body like $1) m
     group by marker`,
    [`${runId}-%`],
  );
  const stored = new Map(rows.map((r) => [r.marker as string, r.n as number]));
  return {
    duplicates: [...stored.values()].reduce((n, copies) => n + copies - 1, 0),
    answeredButMissing: writes.filter((w) => w.answer.kind === 'ok' && !stored.has(w.marker)),
    failedButStored: writes.filter((w) => w.answer.kind !== 'ok' && stored.has(w.marker)),
  };
}

const fmt = (n: number) => n.toLocaleString('en');
const row = (label: string, value: string | number, note = '') =>
  console.log(`  ${label.padEnd(34)} ${String(typeof value === 'number' ? fmt(value) : value).padStart(8)}  ${note}`.trimEnd());
const breakdown = (counts: Map<string, number>) =>
  [...counts].sort((a, b) => b[1] - a[1]).forEach(([label, n]) => console.log(`      ${label.padEnd(30)} ${fmt(n).padStart(8)}`));

export interface Verdict {
  lost: number;
  duplicates: number;
  rateLimitHeld: boolean;
  jobsRanOnce: boolean;
}

/** The drill's table, and the verdict the exit code follows. */
export function report(r: {
  tally: Tally;
  writes: WriteCheck;
  hammer: { tally: Tally; limit: number };
  firings: CronFiring[];
  missed: string[];
  workers: number;
  haproxy: { retries: number; redispatches: number; downs: Record<string, number> };
  replicaErrors: Map<string, number>;
}): Verdict {
  const { tally, writes, hammer, firings } = r;
  const stored = (what: Write['what']) => tally.writes.filter((w) => w.what === what && w.answer.kind === 'ok').length;
  const lost = tally.lostCount + writes.answeredButMissing.length + hammer.tally.lostCount;
  const allowed = hammer.tally.ok;
  const refused = hammer.tally.failed.get('429 RATE_LIMITED') ?? 0;
  const rateLimitHeld = allowed <= hammer.limit && refused > 0 && hammer.tally.replicas.size > 1;
  const ranTwice = firings.filter((f) => f.queued > 1 || f.started > 1 || f.completed > 1);
  const jobsRanOnce = firings.length > 0 && ranTwice.length === 0;
  const spread = (t: Tally) => [...t.replicas].sort().map(([name, n]) => `${name} ${fmt(n)}`).join(', ');

  console.log('');
  row('requests sent', tally.sent, `(answered by ${spread(tally)}; the rest by HAProxy)`);
  row('answered OK', tally.ok);
  row('failed visibly', tally.failedCount, '(HTTP status and GraphQL code)');
  breakdown(tally.failed);
  row('lost silently', lost, lost ? '' : '(no answer, no code, or answered OK but not stored: none)');
  breakdown(tally.lost);
  if (tally.lostWhen.length) console.log(`      which: ${tally.lostWhen.slice(0, 8).join(', ')}`);
  if (writes.answeredButMissing.length) console.log(`      answered OK, not stored        ${fmt(writes.answeredButMissing.length).padStart(8)}`);
  row('duplicate writes', writes.duplicates, `(of ${fmt(stored('submission'))} submissions and ${fmt(stored('feedback'))} feedback answered OK)`);
  const unsure = writes.failedButStored;
  if (unsure.length) row('writes failed yet stored', unsure.length, `(${[...new Set(unsure.map((w) => w.answer.kind === 'ok' ? '' : w.answer.label))].join(', ')})`);
  row(
    'rate limit across replicas',
    rateLimitHeld ? 'held' : 'BROKEN',
    `(one API key, ${fmt(hammer.tally.sent)} requests over ${spread(hammer.tally)}: ${fmt(allowed)} answered, ${fmt(refused)} refused with 429; limit ${fmt(hammer.limit)} a minute)`,
  );
  const each = firings.map((f) => `${f.task} ${hhmm(f.at)} ${f.queued}/${f.started}/${f.completed}`).join(', ');
  row(
    'scheduled jobs run once',
    jobsRanOnce ? 'held' : firings.length ? 'BROKEN' : 'unseen',
    firings.length
      ? `(queued/started/completed: ${each}; run by ${r.workers} job worker${r.workers === 1 ? '' : 's'}${r.missed.length ? `; no firing at ${r.missed.join(', ')}` : ''})`
      : '(no cron firing was seen)',
  );
  row('HAProxy retries / redispatches', `${fmt(r.haproxy.retries)} / ${fmt(r.haproxy.redispatches)}`,
    `(replicas marked down: ${Object.entries(r.haproxy.downs).map(([name, n]) => `${name} ${n}×`).join(', ')})`);
  if (r.replicaErrors.size) {
    row('replica log lines at error level', sum(r.replicaErrors), '(most often first)');
    const sorted = [...r.replicaErrors].sort((a, b) => b[1] - a[1]);
    for (const [message, n] of sorted.slice(0, 8)) console.log(`      ${fmt(n).padStart(4)}  ${message}`);
    if (sorted.length > 8) console.log(`            … and ${sorted.length - 8} more kinds`);
  }
  return { lost, duplicates: writes.duplicates, rateLimitHeld, jobsRanOnce: jobsRanOnce || firings.length === 0 };
}
