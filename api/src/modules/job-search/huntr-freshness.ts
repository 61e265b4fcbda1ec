import { registerLearnerCondition } from '../learners/learner-conditions';

/** "No Huntr activity for 5 days": after this many whole days without a Huntr action a learner is quiet in Huntr. */
export const HUNTR_QUIET_DAYS = 5;

/**
 * SQL, true when learner `alias` has had no Huntr action in the HUNTR_QUIET_DAYS days before ?::timestamptz (or none
 * ever): the same rule as LearnerProgress.daysSinceHuntrAction >= 5 or null; the learners filter and the learner's
 * quietInHuntr field (huntr-freshness.read.ts) are this SQL.
 */
export function quietInHuntrSql(alias: string): string {
  return `not exists (select 1 from huntr_actions h where h.learner_id = ${alias}.id and h.received_at > ?::timestamptz - interval '${HUNTR_QUIET_DAYS} days')`;
}

registerLearnerCondition('quietInHuntr', quietInHuntrSql);
