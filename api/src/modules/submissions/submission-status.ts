import { registerEnumType } from 'type-graphql';

export enum SubmissionStatus {
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  REVIEWED = 'REVIEWED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  NO_REVIEW = 'NO_REVIEW',
}

registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'Where a submission is in its review: SUBMITTED → IN_REVIEW (claimed) → REVIEWED or CHANGES_REQUESTED.',
  valuesConfig: {
    SUBMITTED: { description: 'Waiting in the review queue, unclaimed.' },
    IN_REVIEW: { description: 'Claimed by one coach (claimedBy), who alone may review it.' },
    REVIEWED: { description: 'Feedback given with decision APPROVED.' },
    CHANGES_REQUESTED: { description: 'Feedback given with decision NEEDS_WORK; the learner may resubmit a new version.' },
    NO_REVIEW: { description: 'Recorded without review: a weekly retrospective the learner did not ask a coach to review. Coaches still see it.' },
  },
});

export enum FeedbackDecision {
  APPROVED = 'APPROVED',
  NEEDS_WORK = 'NEEDS_WORK',
}

registerEnumType(FeedbackDecision, {
  name: 'FeedbackDecision',
  description: "A coach's decision on a submission.",
  valuesConfig: {
    APPROVED: { description: 'Good as it is: the submission becomes REVIEWED.' },
    NEEDS_WORK: { description: 'The learner should change it and resubmit: the submission becomes CHANGES_REQUESTED.' },
  },
});
