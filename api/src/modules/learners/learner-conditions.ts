/**
 * Conditions on a learner row that another module owns, for the learner list's filters: the compliance module
 * registers "a required activity of this week is still missing" (its rule, its SQL), so learners need not import
 * compliance, which builds on learners. Each takes the learners alias and uses `?` for the instant, twice.
 */
export type LearnerCondition = (alias: string) => string;

const conditions = new Map<string, LearnerCondition>();

export function registerLearnerCondition(name: 'missingRequiredActivity', sql: LearnerCondition): void {
  conditions.set(name, sql);
}

export function learnerCondition(name: 'missingRequiredActivity'): LearnerCondition {
  const sql = conditions.get(name);
  if (!sql) throw new Error(`no module registered the learner condition ${name}`);
  return sql;
}
