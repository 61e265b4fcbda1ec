import { ID, Int } from 'type-graphql';
import { computed, extendReadType, firstOf, many, readType, relation, through } from '../../read/declare';
import { isoSql } from '../../read/json-select';
import { LearnerRead, moduleWeekSql } from '../learners/learner.read';
import { UserRead } from '../users/user.read';
import { FeedbackRead } from './feedback.read';
import { Submission } from './submission.entity';
import {
  breachedSql,
  claimableSql,
  claimLapsesAtSql,
  dueAtSql,
  nearBreachSql,
  suggestedCoachIdSql,
  waitingMinutesSql,
} from './review.sql';

/** Submission's fields beyond its columns, each once: its SQL is both the compiled read and the resolver. */
export const SubmissionRead = readType(Submission, 'submissions', {
  learnerId: through({ property: 'learner', field: 'id', target: () => LearnerRead, type: () => ID, description: 'The learner who sent it.' }),
  learner: through({ property: 'learner', target: () => LearnerRead, description: 'The learner, with their context (module week, status, coach).' }),
  assignedCoach: through({
    property: 'assignedCoach',
    target: () => UserRead,
    description: "The coach whose queue it went to first (the learner's coach when it was sent).",
  }),
  claimedBy: through({ property: 'claimedBy', target: () => UserRead, nullable: true, description: 'The coach reviewing it now (IN_REVIEW), or who reviewed it.' }),
  moduleWeek: computed({
    type: () => Int,
    nullable: true,
    description: 'The module week it was sent in (learner-local); null if sent before the module started.',
    sql: (s, q) => {
      const l = q.params.alias('l');
      return `(select ${moduleWeekSql(l, `${s}.submitted_at`)} from learners ${l} where ${l}.id = ${s}.learner_id)`;
    },
    reads: ['learners'],
  }),
  dueAt: computed({
    type: () => Date,
    date: true,
    description: "When its review is due: sent + its kind's review target (ReviewTarget, default 48 h).",
    sql: (s) => isoSql(dueAtSql(s)),
    reads: ['review_targets'],
  }),
  claimLapsesAt: computed({
    type: () => Date,
    date: true,
    nullable: true,
    description: 'While IN_REVIEW: when the claim lapses back to the queue if nobody gives feedback (24 h after claimedAt).',
    sql: (s) => isoSql(claimLapsesAtSql(s)),
    reads: [],
  }),
  breached: computed({
    type: () => Boolean,
    description: 'True when it waits (SUBMITTED or IN_REVIEW) past dueAt.',
    sql: (s, q) => breachedSql(s, q.params.now),
    reads: ['review_targets'],
    clock: true,
  }),
  nearBreach: computed({
    type: () => Boolean,
    description: 'True when it waits and less than a quarter of its review target is left before dueAt.',
    sql: (s, q) => nearBreachSql(s, q.params.now),
    reads: ['review_targets'],
    clock: true,
  }),
  waitingMinutes: computed({
    type: () => Int,
    description: 'Minutes it has waited for review: until now while waiting, until its first review after that.',
    sql: (s, q) => waitingMinutesSql(s, q.params.now),
    reads: [],
    clock: true,
  }),
  claimableByMe: computed({
    type: () => Boolean,
    description: 'True when the viewer may claim it now (unclaimed, and theirs or open to all coaches).',
    sql: (s, q) => claimableSql(s, () => q.params.now, { role: q.viewer.role, id: () => q.params.add(q.viewer.userId) }),
    reads: [],
    clock: true,
    viewer: true,
  }),
  suggestedCoach: relation({
    target: () => UserRead,
    nullable: true,
    description: 'For an unclaimed submission open to all coaches: the active coach with the fewest submissions in review, suggested to take it.',
    key: (s, q) => (q.viewer.role === 'LEARNER' ? 'null' : suggestedCoachIdSql(s, q.params.now)),
    reads: ['users'],
    clock: true,
    viewer: true,
  }),
  latestFeedback: firstOf({
    target: () => FeedbackRead,
    nullable: true,
    description: 'The feedback in force (its latest revision), if any.',
    where: (s, f) => `${f}.submission_id = ${s}.id`,
    order: (f) => `${f}.revision desc`,
    reads: ['feedback'],
  }),
});

/** A learner's submissions: the submissions module extends the learner's type with them, over its own table. */
extendReadType(LearnerRead, {
  submissions: many({
    target: () => SubmissionRead,
    description: "The learner's submissions, newest first, every version.",
    where: (l, s) => `${s}.learner_id = ${l}.id`,
    order: (s) => `${s}.submitted_at desc, ${s}.id asc`,
    reads: ['submissions'],
  }),
});
