import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import type { SubmissionKind } from '../reviews/types';
import type { RequiredActivityInput, RequiredActivityPatch } from './types';

graphql(`
  fragment RequiredActivityRule on RequiredActivity { id kind title description moduleWeek appliesFrom retiredAt }
`);

graphql(`
  fragment ReviewTarget on ReviewTarget { kind hours updatedAt }
`);

const RequiredActivities = graphql(`
  query requiredActivities($includeRetired: Boolean!) { data: requiredActivities(includeRetired: $includeRetired) { ...RequiredActivityRule } }
`);

const CreateRequiredActivity = graphql(`
  mutation createRequiredActivity($input: RequiredActivityInput!) { data: createRequiredActivity(input: $input) { ...RequiredActivityRule } }
`);

const UpdateRequiredActivity = graphql(`
  mutation updateRequiredActivity($id: ID!, $patch: RequiredActivityPatch!) {
    data: updateRequiredActivity(id: $id, patch: $patch) { ...RequiredActivityRule }
  }
`);

const RetireRequiredActivity = graphql(`
  mutation retireRequiredActivity($id: ID!) { data: retireRequiredActivity(id: $id) { ...RequiredActivityRule } }
`);

const ReviewTargets = graphql(`
  query reviewTargets { data: reviewTargets { ...ReviewTarget } }
`);

const SetReviewTarget = graphql(`
  mutation setReviewTarget($kind: SubmissionKind!, $hours: Int!) { data: setReviewTarget(kind: $kind, hours: $hours) { ...ReviewTarget } }
`);

export const settingsMethods = {
  /** The required-activity rules, in force first; retired ones too when asked. */
  getRequiredActivities: async (includeRetired = false) => read(RequiredActivities, { includeRetired }),
  /** Adds a rule (staff); it applies to learner-weeks that start after now. */
  createRequiredActivity: async (input: RequiredActivityInput) => mutate(CreateRequiredActivity, { input }),
  /** Rewords a rule (staff). */
  updateRequiredActivity: async (id: string, patch: RequiredActivityPatch) => mutate(UpdateRequiredActivity, { id, patch }),
  /** Retires a rule (staff): it stops applying to learner-weeks that end after now. */
  retireRequiredActivity: async (id: string) => mutate(RetireRequiredActivity, { id }),
  /** The review target of each kind of submission. */
  getReviewTargets: async () => read(ReviewTargets),
  /** Sets a kind's review target, 1 to 720 hours (staff). */
  setReviewTarget: async (kind: SubmissionKind, hours: number) => mutate(SetReviewTarget, { kind, hours }),
};
