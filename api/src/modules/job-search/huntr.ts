import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobActivityKind } from './job-activity.entity';
import { pgArray } from '../../common/sql';

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

const APPLY = 'apply';
const INTERVIEWS = new Set(['phone screen', 'phone interview', 'on site interview', 'onsite interview']);
/** The funnel stage of an interview category. */
export const STAGES: Record<string, string> = {
  'phone screen': 'PHONE_SCREEN',
  'phone interview': 'PHONE_INTERVIEW',
  'on site interview': 'ON_SITE',
  'onsite interview': 'ON_SITE',
};
const OFFER = 'offer received';

interface HuntrJob {
  id?: string;
  title?: string;
  employer?: { name?: string } | null;
}
interface HuntrActivity {
  id?: string;
  category?: { name?: string } | string | null;
  completed?: boolean;
  completedAt?: string | number | null;
  startAt?: string | number | null;
  job?: HuntrJob | null;
}
export interface HuntrPayload {
  id?: string;
  actionType?: string;
  date?: string | number;
  ownerMember?: { email?: string } | null;
  activity?: HuntrActivity | null;
  job?: HuntrJob | null;
  toList?: { name?: string } | null;
}

/** Huntr dates may come as ISO strings or as Unix seconds (or milliseconds). */
function instant(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
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

const learnerByEmail = async (tx: EntityManager, email: string) => {
  const found = (await learnersByEmail(tx, [email])).get(email);
  return found ? [found] : [];
};

const categoryOf = (a: HuntrActivity) => (typeof a.category === 'string' ? a.category : (a.category?.name ?? '')).trim().toLowerCase();

export type HuntrOutcome = 'APPLIED' | 'UNMATCHED' | 'IGNORED' | 'DUPLICATE';

/**
 * Stores a verified Huntr action once (by its id) and applies it to the owner's job activity, in one transaction:
 *  - a completed Apply activity is an application dated by completion; a completed Phone Screen, Phone Interview or
 *    On Site Interview is an interview dated by its start; an update re-applies, an uncompleted or deleted one is removed;
 *  - a job moved to the Applied list is an application when the job has no Apply activity;
 *  - an Offer Received activity raises an alert for the learner's coach (once);
 *  - an owner whose email matches no learner is kept UNMATCHED for staff to resolve.
 */
export async function receiveHuntrAction(em: EntityManager, payload: HuntrPayload, now: Date): Promise<HuntrOutcome> {
  if (typeof payload.id !== 'string' || !payload.id || typeof payload.actionType !== 'string') {
    throw new HuntrPayloadError('An action needs a string id and actionType');
  }
  return em.transactional(async (tx) => {
    const email = payload.ownerMember?.email?.trim().toLowerCase() ?? null;
    const [learner] = email ? await learnerByEmail(tx, email) : [];
    const stored = await tx.execute(
      `insert into huntr_actions (id, action_type, member_email, learner_id, outcome, payload, received_at)
       values (?, ?, ?, ?, 'IGNORED', ?::jsonb, ?) on conflict (id) do nothing returning id`,
      [payload.id, payload.actionType!.slice(0, 60), email, learner?.id ?? null, JSON.stringify(payload), now],
    );
    if (!stored.length) return 'DUPLICATE';
    if (!learner) {
      await tx.execute(`update huntr_actions set outcome = 'UNMATCHED' where id = ?`, [payload.id]);
      return 'UNMATCHED';
    }
    const applied = await applyAction(tx, learner, payload, now);
    if (applied) await tx.execute(`update huntr_actions set outcome = 'APPLIED' where id = ?`, [payload.id]);
    return applied ? 'APPLIED' : 'IGNORED';
  });
}

/** Re-applies the stored actions of an email once a learner has it (staff resolved the member). */
export async function applyStoredActions(em: EntityManager, email: string, now: Date): Promise<number> {
  return em.transactional(async (tx) => {
    const [learner] = await learnerByEmail(tx, email.toLowerCase());
    if (!learner) return 0;
    const rows = await tx.execute<{ id: string; payload: HuntrPayload }[]>(
      `select id, payload from huntr_actions where member_email = ? and outcome = 'UNMATCHED' order by received_at, id for update`,
      [email.toLowerCase()],
    );
    for (const row of rows) {
      const applied = await applyAction(tx, learner, row.payload, now);
      await tx.execute(`update huntr_actions set learner_id = ?, outcome = ? where id = ?`, [learner.id, applied ? 'APPLIED' : 'IGNORED', row.id]);
    }
    return rows.length;
  });
}

async function upsert(
  tx: EntityManager, learnerId: string, key: string, kind: JobActivityKind, job: HuntrJob | null | undefined, at: Date, now: Date, stage: string | null = null,
) {
  await tx.execute(
    `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, huntr_key, huntr_job_id, stage, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, 'HUNTR', ?, ?, ?, ?, ?)
     on conflict (huntr_key) do update set kind = excluded.kind, company = excluded.company, role = excluded.role,
       occurred_at = excluded.occurred_at, stage = excluded.stage, updated_at = excluded.updated_at`,
    [learnerId, kind, (job?.employer?.name ?? 'Unknown employer').slice(0, 200), (job?.title ?? 'Unknown role').slice(0, 200), at, key, job?.id ?? null, stage, now, now],
  );
}

async function applyAction(tx: EntityManager, learner: { id: string; coach_id: string }, p: HuntrPayload, now: Date): Promise<boolean> {
  const type = p.actionType!.toUpperCase();
  const activity = p.activity;
  if (activity?.id && (type === 'ACTIVITY_CREATED' || type === 'ACTIVITY_UPDATED')) {
    const key = `activity:${activity.id}`;
    const job = activity.job ?? p.job;
    const category = categoryOf(activity);
    if (category === APPLY || INTERVIEWS.has(category)) {
      const kind = category === APPLY ? JobActivityKind.APPLICATION : JobActivityKind.INTERVIEW;
      const at = kind === JobActivityKind.APPLICATION ? (instant(activity.completedAt) ?? instant(p.date)) : (instant(activity.startAt) ?? instant(activity.completedAt));
      if (activity.completed && at) {
        await upsert(tx, learner.id, key, kind, job, at, now, STAGES[category] ?? null);
        // An Apply activity replaces the "moved to Applied" stand-in for the same job.
        if (kind === JobActivityKind.APPLICATION && job?.id) await tx.execute(`delete from job_activities where huntr_key = ?`, [`job:${job.id}`]);
      } else {
        await tx.execute(`delete from job_activities where huntr_key = ?`, [key]);
      }
      return true;
    }
    if (category === OFFER) {
      const what = [job?.title, job?.employer?.name].filter(Boolean).join(' at ') || 'a job';
      await tx.execute(
        `insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?)
         on conflict (source_key) do nothing`,
        [learner.id, learner.coach_id, `Offer received: ${what}`, key, now],
      );
      return true;
    }
    return false;
  }
  if (activity?.id && type === 'ACTIVITY_DELETED') {
    await tx.execute(`delete from job_activities where huntr_key = ?`, [`activity:${activity.id}`]);
    return true;
  }
  if (type === 'JOB_MOVED' && p.job?.id && p.toList?.name?.trim().toLowerCase() === 'applied') {
    const [apply] = await tx.execute(
      `select 1 from job_activities where huntr_job_id = ? and kind = 'APPLICATION' and huntr_key like 'activity:%' limit 1`,
      [p.job.id],
    );
    if (!apply) await upsert(tx, learner.id, `job:${p.job.id}`, JobActivityKind.APPLICATION, p.job, instant(p.date) ?? now, now);
    return true;
  }
  return false;
}

export class HuntrPayloadError extends Error {}
