import type { Identifier } from 'react-admin';
import type { ResourceDocuments } from '../buildQuery';
import type { EnrollmentStatus } from '../enrollment/statuses';
import { graphql } from '../gql';
import { mutate } from '../graphqlClient';

// Lists select no nested lists (status history stays on the show page), except this week's
// required activities, which the API batches for the whole page.
graphql(`
  fragment LearnerRow on Learner {
    id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt
    coachId coach { id name } createdAt updatedAt requiredActivities { requiredActivityId met } quietInHuntr
  }
`);

graphql(`
  fragment LearnerDetail on Learner {
    id userId name email timeZone moduleStartDate moduleWeek status statusChangedAt cohort
    coachId coach { id name email } createdAt updatedAt
    statusHistory { id from to reason source moduleWeek createdAt changedBy { id name } }
    requiredActivities { ...RequiredActivityState }
    complianceHistory { ...ComplianceWeek }
  }
`);

/** What react-admin's list, show, edit and create pages of learners send. */
export const learnerDocuments: ResourceDocuments = {
  type: 'Learner',
  sortFields: ['name', 'email', 'status', 'moduleStartDate', 'statusChangedAt', 'createdAt'],
  // Emptied on the edit form, the cohort is cleared (the learner goes back to their module start month's cohort).
  clearable: ['cohort'],
  list: graphql(`
    query allLearners($filter: LearnerFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
      items: allLearners(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ...LearnerRow }
      total: _allLearnersMeta(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { count }
    }
  `),
  many: graphql(`
    query learnersById($filter: LearnerFilter, $page: Int, $perPage: Int) {
      items: allLearners(filter: $filter, page: $page, perPage: $perPage) { ...LearnerRow }
    }
  `),
  one: graphql(`
    query Learner($id: ID!) { data: Learner(id: $id) { ...LearnerDetail } }
  `),
  create: graphql(`
    mutation createLearner($coachId: ID!, $email: String!, $moduleStartDate: LocalDate!, $name: String!, $password: String, $timeZone: String!, $cohort: String) {
      data: createLearner(coachId: $coachId, email: $email, moduleStartDate: $moduleStartDate, name: $name, password: $password, timeZone: $timeZone, cohort: $cohort) {
        ...LearnerDetail
      }
    }
  `),
  update: graphql(`
    mutation updateLearner($id: ID!, $coachId: ID, $email: String, $moduleStartDate: LocalDate, $name: String, $timeZone: String, $cohort: String) {
      data: updateLearner(id: $id, coachId: $coachId, email: $email, moduleStartDate: $moduleStartDate, name: $name, timeZone: $timeZone, cohort: $cohort) {
        ...LearnerDetail
      }
    }
  `),
};

const SetEnrollmentStatus = graphql(`
  mutation setEnrollmentStatus($learnerId: ID!, $status: EnrollmentStatus!, $reason: String!) {
    data: setEnrollmentStatus(learnerId: $learnerId, status: $status, reason: $reason) { ...LearnerDetail }
  }
`);

const SetEnrollmentStatuses = graphql(`
  mutation setEnrollmentStatuses($learnerIds: [ID!]!, $status: EnrollmentStatus!, $reason: String!) {
    data: setEnrollmentStatuses(learnerIds: $learnerIds, status: $status, reason: $reason) { ...LearnerRow }
  }
`);

export const learnerMethods = {
  /** Sets one learner's enrollment status by hand; the reason goes into the status history. */
  setEnrollmentStatus: async (learnerId: Identifier, status: EnrollmentStatus, reason: string) =>
    mutate(SetEnrollmentStatus, { learnerId: String(learnerId), status, reason }),
  /** Sets the same status, with one reason, on many learners at once. */
  setEnrollmentStatuses: async (learnerIds: Identifier[], status: EnrollmentStatus, reason: string) =>
    mutate(SetEnrollmentStatuses, { learnerIds: learnerIds.map(String), status, reason }),
};
