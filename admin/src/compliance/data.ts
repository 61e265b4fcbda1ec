import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';

graphql(`
  fragment ComplianceRun on ComplianceRun {
    asOf dryRun learnerWeeksEvaluated statusChangeCount
    changes { learnerId learner { id name } moduleWeek from to missing }
  }
`);

graphql(`
  fragment RequiredActivityState on RequiredActivityStatus {
    requiredActivityId kind title description moduleWeek weekStartsAt dueAt dueLocal met submissionId metAt
  }
`);

graphql(`
  fragment ComplianceWeek on ComplianceEvaluation {
    moduleWeek weekStartsAt weekEndsAt missing allMet from to evaluatedAt
  }
`);

const CompliancePreview = graphql(`
  query compliancePreview($asOf: DateTimeISO) { data: compliancePreview(asOf: $asOf) { ...ComplianceRun } }
`);

const EvaluateCompliance = graphql(`
  mutation evaluateCompliance($asOf: DateTimeISO) { data: evaluateCompliance(asOf: $asOf) { ...ComplianceRun } }
`);

export const complianceMethods = {
  /** What the weekly compliance evaluation would change at asOf (default now), without changing it. */
  previewCompliance: async (asOf?: string) => read(CompliancePreview, { asOf }),
  /** Runs the weekly compliance evaluation at asOf (default now). */
  evaluateCompliance: async (asOf?: string) => mutate(EvaluateCompliance, { asOf }),
};
