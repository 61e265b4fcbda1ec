import { ID, Int } from 'type-graphql';
import { sqlType } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, type RootSql } from '../../read/root';
import { isoSql } from '../../read/json-select';
import { FailedJob } from './jobs.types';

/**
 * A job row as the failed-job fields read it (alias `j`): graphile-worker's job with its task's name. retryJob
 * reads the same columns, its attempts and next run as the retry sets them.
 */
export const JOB_ROW = (attempts = 'j.attempts', runAt = 'j.run_at') =>
  `select j.id, t.identifier as task, ${attempts} as attempts, j.max_attempts, j.last_error, j.updated_at, ${runAt} as run_at, j.created_at, j.locked_at
     from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id`;

const field = <T extends object>(type: () => T, description: string, sql: (j: string) => string, nullable = false) => ({ type, description, nullable, sql, reads: [] as string[] });

/** A failed job's fields, each once: its GraphQL definition and its SQL over a JOB_ROW row. */
export const FailedJobJson = sqlType(FailedJob, {
  id: field(() => ID, 'The job.', (j) => `${j}.id::text`),
  task: field(() => String, 'Its task.', (j) => `${j}.task`),
  attempts: field(() => Int, 'Attempts made so far.', (j) => `${j}.attempts`),
  maxAttempts: field(() => Int, 'Attempts it may make.', (j) => `${j}.max_attempts`),
  lastError: field(() => String, "The last attempt's error (its first line).", (j) => `left(split_part(${j}.last_error, E'\\n', 1), 500)`),
  failedAt: field(() => Date, 'When it last failed.', (j) => isoSql(`${j}.updated_at`)),
  nextAttemptAt: field(
    () => Date,
    'When it will be tried again; null once it has run out of attempts (retryJob starts it over).',
    (j) => `case when ${j}.attempts >= ${j}.max_attempts then null else ${isoSql(`${j}.run_at`)} end`,
    true,
  ),
  createdAt: field(() => Date, 'When it was first queued.', (j) => isoSql(`${j}.created_at`)),
});

/** Every field of a failed job as one JSON object over the row under `j` (retryJob's answer, and the list's resolver). */
export function failedJobObject(j: string): string {
  return `json_build_object(${Object.entries(FailedJobJson.fields).map(([name, sql]) => `'${name}', ${sql(j, undefined as never, undefined as never)}`).join(', ')})`;
}

/** Jobs whose last attempt failed, most recent failure first: one statement, the newest `first` of them. */
export const jobRoots: Record<'failedJobs', RootSql> = {
  async failedJobs(args, _ctx, node, scope) {
    const first = args.first;
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > 200) return null;
    const source = { typeName: 'FailedJob', table: `(${JOB_ROW()})`, alias: 'j', where: 'j.last_error is not null' };
    return offsetListSql(source, 'j.updated_at desc, j.id desc', { limit: first, offset: 0 }, node, scope);
  },
};

readRoots(jobRoots, [FailedJobJson]);
