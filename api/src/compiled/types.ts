import { column, isoSql, timestamp, toOne, type FieldSql, type JsonType } from './json-select';
import { CLAIM_LAPSES_AFTER_HOURS, DEFAULT_TARGET_HOURS, NEAR_BREACH_SHARE } from '../modules/submissions/review.service';

/**
 * The object types compiled reads build, field by field, in SQL that gives what the field resolvers give:
 * timestamps at millisecond precision as the ORM reads them, "now" from the request's clock, the viewer for
 * viewer-dependent fields. A field missing here makes a document run through the resolvers instead.
 * The compiled-reads test compares both paths on every field listed.
 */

const OPEN = `('SUBMITTED', 'IN_REVIEW')`;

/** A timestamptz as the ORM reads it into a Date (milliseconds), for arithmetic that must agree with the resolvers. */
const ms = (expr: string) => `date_trunc('milliseconds', ${expr})`;

/** The learner-local module week of an instant: null before the module starts (moduleWeekAt). */
const moduleWeekSql = (learner: string, instant: string) =>
  `case when (${instant} at time zone ${learner}.time_zone)::date >= ${learner}.module_start_date
        then ((${instant} at time zone ${learner}.time_zone)::date - ${learner}.module_start_date) / 7 + 1 end`;

/** The review target in hours of a submission's kind (the Submission.targetHours formula, defaulted). */
const targetHoursSql = (s: string) => `coalesce((select rt.hours from review_targets rt where rt.kind = ${s}.kind), ${DEFAULT_TARGET_HOURS})`;

/** When a submission's review is due (dueAtOf). */
const dueSql = (s: string) => `(${ms(`${s}.submitted_at`)} + interval '1 hour' * ${targetHoursSql(s)})`;

export const UserJson: JsonType = {
  name: 'User',
  from: (a) => `users ${a}`,
  fields: {
    id: column('id'),
    email: column('email'),
    name: column('name'),
    role: column('role'),
    active: column('active'),
    timeZone: column('time_zone'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
};

export const LearnerJson: JsonType = {
  name: 'Learner',
  // The login (name, email) comes with the row.
  from: (a) => `learners ${a} join users ${a}_u on ${a}_u.id = ${a}.user_id`,
  fields: {
    id: column('id'),
    userId: column('user_id'),
    coachId: column('coach_id'),
    timeZone: column('time_zone'),
    moduleStartDate: (a) => `${a}.module_start_date::text`,
    status: column('status'),
    statusChangedAt: timestamp('status_changed_at'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    name: (a) => `${a}_u.name`,
    email: (a) => `${a}_u.email`,
    moduleWeek: (a, scope) => moduleWeekSql(a, scope.params.now),
    coach: toOne(() => UserJson, (l, u) => `${u}.id = ${l}.coach_id`),
  },
};

export const FeedbackJson: JsonType = {
  name: 'Feedback',
  from: (a) => `feedback ${a}`,
  fields: {
    id: column('id'),
    revision: column('revision'),
    decision: column('decision'),
    body: column('body'),
    createdAt: timestamp('created_at'),
    author: toOne(() => UserJson, (f, u) => `${u}.id = ${f}.author_id`),
  },
};

/** Submission.waitingMinutes: until now while waiting, until the review after that. */
const waitingMinutes: FieldSql = (s, scope) =>
  `greatest(0, floor(extract(epoch from (case when ${s}.reviewed_at is not null and ${s}.status not in ${OPEN} then ${ms(`${s}.reviewed_at`)} else ${scope.params.now} end)
                                         - ${ms(`${s}.submitted_at`)}) / 60))::int`;

/** Submission.claimableByMe: unclaimed, and the viewer's, open to all, or the viewer is staff (coaches and staff only). */
const claimableByMe: FieldSql = (s, scope) => {
  const { role, userId } = scope.viewer;
  if (role !== 'COACH' && role !== 'STAFF') return 'false';
  if (role === 'STAFF') return `(${s}.status = 'SUBMITTED')`;
  return `(${s}.status = 'SUBMITTED' and (${s}.assigned_coach_id = ${scope.params.add(userId)}::uuid or ${scope.params.now} >= ${ms(`${s}.open_to_all_at`)}))`;
};

/**
 * Submission.suggestedCoach: for an unclaimed submission open to all, the active coach with the fewest
 * submissions in review (the lightestCoach loader's query, worked out once per statement); never for learners.
 */
const suggestedCoach: FieldSql = (s, scope, node) => {
  if (scope.viewer.role === 'LEARNER') return 'null';
  const u = scope.params.alias('u');
  const object = scope.object('User', node, u);
  if (object === null) return null;
  return `case when ${s}.status = 'SUBMITTED' and ${scope.params.now} >= ${ms(`${s}.open_to_all_at`)} then
            (select ${object} from users ${u} where ${u}.id = (
               select lc.id from users lc left join submissions ls on ls.claimed_by_id = lc.id and ls.status = 'IN_REVIEW'
               where lc.role = 'COACH' and lc.active group by lc.id, lc.name order by count(ls.id), lc.name, lc.id limit 1)) end`;
};

export const SubmissionJson: JsonType = {
  name: 'Submission',
  from: (a) => `submissions ${a}`,
  fields: {
    id: column('id'),
    kind: column('kind'),
    status: column('status'),
    text: column('text'),
    link: column('link'),
    versionNumber: column('version_number'),
    reviewRequested: column('review_requested'),
    revision: column('revision'),
    learnerId: column('learner_id'),
    submittedAt: timestamp('submitted_at'),
    openToAllAt: timestamp('open_to_all_at'),
    claimedAt: timestamp('claimed_at'),
    reviewedAt: timestamp('reviewed_at'),
    dueAt: (s) => isoSql(dueSql(s)),
    claimLapsesAt: (s) =>
      `case when ${s}.status = 'IN_REVIEW' and ${s}.claimed_at is not null then ${isoSql(`${ms(`${s}.claimed_at`)} + interval '${CLAIM_LAPSES_AFTER_HOURS} hours'`)} end`,
    breached: (s, scope) => `(${s}.status in ${OPEN} and ${scope.params.now} > ${dueSql(s)})`,
    nearBreach: (s, scope) =>
      `(select ${s}.status in ${OPEN} and x.due - ${scope.params.now} >= interval '0' and x.due - ${scope.params.now} < interval '1 hour' * x.hours * ${NEAR_BREACH_SHARE}
        from (select ${dueSql(s)} as due, ${targetHoursSql(s)} as hours) x)`,
    waitingMinutes,
    claimableByMe,
    suggestedCoach,
    moduleWeek: (s, scope) => {
      const l = scope.params.alias('l');
      return `(select ${moduleWeekSql(l, ms(`${s}.submitted_at`))} from learners ${l} where ${l}.id = ${s}.learner_id)`;
    },
    learner: toOne(() => LearnerJson, (s, l) => `${l}.id = ${s}.learner_id`),
    assignedCoach: toOne(() => UserJson, (s, u) => `${u}.id = ${s}.assigned_coach_id`),
    claimedBy: toOne(() => UserJson, (s, u) => `${u}.id = ${s}.claimed_by_id`),
    latestFeedback: toOne(() => FeedbackJson, (s, f) => `${f}.submission_id = ${s}.id order by ${f}.revision desc limit 1`),
  },
};

/** ListMetadata over a row with a `count` column. */
export const ListMetadataJson: JsonType = { name: 'ListMetadata', from: () => '', fields: { count: column('count') } };

export const COMPILED_TYPES: JsonType[] = [UserJson, LearnerJson, FeedbackJson, SubmissionJson, ListMetadataJson];
