import { DateTime } from 'luxon';

/** Longest cohort name the API takes (updateLearner and createLearner refuse more). */
export const COHORT_MAX_LENGTH = 60;

/** A month cohort ("2026-11") as people say it: "November 2026". */
export function monthName(month: string): string {
  const date = DateTime.fromFormat(month.slice(0, 7), 'yyyy-MM');
  return date.isValid ? date.toLocaleString({ month: 'long', year: 'numeric' }) : month;
}

/**
 * A learner's cohort as the reports group them: the one staff named, else their module start month
 * ("November 2026, by module start month"). The learner page, the forms and the reports all write it this way.
 */
export function cohortName(cohort: string | null | undefined, moduleStartDate: string | null | undefined): string {
  if (cohort) return cohort;
  return moduleStartDate ? `${monthName(moduleStartDate)}, by module start month` : 'By module start month';
}
