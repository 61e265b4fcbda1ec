import type { EnrollmentStatus } from '../enrollment/statuses';

/** What a compliance evaluation did or would do (ComplianceRun in schema.graphql). */
export interface ComplianceChange {
  learnerId: string;
  learner: { id: string; name: string } | null;
  moduleWeek: number;
  from: EnrollmentStatus;
  to: EnrollmentStatus;
  missing: string[];
}

export interface ComplianceRun {
  asOf: string;
  dryRun: boolean;
  learnerWeeksEvaluated: number;
  statusChangeCount: number;
  changes: ComplianceChange[];
}

export const COMPLIANCE_RUN_SELECTION = `asOf dryRun learnerWeeksEvaluated statusChangeCount
  changes { learnerId learner { id name } moduleWeek from to missing }`;

/** One required activity of a learner's week (RequiredActivityStatus). */
export interface RequiredActivityStatus {
  requiredActivityId: string;
  kind: string;
  title: string;
  description: string;
  moduleWeek: number;
  weekStartsAt: string;
  dueAt: string;
  dueLocal: string;
  met: boolean;
  submissionId: string | null;
  metAt: string | null;
}

/** One end-of-week evaluation of a learner (ComplianceEvaluation). */
export interface ComplianceEvaluation {
  moduleWeek: number;
  weekStartsAt: string;
  weekEndsAt: string;
  missing: string[];
  allMet: boolean;
  from: EnrollmentStatus;
  to: EnrollmentStatus;
  evaluatedAt: string;
}

export const REQUIRED_ACTIVITY_SELECTION =
  'requiredActivityId kind title description moduleWeek weekStartsAt dueAt dueLocal met submissionId metAt';
export const COMPLIANCE_HISTORY_SELECTION = 'moduleWeek weekStartsAt weekEndsAt missing allMet from to evaluatedAt';
