/**
 * Conditions on a learner row that another module owns, for the learner list's filters: the compliance module
 * registers "a required activity of this week is still missing" (its rule, its SQL), so learners need not import
 * compliance, which builds on learners; the job-search module registers "quiet in Huntr". Each takes the learners alias
 * and uses `?` for the instant (missingRequiredActivity twice, quietInHuntr once).
 */
export type LearnerCondition = (alias: string) => string;

const conditions = new Map<string, LearnerCondition>();

export type LearnerConditionName = 'missingRequiredActivity' | 'quietInHuntr';

export function registerLearnerCondition(name: LearnerConditionName, sql: LearnerCondition): void {
  conditions.set(name, sql);
}

export function learnerCondition(name: LearnerConditionName): LearnerCondition {
  const sql = conditions.get(name);
  if (!sql) throw new Error(`no module registered the learner condition ${name}`);
  return sql;
}
