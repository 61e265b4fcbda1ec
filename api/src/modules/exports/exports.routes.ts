import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { routeFailure } from '../../common/http';
import type { Viewer } from '../../auth/viewer';
import { credentialsOf } from '../../auth/session-cookie';
import type { Credentials } from '../../auth/viewers';
import { EXPORTS } from './exports.sql';

/**
 * GET /exports/<name>.csv (staff): the program's records as CSV for reports outside Waypoint (csv-stringify, RFC
 * 4180, a header row, UTF-8 with a BOM so spreadsheets read names right). Credentials as the Huntr import: a bearer
 * token, or the console's session with its X-CSRF-Token.
 */
export function exportRoutes(deps: {
  em: () => EntityManager;
  clock: Clock;
  log: Logger;
  authenticate(credentials: Credentials, em: EntityManager, now: Date): Promise<{ viewer: Viewer | null }>;
}): express.Router {
  const router = express.Router();
  const failed = routeFailure(deps.log);
  router.get('/exports/:file', async (req, res) => {
    try {
      const auth = await deps.authenticate(credentialsOf(req), deps.em(), deps.clock.now());
      if (!auth.viewer) return void res.status(401).json({ error: 'Sign in as staff', code: 'UNAUTHENTICATED' });
      if (auth.viewer.role !== 'STAFF') return void res.status(403).json({ error: 'Only staff export the program', code: 'FORBIDDEN' });
      const name = /^([a-z-]+)\.csv$/.exec(String(req.params.file))?.[1];
      const spec = name && Object.hasOwn(EXPORTS, name) ? EXPORTS[name] : undefined;
      if (!spec) {
        return void res.status(404).json({ error: `No such export; these are: ${Object.keys(EXPORTS).map((n) => `${n}.csv`).join(', ')}`, code: 'NOT_FOUND' });
      }
      const rows = await deps.em().getConnection().execute<Record<string, unknown>[]>(spec.sql);
      const columns = rows.length ? Object.keys(rows[0]) : [];
      const csv = stringify(rows, { header: true, columns, bom: true, cast: { boolean: (v) => String(v) } });
      const day = deps.clock.now().toISOString().slice(0, 10);
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="waypoint-${name}-${day}.csv"`)
        .set('Cache-Control', 'no-store')
        .send(csv);
    } catch (e) {
      failed(req, res, e);
    }
  });
  return router;
}
