import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrationsList } from './db/migrations';

/** What readiness asks of the job worker, when this process should run one. */
export interface WorkerHealth {
  healthy(): boolean;
}

/**
 * Health for load balancers and orchestrators:
 * - /health/live: the process answers (restart it when this fails);
 * - /health/ready: it can serve: the database answers, every migration this code knows is applied, and the job
 *   worker runs where it should (send it no traffic while this fails). Answers 503 with what is wrong.
 * /health answers as /health/ready, for probes set up before the split.
 */
export function healthRoutes(deps: { orm: MikroORM; worker: WorkerHealth | null; workerExpected: boolean }): express.Router {
  const router = express.Router();
  const known = migrationsList.map((m) => m.name);

  const readiness = async () => {
    const checks: Record<string, string> = {};
    let ok = true;
    try {
      const rows = await deps.orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations');
      checks.database = 'reachable';
      const applied = new Set(rows.map((r) => r.name));
      const pending = known.filter((name) => !applied.has(name));
      checks.migrations = pending.length ? `pending: ${pending.join(', ')}` : 'applied';
      ok = pending.length === 0;
    } catch {
      checks.database = 'unreachable';
      ok = false;
    }
    if (deps.workerExpected) {
      const running = deps.worker?.healthy() ?? false;
      checks.worker = running ? 'running' : 'not running';
      ok &&= running;
    }
    return { ok, checks };
  };

  const ready: express.RequestHandler = async (_req, res) => {
    const { ok, checks } = await readiness();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', ...checks });
  };
  router.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/health/ready', ready);
  router.get('/health', ready);
  return router;
}
