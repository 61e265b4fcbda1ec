import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import type { LearnerProgress } from './types';

graphql(`
  fragment CoachAlert on CoachAlert { id message createdAt learner { id name } }
`);

const CoachProgress = graphql(`
  query progress($coachId: ID!, $days: Int!, $after: String) {
    data: progress(first: 50, after: $after, days: $days, filter: { coachId: $coachId }) {
      totalCount pageInfo { endCursor hasNextPage }
      nodes {
        learnerId learner { id name quietInHuntr } status moduleWeek applications interviews
        daily { date applications interviews } goals { area statement weeklyTarget actualThisWeek }
        lastHuntrActionAt daysSinceHuntrAction
      }
    }
  }
`);

const LearnerProgressQuery = graphql(`
  query learnerProgress($learnerId: ID!, $days: Int!) {
    data: learnerProgress(learnerId: $learnerId, days: $days) {
      learnerId learner { id name quietInHuntr } status moduleWeek applications interviews
      daily { date applications interviews } weekly { moduleWeek applications interviews }
      goals { area statement weeklyTarget actualThisWeek } requiredActivities { kind title met }
      lastHuntrActionAt daysSinceHuntrAction
    }
  }
`);

const CoachAlerts = graphql(`
  query coachAlerts { data: coachAlerts(openOnly: true) { ...CoachAlert } }
`);

const ResolveCoachAlert = graphql(`
  mutation resolveCoachAlert($id: ID!) { data: resolveCoachAlert(id: $id) { ...CoachAlert } }
`);

export const progressMethods = {
  /** Job-search progress of a coach's learners (up to 400) over the last `days` days. */
  getCoachProgress: async (coachId: string, days = 7) => {
    // The API prices each row; pages of 50 stay under its cost limit, so follow the cursor.
    const nodes: LearnerProgress[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 8; page++) {
      const { data }: ResultOf<typeof CoachProgress> = await read(CoachProgress, { coachId, days, after });
      nodes.push(...data.nodes);
      total = data.totalCount;
      if (!data.pageInfo.hasNextPage || !data.pageInfo.endCursor) break;
      after = data.pageInfo.endCursor;
    }
    return { data: nodes, total };
  },
  /** One learner's job-search progress over the last `days` days. */
  getLearnerProgress: async (learnerId: string, days = 7) => read(LearnerProgressQuery, { learnerId, days }),
  /** Open alerts (offers received): a coach's own learners', or all for staff. */
  getCoachAlerts: async () => read(CoachAlerts),
  resolveCoachAlert: async (id: string) => mutate(ResolveCoachAlert, { id }),
};
