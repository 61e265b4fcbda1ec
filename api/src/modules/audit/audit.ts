import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context';
import { AuditEntry } from './audit-entry.entity';
import { User } from '../users/user.entity';

/**
 * The mutations that change someone's standing, access or record: enrollment, reviews, accounts, rules,
 * schedules, events and calendars. Learners' own everyday actions (road-map ticks, sign-ups) are not audited.
 */
export const AUDITED = new Set([
  'createUser', 'updateUser', 'deactivateUser', 'reactivateUser', 'changePassword', 'signOutEverywhere', 'createLearner', 'updateLearner',
  'setEnrollmentStatus', 'setEnrollmentStatuses', 'evaluateCompliance',
  'createRequiredActivity', 'updateRequiredActivity', 'retireRequiredActivity',
  'createScheduleBlock', 'updateScheduleBlock', 'moveScheduleBlock', 'deleteScheduleBlock',
  'createScheduleActivity', 'updateScheduleActivity', 'moveScheduleActivity', 'deleteScheduleActivity',
  'claimSubmission', 'claimNextSubmission', 'releaseSubmission', 'reassignSubmission', 'giveFeedback', 'correctFeedback', 'setReviewTarget',
  'pairMorningSession', 'setMorningSessionGroupsOfThree',
  'scheduleMeeting', 'rescheduleMeeting', 'declineMeeting', 'completeMeeting', 'setWorkingHours',
  'createCoachingEvent', 'updateCoachingEvent', 'cancelCoachingEvent', 'recordAttendance', 'regenerateCalendarFeed',
  'createApiClient', 'revokeApiClient', 'rotateApiClientKey', 'revokeApiClientKey', 'resolveHuntrMember', 'resolveCoachAlert', 'retryJob', 'cancelMeeting', 'excuseWeek',
  'createWebhookEndpoint', 'updateWebhookEndpoint', 'deleteWebhookEndpoint', 'replayWebhookDelivery',
]);

const SECRET = /password|token|secret/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? '[removed]' : scrub(v)]));
  }
  return value;
}

/** What an action acted on: the result's id, or the id of the object it carries (createApiClient gives { key, client }). */
function subjectOf(result: unknown): string | null {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return null;
  const id = (result as { id?: unknown }).id;
  if (typeof id === 'string') return id;
  for (const value of Object.values(result)) {
    const nested = value && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
    if (typeof nested === 'string') return nested;
  }
  return null;
}

/** Writes one audit entry with `em` (the action's transaction: it commits with the action, or not at all). */
export async function writeAuditEntry(
  em: EntityManager,
  entry: { at: Date; actorId: string; action: string; subjectId: string | null; details: Record<string, unknown>; requestId: string },
): Promise<void> {
  em.create(AuditEntry, {
    at: entry.at,
    actor: em.getReference(User, entry.actorId),
    action: entry.action,
    subjectId: entry.subjectId,
    details: scrub(entry.details) as Record<string, unknown>,
    requestId: entry.requestId,
  });
  await em.flush();
}

/**
 * Records an audited mutation that succeeded, in its transaction (context.em is the transaction's: schema.ts),
 * with the viewer, the arguments (secrets removed) and the result's id. Refused requests write nothing here,
 * as they write nothing anywhere.
 */
export async function recordAudit(action: string, args: Record<string, unknown>, result: unknown, context: Context): Promise<void> {
  if (!AUDITED.has(action) || !context.viewer) return;
  await writeAuditEntry(context.em, {
    at: context.clock.now(),
    actorId: context.viewer.userId,
    action,
    subjectId: subjectOf(result),
    details: args,
    requestId: context.requestId,
  });
}
