import type { EnrollmentStatus } from '../enrollment/statuses';

/** Applications and interviews on one learner-local day. */
export interface DayCount {
  date: string;
  applications: number;
  interviews: number;
}

/** Applications and interviews in one module week. */
export interface WeekCount {
  moduleWeek: number;
  applications: number;
  interviews: number;
}

export type GoalArea = 'APPLICATIONS' | 'INTERVIEW_PRACTICE' | 'NETWORKING' | 'PORTFOLIO_PROJECTS';

export interface GoalActual {
  area: GoalArea;
  statement: string;
  weeklyTarget: number | null;
  /** Only measured for applications. */
  actualThisWeek: number | null;
}

/** A learner's job search over the last `days` days, as `progress` and `learnerProgress` answer it. */
export interface LearnerProgress {
  learnerId: string;
  learner: { id: string; name: string; quietInHuntr: boolean };
  status: EnrollmentStatus;
  moduleWeek: number | null;
  applications: number;
  interviews: number;
  daily: DayCount[];
  /** Not on dashboard rows. */
  weekly?: WeekCount[];
  goals: GoalActual[];
  /** Not on dashboard rows. */
  requiredActivities?: { kind: string; title: string; met: boolean }[];
  lastHuntrActionAt: string | null;
  daysSinceHuntrAction: number | null;
}

/** Something a coach should act on at once, e.g. an offer received. */
export interface CoachAlert {
  id: string;
  message: string;
  createdAt: string;
  learner: { id: string; name: string };
}

/** The days in the server's "no Huntr activity for 5 days" rule (Learner.quietInHuntr), for labels. */
export const QUIET_DAYS = 5;

/** True when the learner's Huntr data is stale (or never arrived): the server's rule, not recomputed here. */
export const isQuiet = (p: Pick<LearnerProgress, 'learner'>) => p.learner.quietInHuntr;

/** The weekly applications target from the learner's goals, if they set one. */
export const applicationsTarget = (p: Pick<LearnerProgress, 'goals'>) =>
  p.goals.find((g) => g.area === 'APPLICATIONS')?.weeklyTarget ?? null;

export const GOAL_AREA_LABELS: Record<GoalArea, string> = {
  APPLICATIONS: 'Applications',
  INTERVIEW_PRACTICE: 'Interview practice',
  NETWORKING: 'Networking',
  PORTFOLIO_PROJECTS: 'Portfolio projects',
};
