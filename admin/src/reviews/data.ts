import { graphql } from '../gql';
import { MAX_PER_PAGE, mutate, read } from '../graphqlClient';
import { QUEUE_VIEWS } from './labels';
import type { FeedbackDecision, QueuePage, QueueView, SubmissionKind } from './types';

graphql(`
  fragment Feedback on Feedback { id decision body revision createdAt author { id name } }
`);

graphql(`
  fragment SubmissionContent on Submission {
    id kind status versionNumber submittedAt moduleWeek text link
    smartGoals { longTermGoal midTermGoal goals { area statement weeklyTarget } }
    retrospective { achievements challenges nextWeekCommitments doDifferently }
    analysis { applications responses phoneScreens interviews offers failingStage diagnosis }
    material { materialType link note }
  }
`);

// The queue row's fields; the queue's own request spells them out (QUEUE_ITEM_SELECTION, tested equal).
graphql(`
  fragment QueueItem on Submission {
    id kind status versionNumber revision submittedAt openToAllAt claimedAt waitingMinutes
    dueAt breached nearBreach claimableByMe learner { id name } assignedCoach { id name } claimedBy { id name }
    suggestedCoach { id name }
  }
`);

/** Three earlier versions inline; an older one is reached through its own panel. */
graphql(`
  fragment SubmissionDetail on Submission {
    ...QueueItem ...SubmissionContent reviewRequested reviewedAt
    learner { id name email moduleWeek status timeZone coach { id name } }
    latestFeedback { ...Feedback } feedback { ...Feedback }
    previousVersion { ...SubmissionContent feedback { ...Feedback }
      previousVersion { ...SubmissionContent feedback { ...Feedback }
        previousVersion { ...SubmissionContent feedback { ...Feedback } previousVersion { id versionNumber } } } }
    nextVersion { id versionNumber status }
  }
`);

/** The page and the count behind every tab (QUEUE_VIEWS), in one request: its first page is timed (issue 7). */
export const ReviewQueueDocument = graphql(`
  query reviewQueue(
    $filter: SubmissionFilter, $page: Int, $perPage: Int,
    $claimable: SubmissionFilter, $mine: SubmissionFilter, $unclaimed: SubmissionFilter, $breached: SubmissionFilter, $all: SubmissionFilter
  ) {
    items: reviewQueue(filter: $filter, page: $page, perPage: $perPage) {
      id kind status versionNumber revision submittedAt openToAllAt claimedAt waitingMinutes
      dueAt breached nearBreach claimableByMe learner { id name } assignedCoach { id name } claimedBy { id name }
      suggestedCoach { id name }
    }
    claimable: _reviewQueueMeta(filter: $claimable) { count }
    mine: _reviewQueueMeta(filter: $mine) { count }
    unclaimed: _reviewQueueMeta(filter: $unclaimed) { count }
    breached: _reviewQueueMeta(filter: $breached) { count }
    all: _reviewQueueMeta(filter: $all) { count }
  }
`);

const ReviewQueueSummary = graphql(`
  query reviewQueueSummary($mine: Boolean!) {
    data: reviewQueueSummary(mine: $mine) { open unclaimed inReview breached oldestSubmittedAt oldestWaitingMinutes }
  }
`);

const SubmissionQuery = graphql(`
  query Submission($id: ID!) { data: Submission(id: $id) { ...SubmissionDetail } }
`);

const LearnerSubmissions = graphql(`
  query learnerSubmissions($filter: SubmissionFilter) {
    data: allSubmissions(filter: $filter, perPage: 200, sortField: "submittedAt", sortOrder: "DESC") {
      id kind status versionNumber submittedAt moduleWeek latestFeedback { decision createdAt }
    }
  }
`);

const ClaimSubmission = graphql(`
  mutation claimSubmission($id: ID!) { data: claimSubmission(id: $id) { ...SubmissionDetail } }
`);

const ClaimNextSubmission = graphql(`
  mutation claimNextSubmission($kind: SubmissionKind) { data: claimNextSubmission(kind: $kind) { ...SubmissionDetail } }
`);

const ReleaseSubmission = graphql(`
  mutation releaseSubmission($id: ID!) { data: releaseSubmission(id: $id) { ...SubmissionDetail } }
`);

const GiveFeedback = graphql(`
  mutation giveFeedback($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
    data: giveFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { ...SubmissionDetail }
  }
`);

const CorrectFeedback = graphql(`
  mutation correctFeedback($submissionId: ID!, $decision: FeedbackDecision!, $body: String!, $revision: Int!) {
    data: correctFeedback(submissionId: $submissionId, decision: $decision, body: $body, revision: $revision) { ...SubmissionDetail }
  }
`);

const ReassignSubmission = graphql(`
  mutation reassignSubmission($id: ID!, $coachId: ID!) { data: reassignSubmission(id: $id, coachId: $coachId) { ...SubmissionDetail } }
`);

export interface ReviewQueueParams {
  view: QueueView;
  kind?: SubmissionKind;
  /** only submissions of my own learners (assigned to me) */
  mine?: boolean;
  /** 1-based, as react-admin counts */
  page: number;
  perPage: number;
}

export const reviewMethods = {
  /** A page of the review queue (oldest waiting first) through a saved filter, with every saved filter's count. */
  getReviewQueue: async ({ view, kind, mine, page, perPage }: ReviewQueueParams): Promise<{ data: QueuePage }> => {
    const filterOf = (id: QueueView) => ({
      ...QUEUE_VIEWS.find((v) => v.id === id)!.filter,
      ...(kind ? { kind } : {}),
      ...(mine ? { assignedToMe: true } : {}),
    });
    const data = await read(ReviewQueueDocument, {
      filter: filterOf(view),
      page: Math.max(page - 1, 0),
      perPage: Math.min(perPage, MAX_PER_PAGE),
      ...Object.fromEntries(QUEUE_VIEWS.map((v) => [v.id, filterOf(v.id)])),
    });
    return {
      data: {
        items: data.items,
        total: data[view].count,
        counts: Object.fromEntries(QUEUE_VIEWS.map((v) => [v.id, data[v.id].count])) as QueuePage['counts'],
      },
    };
  },
  /** The queue at a glance: open, unclaimed, in review, breached, oldest waiting; `mine` counts only my learners'. */
  getReviewQueueSummary: async (mine = false) => read(ReviewQueueSummary, { mine }),
  /** One submission with its learner, content, versions and feedback; null when there is none. */
  getSubmission: async (id: string) => read(SubmissionQuery, { id }),
  /** A learner's submissions, newest first. */
  getLearnerSubmissions: async (learnerId: string) => read(LearnerSubmissions, { filter: { learnerId } }),
  /** Claims a submission (CONFLICT names who holds it; FORBIDDEN while reserved for the assigned coach). */
  claimSubmission: async (id: string) => mutate(ClaimSubmission, { id }),
  /** Claims the oldest submission I may claim, optionally of one kind; null when none waits. */
  claimNextSubmission: async (kind?: SubmissionKind) => mutate(ClaimNextSubmission, { kind }),
  /** Gives a claim back to the queue. */
  releaseSubmission: async (id: string) => mutate(ReleaseSubmission, { id }),
  /** Reviews a claimed submission; `revision` is the submission's as loaded (CONFLICT when it moved on). */
  giveFeedback: async (submissionId: string, decision: FeedbackDecision, body: string, revision: number) =>
    mutate(GiveFeedback, { submissionId, decision, body, revision }),
  /** Corrects the latest feedback with a new revision of it. */
  correctFeedback: async (submissionId: string, decision: FeedbackDecision, body: string, revision: number) =>
    mutate(CorrectFeedback, { submissionId, decision, body, revision }),
  /** Hands a waiting submission to a coach, claimed in their name (staff). */
  reassignSubmission: async (id: string, coachId: string) => mutate(ReassignSubmission, { id, coachId }),
};
