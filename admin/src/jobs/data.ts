import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';

const JobSchedule = graphql(`
  query jobSchedule { data: jobSchedule { task schedule description lastRunAt nextRunAt queued } }
`);

const FailedJobs = graphql(`
  query failedJobs($first: Int!) { data: failedJobs(first: $first) { id task attempts maxAttempts lastError failedAt nextAttemptAt createdAt } }
`);

const RetryJob = graphql(`
  mutation retryJob($id: ID!) { data: retryJob(id: $id) { id attempts nextAttemptAt } }
`);

export const jobMethods = {
  /** The worker's scheduled tasks with their last and next runs (staff). */
  getJobSchedule: async () => read(JobSchedule),
  /** Jobs whose last attempt failed, most recent first (staff). */
  getFailedJobs: async (first = 50) => read(FailedJobs, { first }),
  /** Runs a failed job again now, attempts from zero (staff; audited). */
  retryJob: async (id: string) => mutate(RetryJob, { id }),
};
