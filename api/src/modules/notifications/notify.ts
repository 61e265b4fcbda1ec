import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { v7 } from 'uuid';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
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
 * Runs `text` with bind parameters ($1, $2, ...) on `em`'s connection (its transaction when in one). em.execute
 * inlines every parameter into the SQL text, character by character: for a run's tens of thousands of notices that
 * quoting and its garbage were most of the time (npm run bench -- compliance). Arrays go as PostgreSQL arrays.
 */
export async function executeBound<T>(em: EntityManager, text: string, parameters: readonly unknown[]): Promise<T[]> {
  const started = Date.now();
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(text, [...parameters]));
  // Logged as em.execute would (debug logging, the benches' statement counts), without the parameters.
  em.config.getLogger().logQuery({ level: 'info', query: text, took: Date.now() - started, results: result.rows.length });
  return result.rows as T[];
}

/**
 * `n` time-ordered ids (UUIDv7) for one batch: this millisecond, then a counter from a random start (RFC 9562's
 * fixed-length counter, as uuid's v7 keeps between calls), so a batch's ids ascend. Their random bits come from one
 * randomBytes call: uuid's v7 asks crypto.getRandomValues for each id, 5 µs a call, 1.5 s of a weekly run's 300,000.
 */
export function timeOrderedIds(n: number): string[] {
  const random = randomBytes(16 * n + 4);
  const msecs = Date.now();
  const start = random.readUInt32BE(16 * n) & 0x7fff_ffff;
  return Array.from({ length: n }, (_, i) => v7({ msecs, seq: start + i, random: random.subarray(16 * i, 16 * i + 16) }));
}

/** The next daily digest per (instant, zone): the same for every coach in a zone, so computed once. */
const digestCache = new Map<string, Date>();
function nextDigestCached(at: Date, zone: string): Date {
  const key = `${at.getTime()}|${zone}`;
  let due = digestCache.get(key);
  if (!due) {
    if (digestCache.size > 10_000) digestCache.clear();
    due = nextDigest(at, zone);
    digestCache.set(key, due);
  }
  return due;
}

/**
 * Writes notifications into the outbox with `em` — the transaction of the change that causes them, so they commit
 * with it or not at all. Each recipient's preferences decide the channels: the in-app row is always written (it
 * carries the message) but listed only when in-app is on; an email delivery is queued when email is on, due after
 * their quiet hours. A notice with a `dedupeKey` already written for that recipient is skipped (scheduled reminders
 * computed twice are sent once). Two statements to read recipients and preferences and one to write the
 * notifications, their deliveries and the delivery job's wake-up, for any number of notices.
 */
export async function notify(em: EntityManager, now: Date, notices: readonly Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const userIds = [...new Set(notices.map((n) => n.recipientId))];
  const kinds = [...new Set(notices.map((n) => n.kind))];
  const recipients = await executeBound<RecipientRow>(
    em,
    `select u.id, u.name, u.active, coalesce(l.time_zone, u.time_zone) as time_zone, s.quiet_from, s.quiet_until, s.user_id is not null as has_settings,
            coalesce(s.daily_digest, false) as daily_digest
       from users u left join learners l on l.user_id = u.id left join notification_settings s on s.user_id = u.id
      where u.id = any($1::uuid[])`,
    [userIds],
  );
  const prefs = await executeBound<{ user_id: string; kind: string; channel: string; enabled: boolean }>(
    em,
    `select user_id, kind, channel, enabled from notification_preferences where user_id = any($1::uuid[]) and kind::text = any($2::text[])`,
    [userIds, kinds],
  );
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const off = new Set(prefs.filter((p) => !p.enabled).map((p) => `${p.user_id}/${p.kind}/${p.channel}`));
  // One array per column: one statement, and its text does not grow with the number of notices.
  const cols = {
    recipient: [] as string[], kind: [] as string[], title: [] as string[], body: [] as string[], path: [] as (string | null)[],
    subject: [] as (string | null)[], dedupe: [] as (string | null)[], inApp: [] as boolean[], emailDue: [] as (string | null)[], digest: [] as boolean[],
  };
  for (const notice of notices) {
    const r = byId.get(notice.recipientId);
    if (!r || !r.active) continue;
    const inApp = !off.has(`${r.id}/${notice.kind}/${NotificationChannel.IN_APP}`);
    const email = !off.has(`${r.id}/${notice.kind}/${NotificationChannel.EMAIL}`);
    const message = render(notice.kind, notice.data as never, { name: r.name, timeZone: r.time_zone });
    let due: Date | null = null;
    let digest = false;
    if (email) {
      const quiet = r.has_settings ? [r.quiet_from, r.quiet_until] : [DEFAULT_QUIET_HOURS.from, DEFAULT_QUIET_HOURS.until];
      // Coaches and staff who chose the daily digest get their email then, all in one.
      digest = r.daily_digest && KINDS[notice.kind].audience !== 'LEARNER';
      due = outsideQuietHours(digest ? nextDigestCached(now, r.time_zone) : now, r.time_zone, quiet[0], quiet[1]);
    }
    cols.recipient.push(r.id);
    cols.kind.push(notice.kind);
    cols.title.push(message.title.slice(0, 300));
    cols.body.push(message.body);
    cols.path.push(message.path);
    cols.subject.push(notice.subjectId ?? null);
    cols.dedupe.push(notice.dedupeKey ?? null);
    cols.inApp.push(inApp);
    cols.emailDue.push(due ? due.toISOString() : null);
    cols.digest.push(digest);
  }
  if (!cols.recipient.length) return 0;
  const at = now.toISOString();
  // A notice already written (its dedupe key) gets no deliveries. Email deliveries as preferences say, a webhook
  // delivery per enabled endpoint that wants the kind (client platforms get every event, whatever a person's own
  // channels), and a wake-up for the delivery job.
  // The ids are made here, so each insert reads the arrays itself: a CTE holding every notice's text (the
  // notifications, then the deliveries and webhooks reading it back) spilled to disk on a weekly run's 150,000.
  // Time-ordered (UUIDv7): a batch's ids are appended at the end of the primary keys and of the deliveries'
  // (notification_id, channel) key instead of written all over them.
  const made = timeOrderedIds(2 * cols.recipient.length);
  const ids = made.slice(0, cols.recipient.length);
  const deliveryIds = made.slice(cols.recipient.length);
  const [result] = await executeBound<{ written: number }>(
    em,
    `with n as (
       insert into notifications (id, recipient_id, kind, title, body, path, subject_id, dedupe_key, in_app, created_at)
       select s.*, $12::timestamptz
         from unnest($1::uuid[], $2::uuid[], $3::notification_kind[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[])
              as s(id, recipient_id, kind, title, body, path, subject_id, dedupe_key, in_app)
       on conflict (recipient_id, dedupe_key) where dedupe_key is not null do nothing
       returning id),
     -- A semi-join, not a join: its estimate stays at the notices' number (a join's was billions, and JIT compiled it).
     d as (
       insert into notification_deliveries (id, notification_id, channel, due_at, digest, created_at)
       select s.id, s.notification_id, 'EMAIL', s.email_due, s.digest, $12::timestamptz
         from unnest($13::uuid[], $1::uuid[], $10::timestamptz[], $11::boolean[]) as s(id, notification_id, email_due, digest)
        where s.email_due is not null and s.notification_id in (select n.id from n)
       returning due_at),
     w as (
       insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, due_at, created_at)
       select gen_random_uuid(), e.id, n.id, n.kind, ${WEBHOOK_PAYLOAD_SQL}, $12::timestamptz, $12::timestamptz
         from (select s.*, $12::timestamptz as created_at
                 from unnest($1::uuid[], $2::uuid[], $3::notification_kind[], $4::text[], $5::text[], $7::text[]) as s(id, recipient_id, kind, title, body, subject_id)
                where s.id in (select n.id from n)) n
         join users u on u.id = n.recipient_id left join learners l on l.user_id = u.id
         join webhook_endpoints e on e.enabled and (cardinality(e.event_types) = 0 or n.kind::text = any(e.event_types))
        where exists (select 1 from webhook_endpoints where enabled) -- no endpoint: the notices are not read again
       returning due_at),
     -- Wakes the delivery job for what is due now; what waits (quiet hours, a digest) the job's every-minute run takes.
     wake as (
       select graphile_worker.add_job('deliver_notifications', '{}'::json, run_at := $12::timestamptz, max_attempts := 1)
         from (select due_at from d union all select due_at from w) due
       having count(*) filter (where due_at <= $12::timestamptz) > 0)
     select (select count(*) from n)::int as written, (select count(*) from wake)::int as woken`,
    [ids, cols.recipient, cols.kind, cols.title, cols.body, cols.path, cols.subject, cols.dedupe, cols.inApp, cols.emailDue, cols.digest, at, deliveryIds],
  );
  return Number(result.written);
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
