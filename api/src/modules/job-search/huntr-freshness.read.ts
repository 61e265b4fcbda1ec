import { computed, extendReadType } from '../../read/declare';
import { LearnerRead } from '../learners/learner.read';
import { HUNTR_QUIET_DAYS, quietInHuntrSql } from './huntr-freshness';

/**
 * A learner's "quiet in Huntr", declared once with its SQL (the learner filter's rule, huntr-freshness.ts): the job-search
 * module extends the learner's type with it, so a learners page that selects it can be one statement, and its
 * resolver asks the same SQL with the page's other declared fields.
 */
extendReadType(LearnerRead, {
  quietInHuntr: computed({
    type: () => Boolean,
    description: `"No Huntr activity for ${HUNTR_QUIET_DAYS} days": no Huntr action in the last ${HUNTR_QUIET_DAYS} days, or none ever (the learner filter quietInHuntr is the same rule).`,
    sql: (l, q) => q.params.inline(quietInHuntrSql(l), [q.params.clock]),
    reads: ['huntr_actions'],
    clock: true,
  }),
});
