import { registerLearnerCondition } from '../learners/learner-conditions';

/** "No Huntr activity for 5 days": after this many whole days without a Huntr action a learner is quiet in Huntr. */
export const HUNTR_QUIET_DAYS = 5;

/**
 * SQL, true when learner `alias` has had no Huntr action in the HUNTR_QUIET_DAYS days before ?::timestamptz (or none
 * ever): the same rule as LearnerProgress.daysSinceHuntrAction >= 5 or null, and as isQuietInHuntr below.
 */
export function quietInHuntrSql(alias: string): string {
  return `not exists (select 1 from huntr_actions h where h.learner_id = ${alias}.id and h.received_at > ?::timestamptz - interval '${HUNTR_QUIET_DAYS} days')`;
}

/** The rule on a learner's last Huntr action (null: never). */
export function isQuietInHuntr(lastActionAt: Date | null, now: Date): boolean {
  return lastActionAt === null || now.getTime() - lastActionAt.getTime() >= HUNTR_QUIET_DAYS * 86_400_000;
}

registerLearnerCondition('quietInHuntr', quietInHuntrSql);
