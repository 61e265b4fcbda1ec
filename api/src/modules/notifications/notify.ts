import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KINDS, NotificationChannel, NotificationKind } from './notification-kind';
import { render, type NoticeData } from './templates';

/** One thing to tell one person. `recipientId` is a user id (a learner's login, a coach). */
export type Notice = {
  [K in NotificationKind]: { kind: K; recipientId: string; subjectId?: string | null; data: NoticeData[K]; dedupeKey?: string };
}[NotificationKind];

/**
 * What a webhook receives for notification `n` (recipient `u`, learner `l` when the recipient is one): the event's id
 * (the notification's, the same on every retry and replay), its type, when it happened and what it says. Stored
 * with the delivery, so the log shows exactly what was sent.
 */
const WEBHOOK_PAYLOAD_SQL = `jsonb_build_object(
  'id', n.id, 'type', n.kind, 'createdAt', to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'data', jsonb_build_object('recipient', jsonb_build_object('userId', u.id, 'role', u.role, 'learnerId', l.id),
                             'subjectId', n.subject_id, 'title', n.title, 'body', n.body))`;

/** When a daily digest goes out, in the recipient's zone (then after their quiet hours, if those end later). */
export const DIGEST_TIME = '08:00';

/** The next DIGEST_TIME in `zone` after `at`. */
export function nextDigest(at: Date, zone: string): Date {
  const local = DateTime.fromJSDate(at, { zone });
  let next = local.set({ hour: Number(DIGEST_TIME.slice(0, 2)), minute: Number(DIGEST_TIME.slice(3)), second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

/** Quiet hours for whoever has not chosen: no email between 21:00 and 08:00 in their own zone. */
export const DEFAULT_QUIET_HOURS = { from: '21:00', until: '08:00' } as const;

interface RecipientRow {
  id: string;
  name: string;
  active: boolean;
  time_zone: string;
  quiet_from: string | null;
  quiet_until: string | null;
  has_settings: boolean;
  daily_digest: boolean;
}

/**
 * The first instant at or after `at` outside quiet hours `from`–`until` (local HH:MM in `zone`; the window may
 * cross midnight). A reminder computed at night is sent when the recipient's morning begins.
 */
export function outsideQuietHours(at: Date, zone: string, from: string | null, until: string | null): Date {
  if (!from || !until || from === until) return at;
  // The same for everyone in a zone at one instant: remembered (a reminder run asks it ten thousand times).
  const key = `${at.getTime()}|${zone}|${from}|${until}`;
  const known = quietCache.get(key);
  if (known) return known;
  if (quietCache.size > 10_000) quietCache.clear();
  const result = computeOutsideQuietHours(at, zone, from, until);
  quietCache.set(key, result);
  return result;
}

const quietCache = new Map<string, Date>();

function computeOutsideQuietHours(at: Date, zone: string, from: string, until: string): Date {
  const local = DateTime.fromJSDate(at, { zone });
  const minutes = local.hour * 60 + local.minute;
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const [start, end] = [toMin(from), toMin(until)];
  const quiet = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!quiet) return at;
  const [h, m] = [Math.floor(end / 60), end % 60];
  let morning = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (morning <= local) morning = morning.plus({ days: 1 });
  return morning.toJSDate();
}

/**
 * Writes notifications into the outbox with `em` — the transaction of the change that causes them, so they commit
 * with it or not at all. Each recipient's preferences decide the channels: the in-app row is always written (it
 * carries the message) but listed only when in-app is on; an email delivery is queued when email is on, due after
 * their quiet hours. A notice with a `dedupeKey` already written for that recipient is skipped (scheduled reminders
 * computed twice are sent once). Two statements for any number of notices, plus one to wake the delivery job.
 */
export async function notify(em: EntityManager, now: Date, notices: readonly Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const userIds = [...new Set(notices.map((n) => n.recipientId))];
  const kinds = [...new Set(notices.map((n) => n.kind))];
  const [recipients, prefs] = await Promise.all([
    em.execute<RecipientRow[]>(
      `select u.id, u.name, u.active, coalesce(l.time_zone, u.time_zone) as time_zone, s.quiet_from, s.quiet_until, s.user_id is not null as has_settings,
              coalesce(s.daily_digest, false) as daily_digest
         from users u left join learners l on l.user_id = u.id left join notification_settings s on s.user_id = u.id
        where u.id = any(?::uuid[])`,
      [`{${userIds.join(',')}}`],
    ),
    em.execute<{ user_id: string; kind: string; channel: string; enabled: boolean }[]>(
      `select user_id, kind, channel, enabled from notification_preferences where user_id = any(?::uuid[]) and kind::text = any(?::text[])`,
      [`{${userIds.join(',')}}`, `{${kinds.join(',')}}`],
    ),
  ]);
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const off = new Set(prefs.filter((p) => !p.enabled).map((p) => `${p.user_id}/${p.kind}/${p.channel}`));
  const rows: Record<string, unknown>[] = [];
  const deliveries: Record<string, unknown>[] = [];
  for (const notice of notices) {
    const r = byId.get(notice.recipientId);
    if (!r || !r.active) continue;
    const inApp = !off.has(`${r.id}/${notice.kind}/${NotificationChannel.IN_APP}`);
    const email = !off.has(`${r.id}/${notice.kind}/${NotificationChannel.EMAIL}`);
    const message = render(notice.kind, notice.data as never, { name: r.name, timeZone: r.time_zone });
    const id = randomUUID();
    rows.push({
      id,
      recipient_id: r.id,
      kind: notice.kind,
      title: message.title.slice(0, 300),
      body: message.body,
      path: message.path,
      subject_id: notice.subjectId ?? null,
      dedupe_key: notice.dedupeKey ?? null,
      in_app: inApp,
      created_at: now.toISOString(),
    });
    if (email) {
      const quiet = r.has_settings ? [r.quiet_from, r.quiet_until] : [DEFAULT_QUIET_HOURS.from, DEFAULT_QUIET_HOURS.until];
      // Coaches and staff who chose the daily digest get their email then, all in one.
      const digest = r.daily_digest && KINDS[notice.kind].audience !== 'LEARNER';
      const due = outsideQuietHours(digest ? nextDigest(now, r.time_zone) : now, r.time_zone, quiet[0], quiet[1]);
      deliveries.push({ id: randomUUID(), notification_id: id, channel: NotificationChannel.EMAIL, due_at: due.toISOString(), digest });
    }
  }
  if (!rows.length) return 0;
  const written = await em.execute<{ id: string }[]>(
    `insert into notifications (id, recipient_id, kind, title, body, path, subject_id, dedupe_key, in_app, created_at)
     select id, recipient_id, kind, title, body, path, subject_id, dedupe_key, in_app, created_at
       from json_to_recordset(?::json) as r(id uuid, recipient_id uuid, kind notification_kind, title text, body text, path text,
                                            subject_id text, dedupe_key text, in_app boolean, created_at timestamptz)
     on conflict (recipient_id, dedupe_key) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  if (!written.length) return 0;
  const kept = new Set(written.map((w) => w.id));
  const queued = deliveries.filter((d) => kept.has(d.notification_id as string));
  // Email deliveries as preferences say, a webhook delivery per enabled endpoint that wants the kind (client
  // platforms get every event, whatever a person's own channels), and a wake-up for the delivery job.
  await em.execute(
    `with d as (
       insert into notification_deliveries (id, notification_id, channel, due_at, digest, created_at)
       select id, notification_id, channel, due_at, digest, ?::timestamptz
         from json_to_recordset(?::json) as r(id uuid, notification_id uuid, channel notification_channel, due_at timestamptz, digest boolean)
       returning due_at),
     w as (
       insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, due_at, created_at)
       select gen_random_uuid(), e.id, n.id, n.kind, ${WEBHOOK_PAYLOAD_SQL}, ?::timestamptz, ?::timestamptz
         from notifications n join users u on u.id = n.recipient_id left join learners l on l.user_id = u.id
         join webhook_endpoints e on e.enabled and (cardinality(e.event_types) = 0 or n.kind::text = any(e.event_types))
        where n.id = any(?::uuid[])
       returning due_at),
     due as (select due_at from d union all select due_at from w)
     -- Wakes the delivery job for what is due now; what waits (quiet hours, a digest) the job's every-minute run takes.
     select graphile_worker.add_job('deliver_notifications', '{}'::json, run_at := ?::timestamptz, max_attempts := 1)
       from due having count(*) filter (where due_at <= ?::timestamptz) > 0`,
    [now.toISOString(), JSON.stringify(queued), now.toISOString(), now.toISOString(), `{${[...kept].join(',')}}`, now.toISOString(), now.toISOString()],
  );
  return written.length;
}

/**
 * What a status change tells: the learner always; their coach when the learner went AT_RISK or was suspended. Used
 * by hand changes and by the weekly evaluation alike.
 */
export function statusChangeNotices(changes: readonly { learnerId: string; learnerUserId: string; learnerName: string; coachId: string; from: string; to: string; reason: string }[]): Notice[] {
  const reasonText = (r: string) => (/[.!?]$/.test(r.trim()) ? r.trim() : `${r.trim()}.`);
  return changes.flatMap((c): Notice[] => [
    { kind: NotificationKind.STATUS_CHANGED, recipientId: c.learnerUserId, subjectId: c.learnerId, data: { from: c.from, to: c.to, reason: reasonText(c.reason) } },
    ...(c.to === 'AT_RISK' || c.to === 'SUSPENDED'
      ? [{ kind: NotificationKind.LEARNER_AT_RISK, recipientId: c.coachId, subjectId: c.learnerId, data: { learnerId: c.learnerId, learnerName: c.learnerName, status: c.to, reason: reasonText(c.reason) } } as Notice]
      : []),
  ]);
}
