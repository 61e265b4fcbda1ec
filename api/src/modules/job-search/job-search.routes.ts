import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { routeFailure } from '../../common/http';
import type { Viewer } from '../../auth/viewer';
import { credentialsOf } from '../../auth/session-cookie';
import type { Credentials } from '../../auth/viewers';
import { importJobActivities } from './csv-import';
import { HuntrPayloadError, receiveHuntrAction, verifyHuntrSignature, type HuntrPayload } from './huntr';

/** The job-search module's REST routes: Huntr's webhook and the staff's CSV import. */
export function jobSearchRoutes(deps: {
  em: () => EntityManager;
  clock: Clock;
  log: Logger;
  huntrWebhookSecret: string | undefined;
  authenticate(credentials: Credentials, em: EntityManager, now: Date): Promise<{ viewer: Viewer | null }>;
}): express.Router {
  const router = express.Router();
  const failed = routeFailure(deps.log);

  // Huntr's webhook: the signature is over the raw body, so it is read raw. A non-2xx makes Huntr retry.
  router.post('/webhooks/huntr', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    try {
      if (!deps.huntrWebhookSecret) {
        res.status(503).json({ error: 'The Huntr webhook is not configured (HUNTR_WEBHOOK_SECRET)' });
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifyHuntrSignature(raw, req.get('x-huntr-hmac-sha256'), deps.huntrWebhookSecret)) {
        res.status(401).json({ error: 'Missing or wrong x-huntr-hmac-sha256 signature' });
        return;
      }
      const text = raw.toString('utf8');
      let payload: HuntrPayload;
      try {
        payload = JSON.parse(text) as HuntrPayload;
      } catch {
        res.status(400).json({ error: 'The body is not JSON' });
        return;
      }
      // 200 for everything taken in, kept aside included: a non-2xx only makes Huntr send the same body again.
      const outcome = await receiveHuntrAction(deps.em(), payload, { now: deps.clock.now(), source: 'WEBHOOK', rawBody: text });
      res.json({ status: outcome });
    } catch (e) {
      if (e instanceof HuntrPayloadError) res.status(400).json({ error: e.message });
      else failed(req, res, e);
    }
  });

  // Staff upload a Huntr CSV export (up to 20 MB); ?dryRun=true reports what would happen and writes nothing.
  // The caller is checked before the body is read: nobody else gets 20 MB read for them.
  const staffOnly: express.RequestHandler = async (req, res, next) => {
    try {
      const auth = await deps.authenticate(credentialsOf(req), deps.em(), deps.clock.now());
      if (!auth.viewer) res.status(401).json({ error: 'Sign in as staff (Authorization: Bearer <token>, or the console\'s session with its X-CSRF-Token)' });
      else if (auth.viewer.role !== 'STAFF') res.status(403).json({ error: 'Only staff import job activity' });
      else {
        res.locals.viewer = auth.viewer;
        next();
      }
    } catch (e) {
      failed(req, res, e);
    }
  };
  router.post('/imports/huntr', staffOnly, express.text({ type: () => true, limit: '20mb' }), async (req, res) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const report = await importJobActivities(deps.em(), typeof req.body === 'string' ? req.body : '', {
        dryRun,
        now: deps.clock.now(),
        userId: viewer.userId,
        requestId: String((req as unknown as { id: string }).id),
      });
      res.json(report);
    } catch (e) {
      failed(req, res, e);
    }
  });

  // A body it cannot take (over 1 or 20 MB, an unknown charset, malformed) is answered by the app's appErrors.
  return router;
}
