import { Logger, makeWorkerUtils, parseCrontab, runOnce } from 'graphile-worker';
import { TestApp } from '../../test/harness';
import { Role } from '../modules/users/user.entity';
import { EnrollmentStatus } from '../modules/learners/enrollment-status';
import { CRONTAB, taskList } from './worker';
import { loadConfig } from '../config';
import { createLogger } from '../common/logger';

describe('the job queue (graphile-worker on the same PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-09T00:20:00Z' });
  });
  afterAll(() => t.stop());

  it('has a crontab graphile-worker accepts, with the evaluation every 15 minutes', () => {
    const items = parseCrontab(CRONTAB);
    expect(items.map((i) => i.task)).toEqual(['evaluate_compliance', 'send_reminders', 'deliver_notifications', 'pair_morning_sessions', 'release_lapsed_claims', 'huntr_sync']);
    const firesAt = (min: number) => items[0].match({ min, hour: 3, date: 9, month: 11, dow: 1 });
    expect([0, 5, 15, 30, 44, 45].map(firesAt)).toEqual([true, false, true, true, false, true]);
  });

  it('runs queued evaluations once per learner-week, even when two workers take them at once', async () => {
    const coach = await t.createUser(Role.COACH);
    const learners = await Promise.all([1, 2, 3].map(() => t.createLearner(coach, { moduleStartDate: '2026-11-02' })));
    const connectionString = t.databaseUrl;
    const utils = await makeWorkerUtils({ connectionString, logger: new Logger(() => () => undefined) });
    try {
      for (let i = 0; i < 4; i++) await utils.addJob('evaluate_compliance', { asOf: '2026-11-09T00:15:00Z' });
    } finally {
      await utils.release();
    }
    const deps = { orm: t.orm, clock: t.clock, config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent') };
    const logger = new Logger(() => () => undefined);
    await Promise.all([
      runOnce({ connectionString, taskList: taskList(deps), logger }),
      runOnce({ connectionString, taskList: taskList(deps), logger }),
    ]);
    // graphile-worker records completions in batches: give the last batch a moment to land.
    const queued = () => t.em().execute(`select task_identifier, attempts, last_error from graphile_worker.jobs`);
    for (let i = 0; i < 50 && (await queued()).length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await queued()).toEqual([]);
    const rows = await t.em().execute(
      `select l.status, (select count(*)::int from status_changes s where s.learner_id = l.id) as changes,
              (select count(*)::int from compliance_evaluations e where e.learner_id = l.id) as evaluations
       from learners l where l.id = any(?::uuid[])`,
      [`{${learners.map((l) => l.learner.id).join(',')}}`],
    );
    expect(rows).toEqual(learners.map(() => ({ status: EnrollmentStatus.AT_RISK, changes: 2, evaluations: 1 })));
  });
});
