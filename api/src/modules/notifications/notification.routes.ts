import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { routeFailure } from '../../common/http';
import { KINDS, NotificationChannel, NotificationKind } from './notification-kind';
import { DIGEST, verifyUnsubscribe, type UnsubscribeTarget } from './unsubscribe';
import { setPreference } from './notification.service';

/** The kinds a link stops: one, or every coach and staff kind for a digest's link. */
const kindsOf = (target: UnsubscribeTarget): NotificationKind[] =>
  target === DIGEST ? (Object.keys(KINDS) as NotificationKind[]).filter((k) => KINDS[k].audience !== 'LEARNER') : [target];
const what = (target: UnsubscribeTarget) => (target === DIGEST ? 'your daily digest (every update it carries)' : KINDS[target].description);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escape(title)} · Waypoint</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">` +
    `<h1 style="font-size:1.4rem">${escape(title)}</h1>${body}</body></html>`
  );
}

/**
 * One-click unsubscribe (RFC 8058). Mail clients POST to the List-Unsubscribe link; a person who opens it gets a page
 * with one button (a GET changes nothing, so link scanners cannot unsubscribe anyone). The signed link is the only
 * credential; it turns email off for one kind and nothing else.
 */
export function notificationRoutes(deps: { em: () => EntityManager; clock: Clock; log: Logger; secret: string }): express.Router {
  const router = express.Router();
  const failed = routeFailure(deps.log);
  // Like a calendar feed's secret address: a link that is not one Waypoint signed is not found.
  const invalid = (res: express.Response) =>
    res.status(404).type('html').send(page('This unsubscribe link is not valid', '<p>It may have been cut off. Use the link from the latest email, or change your notification preferences in Waypoint.</p>'));

  router.get('/notifications/unsubscribe', (req, res) => {
    const target = verifyUnsubscribe(deps.secret, req.query);
    if (!target) return void invalid(res);
    const action = `/notifications/unsubscribe?${new URLSearchParams(req.query as Record<string, string>)}`;
    res
      .type('html')
      .send(
        page(
          'Stop these emails?',
          `<p>You will no longer get emails for: <strong>${escape(what(target.kind))}</strong></p>` +
            `<p>They stay in Waypoint's notifications, and you can turn the emails back on in your notification preferences.</p>` +
            `<form method="post" action="${escape(action)}"><button type="submit" style="font-size:1rem;padding:.5rem 1rem">Unsubscribe</button></form>`,
        ),
      );
  });

  router.post('/notifications/unsubscribe', async (req, res) => {
    const target = verifyUnsubscribe(deps.secret, req.query);
    if (!target) return void invalid(res);
    try {
      const em = deps.em();
      for (const kind of kindsOf(target.kind)) await setPreference(em, target.userId, kind, NotificationChannel.EMAIL, false, deps.clock.now());
      res
        .type('html')
        .send(page('Unsubscribed', `<p>No more emails for: <strong>${escape(what(target.kind))}</strong></p><p>You can turn them back on in your notification preferences.</p>`));
    } catch (e) {
      failed(req, res, e);
    }
  });
  return router;
}
