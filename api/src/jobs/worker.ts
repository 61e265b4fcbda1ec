import { EventEmitter } from 'node:events';
import { Logger as WorkerLogger, run, runMigrations, type JobHelpers, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loggable } from '../common/format-error';
import type { Config } from '../config';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { ComplianceService } from '../modules/compliance/compliance.service';
import { ReviewService } from '../modules/submissions/review.service';
import { MorningSessionService } from '../modules/morning-sessions/morning-session.service';
import { syncHuntr } from '../modules/job-search/huntr-sync';
import { MeetingService } from '../modules/meetings/meeting.service';
import { CoachingEventService } from '../modules/events/coaching-event.service';
import { CRONTAB } from '../modules/jobs/job-schedule';
import { deliverDue } from '../modules/notifications/deliver';
import { deliverWebhooks } from '../modules/notifications/webhooks';
import { smtpMailer, type Mailer } from '../modules/notifications/mailer';

/**
 * Scheduled work, on graphile-worker (jobs kept in PostgreSQL, schema graphile_worker). Its cron fires each
 * schedule once across all replicas; the work itself is idempotent besides (an evaluated learner-week is
 * recorded once; a session is paired once), so a retry or an overlap changes nothing. What runs when, and why, is
 * declared once in modules/jobs/job-schedule.ts (staff read it there too, with the last and next runs).
 */
export { CRONTAB };

export function taskList(deps: { orm: MikroORM; clock: Clock; config: Config; log: Logger }): TaskList {
  const now = () => deps.clock.now();
  let mailer: Mailer | null | undefined;
  return {
    deliver_notifications: async () => {
      mailer ??= deps.config.smtpUrl ? smtpMailer(deps.config.smtpUrl, deps.config.mailFrom) : null;
      const done = await deliverDue({
        em: deps.orm.em.fork(),
        now,
        mailer,
        log: deps.log,
        baseUrl: deps.config.publicUrl ?? `http://localhost:${deps.config.port}`,
        learnerUrl: deps.config.learnerAppUrl ?? `${deps.config.publicUrl ?? `http://localhost:${deps.config.port}`}/admin/`,
        secret: deps.config.authSecret,
      });
      if (done.sent || done.retrying || done.failed) deps.log.info({ ...done }, 'notifications delivered');
      const hooks = await deliverWebhooks({ em: deps.orm.em.fork(), now, log: deps.log });
      if (hooks.sent || hooks.retrying || hooks.failed) deps.log.info({ ...hooks }, 'webhooks delivered');
    },
    evaluate_compliance: async (payload) => {
      const asOf = (payload as { asOf?: string } | null)?.asOf;
      const run = await new ComplianceService(deps.orm.em.fork(), now).evaluate(asOf ? new Date(asOf) : now(), 100);
      deps.log.info({ asOf: run.asOf, evaluated: run.learnerWeeksEvaluated, changed: run.statusChangeCount }, 'compliance evaluated');
    },
    send_reminders: async () => {
      const at = now();
      const em = deps.orm.em.fork();
      const sent = {
        activities: await new ComplianceService(em, now).remindMissing(at),
        meetings: await new MeetingService(em, now).remindUpcoming(at),
        events: await new CoachingEventService(em, now).remindUpcoming(at),
        nearBreach: await new ReviewService(em, now).remindNearBreach(at),
      };
      if (sent.activities || sent.meetings || sent.events || sent.nearBreach) deps.log.info(sent, 'reminders written');
    },
    release_lapsed_claims: async () => {
      const released = await new ReviewService(deps.orm.em.fork(), now).releaseLapsedClaims();
      if (released) deps.log.info({ released }, 'lapsed review claims released');
    },
    huntr_sync: async () => {
      const report = await syncHuntr({ em: deps.orm.em.fork(), now, apiUrl: deps.config.huntrApiUrl, token: deps.config.huntrApiToken });
      if (report.actions || report.keptApplied) deps.log.info({ ...report }, 'huntr synced');
    },
    pair_morning_sessions: async () => {
      const dates = await new MorningSessionService(deps.orm.em.fork(), now, deps.config).pairDue();
      if (dates.length) deps.log.info({ dates }, 'morning sessions paired');
    },
  };
}

/** Each task in a span of its own (tracing.ts; a no-op unless tracing is on). */
function traced(tasks: TaskList): TaskList {
  const tracer = trace.getTracer('waypoint-jobs');
  return Object.fromEntries(
    Object.entries(tasks).map(([name, task]) => [
      name,
      (payload: unknown, helpers: JobHelpers) =>
        tracer.startActiveSpan(`job ${name}`, { attributes: { 'waypoint.job.task': name } }, async (span) => {
          try {
            return await task!(payload, helpers);
          } catch (e) {
            span.recordException(e as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw e;
          } finally {
            span.end();
          }
        }),
    ]),
  ) as TaskList;
}

function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const method = level === 'warning' ? 'warn' : level === 'error' ? 'error' : 'debug';
    log[method]({ worker: scope, ...meta }, message);
  });
}

/** Starts the worker in this process; stop() finishes running jobs first. */
export async function startWorker(
  deps: { orm: MikroORM; clock: Clock; config: Config; log: Logger; connectionString: string },
  events?: WorkerEvents,
): Promise<Runner> {
  // The worker's pool is ours, with error listeners for its whole life: graphile-worker removes its own while it
  // shuts down, and a connection PostgreSQL drops in that moment (a restart) was an unhandled 'error' event.
  const pool = new pg.Pool({ connectionString: deps.connectionString, max: 3 });
  const lost = (err: Error) => deps.log.warn({ err: loggable(err) }, 'job worker database connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    const runner = await run({
      events,
      pgPool: pool,
      concurrency: 2,
      noHandleSignals: true,
      pollInterval: 2000,
      useNodeTime: true,
      logger: workerLogger(deps.log),
      taskList: traced(taskList(deps)),
      crontab: CRONTAB,
    });
    runner.promise.finally(() => pool.end()).catch(() => undefined);
    return runner;
  } catch (e) {
    await pool.end();
    throw e;
  }
}

/** Creates graphile-worker's own tables (schema graphile_worker), so jobs can be queued before a worker starts. */
export async function migrateWorker(connectionString: string, log: Logger): Promise<void> {
  await runMigrations({ connectionString, logger: workerLogger(log) });
}

/**
 * Keeps a worker running: if it stops on an error (the database went away, say), it is started again after a
 * pause, until stop(). The first start is awaited so a broken configuration shows at boot.
 */
export async function superviseWorker(
  deps: { orm: MikroORM; clock: Clock; config: Config; log: Logger; connectionString: string },
  retryMs = 5000,
): Promise<{ stop(): Promise<void>; healthy(): boolean }> {
  let runner: Runner | null = null;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  // graphile-worker keeps polling after the database comes back, but a worker can keep a broken client and
  // fail every poll; several failed polls in a row mean: start afresh.
  const events = new EventEmitter() as WorkerEvents;
  let failedPolls = 0;
  let restarting = false;
  events.on('worker:getJob:error', () => {
    failedPolls++;
    if (failedPolls >= 3 && !restarting && !stopping) void restart('its database connections broke');
  });
  const healthy = () => (failedPolls = 0);
  events.on('worker:getJob:empty', healthy);
  events.on('job:start', healthy);

  const restart = async (why: string): Promise<void> => {
    restarting = true;
    deps.log.warn(`job worker restarting: ${why}`);
    const old = runner;
    runner = null;
    await old?.stop().catch(() => undefined);
    failedPolls = 0;
    restarting = false;
    if (!stopping) timer = setTimeout(() => void start(), retryMs);
  };
  const start = async (): Promise<void> => {
    try {
      const current = await startWorker(deps, events);
      runner = current;
      current.promise.then(
        () => undefined,
        (err: unknown) => {
          if (stopping || runner !== current) return;
          deps.log.error({ err }, `job worker stopped on an error; starting it again in ${retryMs / 1000} s`);
          runner = null;
          timer = setTimeout(() => void start(), retryMs);
        },
      );
    } catch (err) {
      if (stopping) return;
      deps.log.error({ err }, `job worker could not start; trying again in ${retryMs / 1000} s`);
      timer = setTimeout(() => void start(), retryMs);
    }
  };
  await start();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await runner?.stop();
    },
    /** Running, and its last polls reached the database (readiness: /health/ready). */
    healthy: () => runner !== null && !restarting && failedPolls < 3,
  };
}
