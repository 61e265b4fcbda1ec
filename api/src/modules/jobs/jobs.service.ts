import type { EntityManager } from '@mikro-orm/postgresql';
import { CronExpressionParser } from 'cron-parser';
import { conflict, notFound } from '../../common/errors';
import { pgArray } from '../../common/sql';
import { SCHEDULE } from './job-schedule';
import type { FailedJob, ScheduledJob } from './jobs.types';

/** A job row as raw SQL gives it (timestamps as text). */
interface JobRow {
  id: string;
  task: string;
  attempts: number;
  max_attempts: number;
  last_error: string;
  updated_at: string | Date;
  run_at: string | Date;
  created_at: string | Date;
  locked_at: string | Date | null;
}

const toFailed = (r: JobRow): FailedJob => ({
  id: r.id,
  task: r.task,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  lastError: r.last_error.split('\n')[0].slice(0, 500),
  failedAt: new Date(r.updated_at),
  nextAttemptAt: r.attempts >= r.max_attempts ? null : new Date(r.run_at),
  createdAt: new Date(r.created_at),
});

const JOB_COLUMNS = `j.id::text as id, t.identifier as task, j.attempts, j.max_attempts, j.last_error, j.updated_at, j.run_at, j.created_at, j.locked_at`;

/** The job worker as staff see it: graphile-worker's own tables (schema graphile_worker), read and retried. */
export class JobsService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** Each scheduled task with its last run (graphile-worker's record of the crontab), next run and queue. */
  async schedule(): Promise<ScheduledJob[]> {
    const rows = await this.em.execute<{ task: string; last_run_at: string | null; queued: number }[]>(
      `select s.task, k.last_execution as last_run_at,
              (select count(*)::int from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
                where t.identifier = s.task and j.attempts < j.max_attempts) as queued
         from unnest(?::text[]) as s(task) left join graphile_worker._private_known_crontabs k on k.identifier = s.task`,
      [pgArray(SCHEDULE.map((s) => s.task))],
    );
    const byTask = new Map(rows.map((r) => [r.task, r]));
    return SCHEDULE.map((s) => ({
      task: s.task,
      schedule: s.cron,
      description: s.description,
      lastRunAt: byTask.get(s.task)?.last_run_at ? new Date(byTask.get(s.task)!.last_run_at!) : null,
      nextRunAt: CronExpressionParser.parse(s.cron, { currentDate: this.now(), tz: 'UTC' }).next().toDate(),
      queued: byTask.get(s.task)?.queued ?? 0,
    }));
  }

  /** Jobs whose last attempt failed, most recent failure first. */
  async failed(limit: number): Promise<FailedJob[]> {
    const rows = await this.em.execute<JobRow[]>(
      `select ${JOB_COLUMNS} from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where j.last_error is not null order by j.updated_at desc, j.id desc limit ?`,
      [limit],
    );
    return rows.map(toFailed);
  }

  /**
   * Runs a failed job again now, with its attempts counted from zero: NOT_FOUND when there is no such job (it
   * ran, or was never there), CONFLICT while a worker is running it.
   */
  async retry(id: string): Promise<FailedJob> {
    const [job] = await this.em.execute<JobRow[]>(
      `select ${JOB_COLUMNS} from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where j.id = ?::bigint for update of j`,
      [id],
    );
    if (!job) throw notFound('job', id);
    if (job.locked_at) throw conflict('A worker is running this job now; wait for it to finish or fail', { field: 'id' });
    await this.em.execute(`select 1 from graphile_worker.reschedule_jobs(array[?::bigint], run_at := ?, attempts := 0)`, [id, this.now()]);
    return toFailed({ ...job, attempts: 0, run_at: this.now() });
  }
}
