import type { EntityManager } from '@mikro-orm/postgresql';
import { loggable } from '../../common/format-error';
import type { Logger } from '../../common/logger';
import { KINDS, NotificationKind } from './notification-kind';
import type { Mailer } from './mailer';
import { DIGEST, unsubscribeUrl } from './unsubscribe';
import { ACTION } from './templates';

/** How long a worker holds a delivery it is sending; one that died mid-send lets it go when this ends. */
export const LEASE_MS = 2 * 60_000;
/** A delivery still failing this long after it was written is given up (FAILED). */
export const GIVE_UP_MS = 24 * 3600_000;

/** After attempt n failed: 1, 2, 4, … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryDeps {
  em: EntityManager;
  now: () => Date;
  mailer: Mailer | null;
  log: Logger;
  /** Waypoint's address for links (PUBLIC_URL, or the local one). */
  baseUrl: string;
  /** Where learners' links go (LEARNER_APP_URL). */
  learnerUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
  /** Deliveries claimed per round, and sent at once. */
  batch?: number;
  parallel?: number;
}

interface Claimed {
  id: string;
  digest: boolean;
  attempts: number;
  created_at: Date;
  recipient_id: string;
  email: string;
  name: string;
  kind: NotificationKind;
  title: string;
  body: string;
  path: string | null;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email for one notification: plain text and HTML saying the same, the link, why it came and how to stop it. */
export function emailFor(c: Pick<Claimed, 'name' | 'kind' | 'title' | 'body' | 'path'>, link: string, unsubscribe: string, action: string) {
  const first = c.name.split(/\s+/)[0] || c.name;
  const why = `You get this because "${KINDS[c.kind].description}" is on for email.`;
  const text = `Hi ${first},\n\n${c.body}\n\n${action}: ${link}\n\n--\n${why}\nUnsubscribe from these emails: ${unsubscribe}\n`;
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">` +
    `<p>Hi ${escape(first)},</p><p>${escape(c.body)}</p>` +
    `<p><a href="${escape(link)}" style="display:inline-block;padding:8px 16px;background:#0b4f8a;color:#ffffff;border-radius:4px;text-decoration:none">${escape(action)}</a></p>` +
    `<hr><p style="font-size:12px;color:#555">${escape(why)} <a href="${escape(unsubscribe)}">Unsubscribe from these emails</a>.</p></body></html>`;
  return { subject: c.title, text, html };
}

/** A coach's daily digest: every notification since the last one, each with its link, in one mail. */
export function digestFor(items: readonly Pick<Claimed, 'name' | 'kind' | 'title' | 'body' | 'path'>[], linkOf: (x: Claimed) => string) {
  const first = items[0].name.split(/\s+/)[0] || items[0].name;
  const subject = `Your Waypoint digest: ${items.length} ${items.length === 1 ? 'update' : 'updates'}`;
  const why = 'You get one digest a day because you chose the daily digest in your notification preferences.';
  const text = `Hi ${first},\n\n${items.map((x) => `- ${x.title}\n  ${x.body}\n  ${ACTION[x.kind]}: ${linkOf(x as Claimed)}`).join('\n\n')}\n\n--\n${why}\n`;
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a"><p>Hi ${escape(first)},</p><ul>` +
    items.map((x) => `<li><p><strong>${escape(x.title)}</strong><br>${escape(x.body)}<br><a href="${escape(linkOf(x as Claimed))}">${escape(ACTION[x.kind])}</a></p></li>`).join('') +
    `</ul><hr><p style="font-size:12px;color:#555">${escape(why)}</p></body></html>`;
  return { subject, text, html };
}

/**
 * Sends what is due, until nothing is: claims a batch of PENDING deliveries whose time has come (skipping rows another
 * worker holds), sends them, and records each outcome in one statement. A failed attempt is retried with back-off
 * (backoffMs) for 24 hours, then FAILED; a worker killed mid-send leaves its claim to lapse (LEASE_MS) and another
 * sends it again under the same Message-ID, which receivers use to drop the repeat. Never throws for a delivery's
 * failure: that is the log's, not the caller's.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<{ sent: number; retrying: number; failed: number }> {
  const batch = deps.batch ?? 200;
  const parallel = deps.parallel ?? 10;
  const totals = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const now = deps.now();
    const claimed = await deps.em.execute<Claimed[]>(
      `with c as (
         update notification_deliveries d set lease_until = ?::timestamptz + interval '${LEASE_MS / 1000} seconds', attempts = d.attempts + 1
          where d.id in (select id from notification_deliveries
                          where status = 'PENDING' and due_at <= ? and (lease_until is null or lease_until <= ?)
                          order by due_at limit ? for update skip locked)
         returning d.id, d.attempts, d.created_at, d.notification_id, d.digest)
       select c.id, c.attempts, c.created_at, c.digest, n.recipient_id, u.email, u.name, n.kind, n.title, n.body, n.path
         from c join notifications n on n.id = c.notification_id join users u on u.id = n.recipient_id`,
      [now, now, now, batch],
    );
    if (!claimed.length) return totals;
    const outcomes: { id: string; status: string; sent_at: string | null; due_at: string | null; error: string | null; ms: number }[] = [];
    // One mail per delivery, except a recipient's digest deliveries: one mail for all of them.
    const units: Claimed[][] = [];
    const digests = new Map<string, Claimed[]>();
    for (const c of claimed) {
      if (!c.digest) units.push([c]);
      else if (digests.has(c.recipient_id)) digests.get(c.recipient_id)!.push(c);
      else {
        const unit = [c];
        digests.set(c.recipient_id, unit);
        units.push(unit);
      }
    }
    const queue = [...units];
    const work = async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        const started = Date.now();
        const c = unit[0];
        // A digest's link stops the digest's email (every kind it carries); a single mail's, that kind's.
        const unsubscribe = unsubscribeUrl(deps.baseUrl, deps.secret, c.recipient_id, c.digest ? DIGEST : c.kind);
        const linkOf = (x: Claimed) => (x.path ? `${deps.baseUrl}${x.path}` : deps.learnerUrl);
        try {
          if (!deps.mailer) throw new Error('Email is not configured (SMTP_URL is unset)');
          const mail = c.digest ? digestFor(unit, linkOf) : emailFor(c, linkOf(c), unsubscribe, ACTION[c.kind]);
          // A digest's Message-ID is its first delivery's: the same set, retried, is recognisably the same mail.
          const id = [...unit].sort((a, b) => a.id.localeCompare(b.id))[0].id;
          await deps.mailer.send({ deliveryId: id, to: `${c.name.replace(/[<>",]/g, '')} <${c.email}>`, unsubscribeUrl: unsubscribe, ...mail });
          for (const x of unit) outcomes.push({ id: x.id, status: 'SENT', sent_at: deps.now().toISOString(), due_at: null, error: null, ms: Date.now() - started });
          totals.sent += unit.length;
        } catch (e) {
          const error = (e as Error).message?.slice(0, 1000) || String(e);
          const retryAt = new Date(deps.now().getTime() + backoffMs(c.attempts));
          const giveUp = retryAt.getTime() - new Date(c.created_at).getTime() > GIVE_UP_MS;
          if (giveUp) totals.failed += unit.length;
          else totals.retrying += unit.length;
          deps.log.warn({ delivery: c.id, attempts: c.attempts, err: loggable(e as Error) }, giveUp ? 'email delivery given up' : 'email delivery failed; will retry');
          for (const x of unit) outcomes.push({ id: x.id, status: giveUp ? 'FAILED' : 'PENDING', sent_at: null, due_at: giveUp ? null : retryAt.toISOString(), error, ms: Date.now() - started });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, claimed.length) }, work));
    await deps.em.execute(
      `update notification_deliveries d
          set status = r.status::delivery_status, sent_at = r.sent_at, due_at = coalesce(r.due_at, d.due_at), last_error = r.error,
              duration_ms = r.ms, lease_until = null
         from json_to_recordset(?::json) as r(id uuid, status text, sent_at timestamptz, due_at timestamptz, error text, ms int)
        where d.id = r.id`,
      [JSON.stringify(outcomes)],
    );
    if (claimed.length < batch) return totals;
  }
}
