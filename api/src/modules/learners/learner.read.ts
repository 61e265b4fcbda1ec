import { ID, Int } from 'type-graphql';
import { computed, readType, through } from '../../read/declare';
import { UserRead } from '../users/user.read';
import { Learner } from './learner.entity';

/** The learner-local module week of an instant (SQL over learners `l`): week N is the days [start + 7(N-1), start + 7N); null before the start. */
export const moduleWeekSql = (l: string, instant: string) =>
  `case when (${instant} at time zone ${l}.time_zone)::date >= ${l}.module_start_date
        then ((${instant} at time zone ${l}.time_zone)::date - ${l}.module_start_date) / 7 + 1 end`;

/**
 * The first module week compliance judges for learner `l`: the week set when they were created (judgeFromWeek, for
 * a learner in the program before Waypoint), else the first that begins after they were added to Waypoint (week 1
 * when they were added before the module started). A week that had begun before is not theirs to
 * be judged on: they could not have sent its activities through Waypoint.
 */
export const firstJudgedWeekSql = (l: string) =>
  `coalesce(${l}.judge_from_week,
            case when (${l}.created_at at time zone ${l}.time_zone)::date < ${l}.module_start_date then 1
                 else ((${l}.created_at at time zone ${l}.time_zone)::date - ${l}.module_start_date) / 7 + 2 end)`;

/** Learner's fields beyond its columns, each once: its SQL is both the compiled read and the resolver. */
export const LearnerRead = readType(Learner, 'learners', {
  userId: through({ property: 'user', field: 'id', target: () => UserRead, type: () => ID, description: "Id of the learner's login user." }),
  name: through({ property: 'user', field: 'name', target: () => UserRead, type: () => String, description: 'Full name.' }),
  email: through({ property: 'user', field: 'email', target: () => UserRead, type: () => String, description: 'Sign-in email.' }),
  coachId: through({ property: 'coach', field: 'id', target: () => UserRead, type: () => ID, description: 'Id of the assigned career coach.' }),
  coach: through({ property: 'coach', target: () => UserRead, description: 'The assigned career coach: new submissions go to their queue first.' }),
  moduleWeek: computed({
    type: () => Int,
    nullable: true,
    description: "Module week today in the learner's time zone: week N is the days [start + 7(N-1), start + 7N). Null before the module starts.",
    sql: (l, q) => moduleWeekSql(l, q.params.now),
    reads: [],
    clock: true,
  }),
  firstJudgedWeek: computed({
    type: () => Int,
    description:
      'The first module week weekly compliance judges: as set when the learner was created (judgeFromWeek), else the first that began after they were added to Waypoint (1 if added before the module started).',
    sql: (l) => firstJudgedWeekSql(l),
    reads: [],
  }),
});
