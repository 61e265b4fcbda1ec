import { Logger, makeWorkerUtils, runOnce } from 'graphile-worker';
import { TestApp, expectError } from '../../../test/harness';
import { Role } from '../users/user.entity';
import { taskList } from '../../jobs/worker';
import { loadConfig } from '../../config';
import { createLogger } from '../../common/logger';
import { SCHEDULE } from './job-schedule';

/** The job worker as staff see it, over HTTP, with jobs run and failed by the real worker. */
describe('jobs staff can see', () => {
  let t: TestApp;
  let staff: string;
  const logger = new Logger(() => () => undefined);
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-18T12:07:30Z' });
    staff = t.tokenFor(await t.createUser(Role.STAFF));
  });
  afterAll(() => t.stop());

  /** Queues a job, then runs the queue once with Waypoint's tasks. */
  const runJob = async (task: string, payload: Record<string, unknown> = {}) => {
    const utils = await makeWorkerUtils({ connectionString: t.databaseUrl, logger });
    try {
      await utils.addJob(task, payload);
    } finally {
      await utils.release();
    }
    const config = loadConfig({ NODE_ENV: 'test' });
    await runOnce({ connectionString: t.databaseUrl, logger, taskList: taskList({ orm: t.orm, clock: t.clock, config, log: createLogger('silent') }) });
  };

  it('lists the scheduled tasks with their next runs, and the last run once the schedule has fired', async () => {
    const res = await t.gql(`{ jobSchedule { task schedule description lastRunAt nextRunAt queued } }`, {}, staff);
    expect(res.errors).toBeUndefined();
    const byTask = Object.fromEntries(res.data!.jobSchedule.map((j: { task: string }) => [j.task, j]));
    expect(Object.keys(byTask)).toEqual(SCHEDULE.map((s) => s.task));
    expect(byTask.evaluate_compliance).toMatchObject({ schedule: '*/15 * * * *', nextRunAt: '2026-11-18T12:15:00.000Z', lastRunAt: null });
    expect(byTask.pair_morning_sessions.nextRunAt).toBe('2026-11-18T12:08:00.000Z');
    expect(byTask.release_lapsed_claims.nextRunAt).toBe('2026-11-18T12:10:00.000Z');
    // graphile-worker records each crontab entry it fired.
    await t.em().getConnection().execute(
      `insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution) values ('release_lapsed_claims', now(), '2026-11-18T12:05:00Z')`,
    );
    const again = await t.gql(`{ jobSchedule { task lastRunAt } }`, {}, staff);
    expect(again.data!.jobSchedule.find((j: { task: string }) => j.task === 'release_lapsed_claims').lastRunAt).toBe('2026-11-18T12:05:00.000Z');
  });

  it('shows a failed job with its error, and staff run it again (audited); others may not', async () => {
    // An evaluation asked for an instant that is not one fails in the task itself.
    await runJob('evaluate_compliance', { asOf: 'not an instant' });
    const failed = await t.gql(`{ failedJobs { id task attempts maxAttempts lastError failedAt nextAttemptAt } }`, {}, staff);
    expect(failed.errors).toBeUndefined();
    const job = failed.data!.failedJobs.find((j: { task: string }) => j.task === 'evaluate_compliance');
    expect(job).toMatchObject({ attempts: 1, maxAttempts: 25, lastError: expect.any(String) });
    expect(job.lastError).not.toMatch(/\n/);
    expect(job.nextAttemptAt).not.toBeNull();

    const coach = t.tokenFor(await t.createUser(Role.COACH));
    const retry = `mutation($id: ID!) { retryJob(id: $id) { id attempts nextAttemptAt } }`;
    expectError(await t.gql(retry, { id: job.id }, coach), 'FORBIDDEN');
    expectError(await t.gql(`{ failedJobs { id } }`, {}, coach), 'FORBIDDEN');
    expectError(await t.gql(retry, { id: 'x1' }, staff), 'BAD_USER_INPUT', 'id');
    expectError(await t.gql(retry, { id: '999999999' }, staff), 'NOT_FOUND', 'id');
    expectError(await t.gql(`{ failedJobs(first: 0) { id } }`, {}, staff), 'BAD_USER_INPUT', 'first');

    const retried = await t.gql(retry, { id: job.id }, staff);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryJob).toMatchObject({ id: job.id, attempts: 0, nextAttemptAt: t.clock.now().toISOString() });
    const [row] = await t.em().getConnection().execute(`select attempts from graphile_worker._private_jobs where id = ?`, [job.id]);
    expect(row.attempts).toBe(0);
    const audit = await t.gql(`{ auditLog(filter: { action: "retryJob" }) { action subjectId } }`, {}, staff);
    expect(audit.data!.auditLog).toContainEqual({ action: 'retryJob', subjectId: job.id });
  });

  it('does not list a job that ran', async () => {
    await runJob('release_lapsed_claims');
    const res = await t.gql(`{ failedJobs { task } }`, {}, staff);
    expect(res.data!.failedJobs.map((j: { task: string }) => j.task)).not.toContain('release_lapsed_claims');
  });
});
