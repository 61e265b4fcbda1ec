import type { EnrollmentStatus } from '../enrollment/statuses';

/** Submissions and their review, as schema.graphql names them. */
export type SubmissionKind = 'SMART_GOALS' | 'JOB_SEARCH_ANALYSIS' | 'WEEKLY_RETROSPECTIVE' | 'APPLICATION_MATERIAL';
export type SubmissionStatus = 'SUBMITTED' | 'IN_REVIEW' | 'REVIEWED' | 'CHANGES_REQUESTED' | 'NO_REVIEW';
export type FeedbackDecision = 'APPROVED' | 'NEEDS_WORK';
export type GoalArea = 'APPLICATIONS' | 'PORTFOLIO_PROJECTS' | 'INTERVIEW_PRACTICE' | 'NETWORKING';
export type FunnelStage = 'APPLICATIONS' | 'RESPONSES' | 'PHONE_SCREENS' | 'INTERVIEWS' | 'OFFERS';
export type MaterialType = 'CV' | 'COVER_LETTER' | 'PORTFOLIO';

export interface Person {
  id: string;
  name: string;
}

export interface Feedback {
  id: string;
  decision: FeedbackDecision;
  body: string;
  revision: number;
  createdAt: string;
  author: Person;
}

export interface SmartGoals {
  longTermGoal: string;
  midTermGoal: string;
  goals: { area: GoalArea; statement: string; weeklyTarget: number | null }[];
}

export interface WeeklyRetrospective {
  achievements: string;
  challenges: string;
  nextWeekCommitments: string;
  doDifferently: string;
}

export interface JobSearchAnalysis {
  applications: number;
  responses: number;
  phoneScreens: number;
  interviews: number;
  offers: number;
  failingStage: FunnelStage;
  diagnosis: string;
}

export interface ApplicationMaterial {
  materialType: MaterialType;
  link: string;
  note: string;
}

/** What the learner sent, by kind (one of the four is set). */
export interface SubmissionContent {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  versionNumber: number;
  submittedAt: string;
  moduleWeek: number | null;
  text: string;
  link: string | null;
  smartGoals: SmartGoals | null;
  retrospective: WeeklyRetrospective | null;
  analysis: JobSearchAnalysis | null;
  material: ApplicationMaterial | null;
}

/** A row of the review queue. */
export interface QueueItem {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  versionNumber: number;
  revision: number;
  submittedAt: string;
  openToAllAt: string;
  claimedAt: string | null;
  waitingMinutes: number;
  dueAt: string;
  breached: boolean;
  nearBreach: boolean;
  claimableByMe: boolean;
  learner: { id: string; name: string };
  assignedCoach: Person;
  claimedBy: Person | null;
  suggestedCoach: Person | null;
}

/** An earlier version, with the feedback that sent it back. */
export interface PreviousVersion extends SubmissionContent {
  feedback: Feedback[];
  previousVersion: PreviousVersion | { id: string; versionNumber: number } | null;
}

/** One submission as the review panel shows it. */
export interface Submission extends QueueItem, SubmissionContent {
  reviewRequested: boolean;
  reviewedAt: string | null;
  learner: {
    id: string;
    name: string;
    email: string;
    moduleWeek: number | null;
    status: EnrollmentStatus;
    timeZone: string;
    coach: Person;
  };
  latestFeedback: Feedback | null;
  feedback: Feedback[];
  previousVersion: PreviousVersion | null;
  nextVersion: { id: string; versionNumber: number; status: SubmissionStatus } | null;
}

/** A row of a learner's submissions (learner page). */
export interface LearnerSubmission {
  id: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  versionNumber: number;
  submittedAt: string;
  moduleWeek: number | null;
  latestFeedback: { decision: FeedbackDecision; createdAt: string } | null;
}

export interface ReviewQueueSummary {
  open: number;
  unclaimed: number;
  inReview: number;
  breached: number;
  oldestSubmittedAt: string | null;
  oldestWaitingMinutes: number | null;
}

/** The queue's saved filters, as the URL names them. */
export type QueueView = 'claimable' | 'mine' | 'unclaimed' | 'breached' | 'all';

export interface QueuePage {
  items: QueueItem[];
  total: number;
  /** how many items each saved filter holds (with the same kind filter) */
  counts: Record<QueueView, number>;
}

/** The queue row's fields as the queue request selects them (api/test/compiled-reads.test.ts sends them too). */
export const QUEUE_ITEM_SELECTION = `id kind status versionNumber revision submittedAt openToAllAt claimedAt waitingMinutes
  dueAt breached nearBreach claimableByMe learner { id name } assignedCoach { id name } claimedBy { id name }
  suggestedCoach { id name }`;

