import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Webhook } from 'standardwebhooks';
import { loggable } from '../../common/format-error';
import type { Logger } from '../../common/logger';
import { backoffMs, GIVE_UP_MS, LEASE_MS } from './deliver';
import { NotificationKind } from './notification-kind';
import { notify } from './notify';

/** A new endpoint's signing secret, in Standard Webhooks' form (whsec_ and 24 random bytes, base64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

interface Claimed {
  id: string;
  endpoint_id: string;
  notification_id: string;
  attempts: number;
  created_at: string;
  url: string;
  secret: string;
  payload: Record<string, unknown>;
}

/**
 * Posts the webhook deliveries that are due, signed as Standard Webhooks specifies (and as Stripe and Cal.com sign
 * theirs): webhook-id (the event's id, the same on every retry and replay, so receivers drop repeats),
 * webhook-timestamp (Unix seconds, when it was sent) and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body under
 * the endpoint's secret; the standardwebhooks library signs it). A 2xx answer is a delivery; anything else, no answer
 * within 10 s included, is retried with back-off for 24 hours, then FAILED, and the endpoint is turned off with staff
 * told. Never throws for an endpoint's failure.
 */
export async function deliverWebhooks(deps: { em: EntityManager; now: () => Date; log: Logger; batch?: number; parallel?: number; timeoutMs?: number }) {
  const batch = deps.batch ?? 200;
  const parallel = deps.parallel ?? 20;
  const totals = { sent: 0, retrying: 0, failed: 0, disabled: 0 };
  for (;;) {
    const now = deps.now();
    const claimed = await deps.em.execute<Claimed[]>(
      `with c as (
         update webhook_deliveries d set lease_until = ?::timestamptz + interval '${LEASE_MS / 1000} seconds', attempts = d.attempts + 1
          where d.id in (select d2.id from webhook_deliveries d2 join webhook_endpoints e on e.id = d2.endpoint_id
                          where d2.status = 'PENDING' and e.enabled and d2.due_at <= ? and (d2.lease_until is null or d2.lease_until <= ?)
                          order by d2.due_at limit ? for update of d2 skip locked)
         returning d.id, d.endpoint_id, d.notification_id, d.attempts, d.created_at, d.payload)
       select c.*, e.url, e.secret from c join webhook_endpoints e on e.id = c.endpoint_id`,
      [now, now, now, batch],
    );
    if (!claimed.length) return totals;
    const outcomes: { id: string; status: string; sent_at: string | null; due_at: string | null; response: number | null; error: string | null; ms: number; body: string }[] = [];
    const givenUp: Claimed[] = [];
    const queue = [...claimed];
    const work = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const started = Date.now();
        const body = JSON.stringify(c.payload);
        // The signature's timestamp is the real sending time (receivers check it against their clock), not the program's.
        const sentAt = new Date();
        let response: number | null = null;
        try {
          const signature = new Webhook(c.secret).sign(c.notification_id, sentAt, body);
          const res = await fetch(c.url, {
            method: 'POST',
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Waypoint-Webhooks/1',
              'webhook-id': c.notification_id,
              'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
              'webhook-signature': signature,
            },
          });
          response = res.status;
          await res.body?.cancel().catch(() => undefined);
          if (res.status < 200 || res.status >= 300) throw new Error(`The endpoint answered HTTP ${res.status}`);
          outcomes.push({ id: c.id, status: 'SENT', sent_at: deps.now().toISOString(), due_at: null, response, error: null, ms: Date.now() - started, body });
          totals.sent++;
        } catch (e) {
          const err = e as Error;
          const error = (err.name === 'TimeoutError' ? `No answer within ${(deps.timeoutMs ?? 10_000) / 1000} s` : (err.cause as Error)?.message || err.message).slice(0, 1000);
          const retryAt = new Date(deps.now().getTime() + backoffMs(c.attempts));
          const giveUp = retryAt.getTime() - new Date(c.created_at).getTime() > GIVE_UP_MS;
          if (giveUp) {
            totals.failed++;
            givenUp.push(c);
          } else totals.retrying++;
          deps.log.warn({ delivery: c.id, endpoint: c.endpoint_id, attempts: c.attempts, err: loggable(err) }, giveUp ? 'webhook delivery given up' : 'webhook delivery failed; will retry');
          outcomes.push({ id: c.id, status: giveUp ? 'FAILED' : 'PENDING', sent_at: null, due_at: giveUp ? null : retryAt.toISOString(), response, error, ms: Date.now() - started, body });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, claimed.length) }, work));
    await deps.em.transactional(async (em) => {
      await em.execute(
        `update webhook_deliveries d
            set status = r.status::delivery_status, sent_at = r.sent_at, due_at = coalesce(r.due_at, d.due_at), response_status = r.response,
                last_error = r.error, duration_ms = r.ms, lease_until = null, posted_body = r.body
           from json_to_recordset(?::json) as r(id uuid, status text, sent_at timestamptz, due_at timestamptz, response int, error text, ms int, body text)
          where d.id = r.id`,
        [JSON.stringify(outcomes)],
      );
      // An endpoint whose delivery failed for 24 hours is turned off, once, and every staff member is told.
      const endpoints = [...new Set(givenUp.map((g) => g.endpoint_id))];
      if (!endpoints.length) return;
      const off = await em.execute<{ id: string; url: string }[]>(
        `update webhook_endpoints set enabled = false, disabled_reason = ? where id = any(?::uuid[]) and enabled returning id, url`,
        ['Its deliveries failed for 24 hours', `{${endpoints.join(',')}}`],
      );
      totals.disabled += off.length;
      const staff = await em.execute<{ id: string }[]>(`select id from users where role = 'STAFF' and active`);
      const lastError = (endpointId: string) => outcomes.find((o) => givenUp.some((g) => g.id === o.id && g.endpoint_id === endpointId))?.error ?? 'unknown';
      await notify(
        em,
        deps.now(),
        off.flatMap((e) =>
          staff.map((s) => ({ kind: NotificationKind.WEBHOOK_DISABLED, recipientId: s.id, subjectId: e.id, data: { endpointId: e.id, url: e.url, lastError: lastError(e.id) } })),
        ),
      );
    });
    if (claimed.length < batch) return totals;
  }
}
