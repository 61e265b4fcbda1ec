import { ObjectType } from 'type-graphql';
import type { RequiredActivityStatus } from '../compliance/compliance.types';
import type { EnrollmentStatus } from '../learners/enrollment-status';
import type { GoalArea } from '../submissions/submission-content';

// The progress types. Their fields are declared once, with their SQL, in progress.read.ts (sqlType registers
// each GraphQL field); these classes give them a name and a TypeScript shape.

@ObjectType({ description: 'Applications and interviews on one learner-local day.' })
export class DayCount {
  date: string;
  applications: number;
  interviews: number;
}

@ObjectType({ description: 'Applications and interviews in one module week.' })
export class WeekCount {
  moduleWeek: number;
  applications: number;
  interviews: number;
}

@ObjectType({ description: "One of the learner's SMART goals against what they did this module week." })
export class GoalActual {
  area: GoalArea;
  statement: string;
  weeklyTarget: number | null;
  actualThisWeek: number | null;
}

@ObjectType({ description: 'The job-search funnel: applications → phone screens → interviews → offers (all time).' })
export class FunnelView {
  applications: number;
  phoneScreens: number;
  interviews: number;
  offers: number;
}

@ObjectType({
  description:
    "A learner's job-search progress: applications and interviews in a rolling window of learner-local days ending now, a daily and a " +
    'weekly series, goals against actual, this week\'s required activities, status, module week and how fresh the Huntr data is.',
})
export class LearnerProgress {
  learnerId: string;
  status: EnrollmentStatus;
  moduleWeek: number | null;
  timeZone: string;
  days: number;
  windowStart: Date;
  windowEnd: Date;
  applications: number;
  interviews: number;
  daily: DayCount[];
  weekly: WeekCount[];
  goals: GoalActual[];
  requiredActivities: RequiredActivityStatus[];
  lastHuntrActionAt: Date | null;
  daysSinceHuntrAction: number | null;
  funnel: FunnelView;
}
