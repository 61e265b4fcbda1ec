import { graphql } from './gql';

/**
 * Every document the page sends. `npm run codegen` types each from schema.graphql (src/gql/), so a renamed field or
 * a changed argument fails the build instead of the page.
 */

/** Sign in as the learner: the answer's bearer token goes with every later request until expiresAt. */
export const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user { id name role learner { id timeZone } }
    }
  }
`);

/** Ends this session on the server: the token stops working at once, on every server. */
export const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** The whole page in one request: the learner, today's road map, the last 7 days, this week's submissions, support. */
export const ViewProgress = graphql(`
  query ViewProgress($learnerId: ID!, $date: LocalDate!) {
    me { name learner { id moduleWeek status timeZone } }
    roadmap(learnerId: $learnerId, date: $date) {
      date
      isToday
      moduleWeek
      doneCount
      pendingCount
      skippedCount
      programTimeZone
      blocks {
        blockId
        title
        startTime
        endTime
        activities { activityId title description link minutes required state stateChangedAt }
      }
      requiredActivities { requiredActivityId title kind met metAt dueLocal submissionId }
    }
    learnerProgress(learnerId: $learnerId, days: 7) {
      applications
      interviews
      windowStart
      windowEnd
      daily { date applications interviews }
    }
    submissions(first: 50, filter: { learnerId: $learnerId }, orderBy: SUBMITTED_AT_DESC) {
      nodes {
        id
        kind
        status
        moduleWeek
        versionNumber
        submittedAt
        feedback { id revision decision body createdAt author { name } }
      }
    }
    supportUrl
  }
`);

/** Marks an activity of the day done. */
export const CompleteActivity = graphql(`
  mutation CompleteActivity($learnerId: ID!, $activityId: ID!, $date: LocalDate!) {
    completeActivity(learnerId: $learnerId, activityId: $activityId, date: $date) { activityId state }
  }
`);

/** Skips an activity of the day: a required one is refused with BAD_USER_INPUT, and nothing changes. */
export const SkipActivity = graphql(`
  mutation SkipActivity($learnerId: ID!, $activityId: ID!, $date: LocalDate!) {
    skipActivity(learnerId: $learnerId, activityId: $activityId, date: $date) { activityId state }
  }
`);

/** Puts a done or skipped activity of today back to pending. */
export const UndoActivity = graphql(`
  mutation UndoActivity($learnerId: ID!, $activityId: ID!, $date: LocalDate!) {
    undoActivity(learnerId: $learnerId, activityId: $activityId, date: $date) { activityId state }
  }
`);
