import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobActivityKind } from './job-activity.entity';
import { notify } from '../notifications/notify';
import { NotificationKind } from '../notifications/notification-kind';
import { pgArray } from '../../common/sql';

/**
 * Huntr's Organization API, as its reference documents it (docs.huntr.co: Actions, Activities, Activity Categories,
 * Webhooks; api/test/fixtures/huntr/README.md lists what the code relies on). An Action carries `ownerMember` (the
 * job seeker), `job` and `employer` side by side, `activity` and its `activityCategory` side by side, `update` for
 * updates, `fromList`/`toList` for moves, and Unix-second timestamps.
 */

/** True when `signature` is base64(HMAC-SHA256(secret, rawBody)), compared in constant time. */
export function verifyHuntrSignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature || !secret) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Stamp = number | string | null | undefined;

export interface HuntrMemberRef {
  id?: string;
  email?: string;
  givenName?: string;
  familyName?: string;
}
interface HuntrJobRef {
  id?: string;
  title?: string;
}
interface HuntrNamed {
  id?: string;
  name?: string;
}
interface HuntrActivity {
  id?: string;
  title?: string;
  completed?: boolean;
  completedAt?: Stamp;
  startAt?: Stamp;
  endAt?: Stamp;
  createdAt?: Stamp;
  /** Present when the activity comes as the Activity resource rather than inside an Action. */
  activityCategory?: HuntrNamed | null;
}
/** The Action object (Actions › Action Resource). */
export interface HuntrPayload {
  id?: string;
  actionType?: string;
  date?: Stamp;
  createdAt?: Stamp;
  createdByWorkflow?: boolean;
  ownerMember?: HuntrMemberRef | null;
  creatorMember?: HuntrMemberRef | null;
  jobId?: string;
  job?: HuntrJobRef | null;
  employer?: HuntrNamed | null;
  activityId?: string;
  activity?: HuntrActivity | null;
  activityCategory?: HuntrNamed | null;
  fromList?: { name?: string } | null;
  toList?: { name?: string } | null;
  update?: Record<string, unknown> | null;
}

/** Every action type the reference lists (Actions › Action Types). */
export const ACTION_TYPES = new Set([
  'JOB_CREATED', 'JOB_UPDATED', 'JOB_DELETED', 'JOB_MOVED',
  'ACTIVITY_CREATED', 'ACTIVITY_UPDATED', 'ACTIVITY_DELETED',
  'NOTE_CREATED', 'NOTE_UPDATED', 'NOTE_DELETED',
  'CONTACT_CREATED', 'CONTACT_UPDATED', 'CONTACT_DELETED',
]);

/** Every activity category the reference lists (Activity Categories › Types of Activity Categories), lower case. */
export const ACTIVITY_CATEGORIES = new Set([
  'email', 'meeting', 'phone call', 'reach out', 'get reference', 'prep cover letter', 'prep resume', 'apply', 'follow up',
  'send availability', 'prep for interview', 'phone screen', 'phone interview', 'assignment', 'on site interview', 'rejected',
  'offer received', 'decline offer', 'accept offer', 'send thank you', 'networking event', 'application withdrawn', 'other',
]);

const APPLY = 'apply';
const OFFER = 'offer received';
/** The funnel stage of each interview category. */
export const STAGES: Record<string, string> = {
  'phone screen': 'PHONE_SCREEN',
  'phone interview': 'PHONE_INTERVIEW',
  'on site interview': 'ON_SITE',
};
/** List names Huntr treats as the APPLY stage (Workflows › Stage names to type mapping; not case sensitive). */
const APPLY_LISTS = new Set(['applied', 'apply', 'applying', 'applied online']);

/** Huntr's timestamps are Unix seconds; a number past 10^12 is taken as milliseconds, a string as ISO 8601. */
export function huntrInstant(value: Stamp): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  const d = Number.isNaN(n) ? new Date(value) : new Date(n < 1e12 ? n * 1000 : n);
  return Number.isNaN(d.getTime()) ? null : d;
}

const lower = (s: string | undefined | null) => (s ?? '').trim().toLowerCase();

/** Why an action could not be mapped (kept in huntr_kept_actions with the body). */
export type KeptReason = 'UNKNOWN_MEMBER' | 'UNKNOWN_CATEGORY' | 'UNKNOWN_ACTION_TYPE' | 'PARSER_CHANGED';

/** What an action means for Waypoint, worked out from the action alone (no database). */
type Meaning =
  | { kind: 'kept'; reason: KeptReason; detail: string }
  | { kind: 'ignored'; subject: string | null }
  | { kind: 'activity'; subject: string; category: string; completed: boolean; completedAt: Date | null; startAt: Date | null; job: JobFacts }
  | { kind: 'activityDeleted'; subject: string }
  | { kind: 'appliedList'; subject: string; job: JobFacts }
  | { kind: 'jobDeleted'; subject: string };
interface JobFacts {
  id: string | null;
  title: string;
  employer: string;
}

/** Reads a documented Action: its type, and for activities the category (top level, or inside the activity). */
export function meaningOf(p: HuntrPayload): Meaning {
  const type = (p.actionType ?? '').toUpperCase();
  if (!ACTION_TYPES.has(type)) return { kind: 'kept', reason: 'UNKNOWN_ACTION_TYPE', detail: `Huntr action type ${p.actionType} is not one Waypoint knows` };
  const jobId = p.job?.id ?? p.jobId ?? null;
  const job: JobFacts = { id: jobId, title: p.job?.title?.trim() || 'Unknown role', employer: p.employer?.name?.trim() || 'Unknown employer' };
  if (type.startsWith('ACTIVITY_')) {
    const activityId = p.activity?.id ?? p.activityId;
    if (!activityId) return { kind: 'ignored', subject: null };
    const subject = `activity:${activityId}`;
    if (type === 'ACTIVITY_DELETED') return { kind: 'activityDeleted', subject };
    const rawCategory = p.activityCategory?.name ?? p.activity?.activityCategory?.name ?? '';
    const category = lower(rawCategory);
    if (!ACTIVITY_CATEGORIES.has(category)) {
      return { kind: 'kept', reason: 'UNKNOWN_CATEGORY', detail: rawCategory ? `Activity category "${rawCategory}" is not one Huntr documents` : 'The activity has no category' };
    }
    // An update may carry the activity as it was and the change beside it: the change wins.
    const state = { ...(p.activity ?? {}), ...((p.update ?? {}) as Partial<HuntrActivity>) };
    return {
      kind: 'activity',
      subject,
      category,
      completed: state.completed === true,
      completedAt: huntrInstant(state.completedAt),
      startAt: huntrInstant(state.startAt),
      job,
    };
  }
  if (type === 'JOB_DELETED') return jobId ? { kind: 'jobDeleted', subject: `job:${jobId}` } : { kind: 'ignored', subject: null };
  if ((type === 'JOB_MOVED' || type === 'JOB_CREATED') && jobId && APPLY_LISTS.has(lower(p.toList?.name))) {
    return { kind: 'appliedList', subject: `job:${jobId}`, job };
  }
  return { kind: 'ignored', subject: jobId && type.startsWith('JOB_') ? `job:${jobId}` : null };
}

/** The learner each Huntr member email is: by login email first, else by an alias staff set. One statement. */
export async function learnersByEmail(tx: EntityManager, emails: string[]): Promise<Map<string, { id: string; coach_id: string }>> {
  const rows = await tx.execute<{ email: string; id: string; coach_id: string }[]>(
    `select u.email, l.id, l.coach_id, 0 as rank from learners l join users u on u.id = l.user_id where u.email = any(?::text[])
     union all
     select a.email, l.id, l.coach_id, 1 from huntr_member_aliases a join learners l on l.id = a.learner_id where a.email = any(?::text[])
     order by rank desc`,
    [pgArray(emails), pgArray(emails)],
  );
  // Ordered aliases first, so a login email (rank 0) overwrites an alias for the same address.
  return new Map(rows.map((r) => [r.email, { id: r.id, coach_id: r.coach_id }]));
}

/** The owner's email: as the action gives it, else as the members list (pull-sync) knows the member id. */
async function ownerEmail(tx: EntityManager, p: HuntrPayload): Promise<string | null> {
  const given = lower(p.ownerMember?.email);
  if (given) return given;
  if (!p.ownerMember?.id) return null;
  const [m] = await tx.execute<{ email: string }[]>(`select email from huntr_members where id = ?`, [p.ownerMember.id]);
  return m ? lower(m.email) : null;
}

export type HuntrOutcome = 'APPLIED' | 'IGNORED' | 'SUPERSEDED' | 'DUPLICATE' | 'UNMATCHED' | 'UNMAPPED';
export type HuntrSource = 'WEBHOOK' | 'SYNC';

/**
 * Takes in one verified Huntr action (from the webhook or the pull-sync: the same path), in one transaction:
 *  - an action already taken in (by id) is a DUPLICATE and changes nothing;
 *  - one that cannot be mapped (a member no learner is, an unknown category or action type) is kept aside with its
 *    raw body and the reason (UNMATCHED for a member, UNMAPPED otherwise); it never blocks a later delivery;
 *  - otherwise it is stored once and applied: a completed Apply activity is an application dated by completion; a
 *    completed Phone Screen, Phone Interview or On Site Interview an interview dated by its start; an update re-applies,
 *    an uncompleted or deleted activity is removed; a job put on the Applied list is an application while the job has
 *    no Apply activity (a deleted job takes that stand-in with it); an Offer Received alerts the coach once;
 *  - an older action on the same activity or job than one already applied is SUPERSEDED (deliveries and the sync may
 *    arrive out of order).
 */
export async function receiveHuntrAction(
  em: EntityManager,
  payload: HuntrPayload,
  opts: { now: Date; source: HuntrSource; rawBody?: string },
): Promise<HuntrOutcome> {
  if (typeof payload?.id !== 'string' || !payload.id || typeof payload.actionType !== 'string') {
    throw new HuntrPayloadError('An action needs a string id and actionType');
  }
  const { now, source } = opts;
  const actionType = payload.actionType.slice(0, 60);
  const rawBody = opts.rawBody ?? JSON.stringify(payload);
  return em.transactional(async (tx) => {
    const [done] = await tx.execute(`select 1 from huntr_actions where id = ?`, [payload.id]);
    if (done) return 'DUPLICATE';
    const email = await ownerEmail(tx, payload);
    let meaning = meaningOf(payload);
    const learner = email ? (await learnersByEmail(tx, [email])).get(email) : undefined;
    if (meaning.kind !== 'kept' && !learner) {
      meaning = { kind: 'kept', reason: 'UNKNOWN_MEMBER', detail: email ? 'No learner has this Huntr member\'s email' : 'The action names no member email' };
    }
    if (meaning.kind === 'kept') {
      await tx.execute(
        `insert into huntr_kept_actions (id, action_type, member_email, reason, detail, raw_body, source, arrived_at, last_tried_at, attempts)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
         on conflict (id) do update set reason = excluded.reason, detail = excluded.detail, member_email = excluded.member_email,
           raw_body = excluded.raw_body, last_tried_at = excluded.last_tried_at, attempts = huntr_kept_actions.attempts + 1`,
        [payload.id, actionType, email?.slice(0, 254) ?? null, meaning.reason, meaning.detail, rawBody, source, now, now],
      );
      return meaning.reason === 'UNKNOWN_MEMBER' ? 'UNMATCHED' : 'UNMAPPED';
    }
    const happened = huntrInstant(payload.date) ?? huntrInstant(payload.createdAt) ?? now;
    const at = happened > now ? now : happened;
    const subject = meaning.subject;
    const stored = await tx.execute(
      `insert into huntr_actions (id, action_type, member_email, learner_id, outcome, payload, received_at, arrived_at, source, subject)
       values (?, ?, ?, ?, 'IGNORED', ?::jsonb, ?, ?, ?, ?) on conflict (id) do nothing returning id`,
      [payload.id, actionType, email, learner!.id, JSON.stringify(payload), at, now, source, subject],
    );
    if (!stored.length) return 'DUPLICATE';
    await tx.execute(`delete from huntr_kept_actions where id = ?`, [payload.id]);
    if (meaning.kind === 'ignored') return 'IGNORED';
    // One applier per job and per subject at a time (an Apply and a move to Applied of the same job see each other),
    // and the newest action on a subject wins (ids order actions within a second). Locks taken in one order.
    const jobKey = 'job' in meaning && meaning.job.id ? `job:${meaning.job.id}` : null;
    for (const key of [...new Set([jobKey, meaning.subject].filter((k): k is string => !!k))].sort()) {
      await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`huntr:${key}`]);
    }
    const [newer] = await tx.execute(
      `select 1 from huntr_actions where subject = ? and outcome = 'APPLIED' and (received_at, id) > (?::timestamptz, ?) limit 1`,
      [meaning.subject, at, payload.id],
    );
    const outcome = newer ? 'SUPERSEDED' : await apply(tx, learner!, meaning, at, now);
    if (outcome !== 'IGNORED') await tx.execute(`update huntr_actions set outcome = ? where id = ?`, [outcome, payload.id]);
    return outcome;
  });
}

async function upsert(tx: EntityManager, learnerId: string, key: string, kind: JobActivityKind, job: JobFacts, at: Date, now: Date, stage: string | null = null) {
  await tx.execute(
    `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, huntr_key, huntr_job_id, stage, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, 'HUNTR', ?, ?, ?, ?, ?)
     on conflict (huntr_key) do update set kind = excluded.kind, company = excluded.company, role = excluded.role,
       occurred_at = excluded.occurred_at, stage = excluded.stage, updated_at = excluded.updated_at`,
    [learnerId, kind, job.employer.slice(0, 200), job.title.slice(0, 200), at, key, job.id, stage, now, now],
  );
}

async function apply(
  tx: EntityManager,
  learner: { id: string; coach_id: string },
  m: Exclude<Meaning, { kind: 'kept' } | { kind: 'ignored' }>,
  actionAt: Date,
  now: Date,
): Promise<'APPLIED' | 'IGNORED'> {
  switch (m.kind) {
    case 'activity': {
      if (m.category === APPLY || STAGES[m.category]) {
        const kind = m.category === APPLY ? JobActivityKind.APPLICATION : JobActivityKind.INTERVIEW;
        const at = kind === JobActivityKind.APPLICATION ? (m.completedAt ?? actionAt) : (m.startAt ?? m.completedAt);
        if (m.completed && at) {
          await upsert(tx, learner.id, m.subject, kind, m.job, at, now, STAGES[m.category] ?? null);
          // An Apply activity replaces the "put on the Applied list" stand-in for the same job.
          if (kind === JobActivityKind.APPLICATION && m.job.id) await tx.execute(`delete from job_activities where huntr_key = ?`, [`job:${m.job.id}`]);
        } else {
          await tx.execute(`delete from job_activities where huntr_key = ?`, [m.subject]);
        }
        return 'APPLIED';
      }
      if (m.category === OFFER) {
        // "No Job Title" is the title Huntr gives a job saved without one.
        const title = m.job.title === 'No Job Title' || m.job.title === 'Unknown role' ? '' : m.job.title;
        const what = [title, m.job.employer === 'Unknown employer' ? '' : m.job.employer].filter(Boolean).join(' at ') || 'a job';
        const alerted = await tx.execute<{ name: string }[]>(
          `with a as (
             insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?)
             on conflict (source_key) do nothing returning learner_id)
           select u.name from a join learners l on l.id = a.learner_id join users u on u.id = l.user_id`,
          [learner.id, learner.coach_id, `Offer received: ${what}`, m.subject, now],
        );
        // The coach hears of a new offer at once (a redelivered action alerts nobody twice).
        if (alerted.length) {
          await notify(tx, now, [
            {
              kind: NotificationKind.OFFER_RECEIVED,
              recipientId: learner.coach_id,
              subjectId: learner.id,
              data: { learnerId: learner.id, learnerName: alerted[0].name, company: m.job.employer === 'Unknown employer' ? null : m.job.employer, title: title || null },
              dedupeKey: `offer:${m.subject}`,
            },
          ]);
        }
        return 'APPLIED';
      }
      return 'IGNORED';
    }
    case 'activityDeleted':
      await tx.execute(`delete from job_activities where huntr_key = ?`, [m.subject]);
      return 'APPLIED';
    case 'appliedList': {
      const [apply] = await tx.execute(
        `select 1 from job_activities where huntr_job_id = ? and kind = 'APPLICATION' and huntr_key like 'activity:%' limit 1`,
        [m.job.id],
      );
      if (!apply) await upsert(tx, learner.id, m.subject, JobActivityKind.APPLICATION, m.job, actionAt, now);
      return 'APPLIED';
    }
    case 'jobDeleted':
      await tx.execute(`delete from job_activities where huntr_key = ?`, [m.subject]);
      return 'APPLIED';
  }
}

/**
 * Tries the kept actions again (all, or one member's): the mapping may have changed (staff tied the member to a
 * learner, a learner now has the email, Waypoint learned a category). Oldest first, each through receiveHuntrAction;
 * an unknown member's only once a learner or an alias has the email.
 */
export async function retryKeptActions(em: EntityManager, now: Date, email?: string): Promise<{ tried: number; applied: number }> {
  // An unknown member's actions are only worth trying once some learner has the email (or an alias does); one statement.
  const rows = await em.execute<{ id: string; raw_body: string; source: HuntrSource }[]>(
    `select k.id, k.raw_body, k.source from huntr_kept_actions k
     where ${email ? 'k.member_email = ?' : 'true'}
       and (k.reason <> 'UNKNOWN_MEMBER' or k.member_email is null
            or exists (select 1 from users u join learners l on l.user_id = u.id where u.email = k.member_email)
            or exists (select 1 from huntr_member_aliases a where a.email = k.member_email))
     order by k.arrived_at, k.id limit 5000`,
    email ? [email.toLowerCase()] : [],
  );
  let applied = 0;
  for (const row of rows) {
    let payload: HuntrPayload;
    try {
      payload = JSON.parse(row.raw_body) as HuntrPayload;
    } catch {
      continue;
    }
    const outcome = await receiveHuntrAction(em, payload, { now, source: row.source, rawBody: row.raw_body });
    if (outcome === 'APPLIED' || outcome === 'IGNORED' || outcome === 'SUPERSEDED') applied++;
  }
  return { tried: rows.length, applied };
}

export class HuntrPayloadError extends Error {}
