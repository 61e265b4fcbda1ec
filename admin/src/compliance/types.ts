import type { ComplianceRunFragment, ComplianceWeekFragment, RequiredActivityStateFragment } from '../gql/graphql';

/** What a compliance evaluation did or would do (ComplianceRun in schema.graphql). */
export type ComplianceRun = ComplianceRunFragment;
export type ComplianceChange = ComplianceRun['changes'][number];

/** One required activity of a learner's week (RequiredActivityStatus). */
export type RequiredActivityStatus = RequiredActivityStateFragment;

/** One end-of-week evaluation of a learner (ComplianceEvaluation). */
export type ComplianceEvaluation = ComplianceWeekFragment;
