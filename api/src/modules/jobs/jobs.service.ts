import type { EntityManager } from '@mikro-orm/postgresql';
import { CronExpressionParser } from 'cron-parser';
import { conflict, notFound } from '../../common/errors';
import { pgArray } from '../../common/sql';
import { SCHEDULE } from './job-schedule';
import type { FailedJob, ScheduledJob } from './jobs.types';
import { failedJobObject, JOB_ROW } from './jobs.read';

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

  /**
   * Runs a failed job again now, with its attempts counted from zero: NOT_FOUND when there is no such job (it
   * ran, or was never there), CONFLICT while a worker is running it.
   */
  async retry(id: string): Promise<FailedJob> {
    // The answer is the job as the retry leaves it (attempts 0, due now), built by the failed-job fields' own SQL.
    const [job] = await this.em.execute<{ locked_at: Date | null; job: FailedJob }[]>(
      `select r.locked_at, ${failedJobObject('r')} as job from (${JOB_ROW('0', '?::timestamptz')} where j.id = ?::bigint for update of j) r`,
      [this.now(), id],
    );
    if (!job) throw notFound('job', id);
    if (job.locked_at) throw conflict('A worker is running this job now; wait for it to finish or fail', { field: 'id' });
    await this.em.execute(`select 1 from graphile_worker.reschedule_jobs(array[?::bigint], run_at := ?, attempts := 0)`, [id, this.now()]);
    return job.job;
  }
}
