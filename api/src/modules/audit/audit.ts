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
  'createApiClient', 'revokeApiClient', 'resolveHuntrMember', 'resolveCoachAlert', 'retryJob',
]);

const SECRET = /password|token|secret/i;

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? '[removed]' : scrub(v)]));
  }
  return value;
}

/**
 * Records an audited mutation that succeeded, in its transaction (context.em is the transaction's: schema.ts),
 * with the viewer, the arguments (secrets removed) and the result's id. Refused requests write nothing here,
 * as they write nothing anywhere.
 */
export async function recordAudit(action: string, args: Record<string, unknown>, result: unknown, context: Context): Promise<void> {
  if (!AUDITED.has(action) || !context.viewer) return;
  const subject = Array.isArray(result) ? null : (result as { id?: unknown } | null)?.id;
  const em = context.em;
  em.create(AuditEntry, {
    at: context.clock.now(),
    actor: em.getReference(User, context.viewer.userId),
    action,
    subjectId: typeof subject === 'string' ? subject : null,
    details: scrub(args) as Record<string, unknown>,
    requestId: context.requestId,
  });
  await em.flush();
}
