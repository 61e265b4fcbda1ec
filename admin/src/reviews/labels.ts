import type {
  FeedbackDecision,
  FunnelStage,
  GoalArea,
  MaterialType,
  QueueView,
  SubmissionKind,
  SubmissionStatus,
} from './types';

/** Words the console uses for the API's names. */
export const KIND_LABELS: Record<SubmissionKind, string> = {
  SMART_GOALS: 'SMART goals',
  JOB_SEARCH_ANALYSIS: 'Job-search analysis',
  WEEKLY_RETROSPECTIVE: 'Weekly retrospective',
  APPLICATION_MATERIAL: 'Application material',
};
export const SUBMISSION_KINDS = Object.keys(KIND_LABELS) as SubmissionKind[];

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  SUBMITTED: 'Waiting',
  IN_REVIEW: 'In review',
  REVIEWED: 'Approved',
  CHANGES_REQUESTED: 'Changes requested',
  NO_REVIEW: 'No review asked',
};

export const STATUS_COLORS: Record<SubmissionStatus, 'default' | 'info' | 'success' | 'warning'> = {
  SUBMITTED: 'default',
  IN_REVIEW: 'info',
  REVIEWED: 'success',
  CHANGES_REQUESTED: 'warning',
  NO_REVIEW: 'default',
};

export const DECISION_LABELS: Record<FeedbackDecision, string> = {
  APPROVED: 'Approved',
  NEEDS_WORK: 'Needs work',
};

export const AREA_LABELS: Record<GoalArea, string> = {
  APPLICATIONS: 'Applications',
  PORTFOLIO_PROJECTS: 'Portfolio projects',
  INTERVIEW_PRACTICE: 'Interview practice',
  NETWORKING: 'Networking',
};
export const GOAL_AREAS = Object.keys(AREA_LABELS) as GoalArea[];

export const STAGE_LABELS: Record<FunnelStage, string> = {
  APPLICATIONS: 'Applications',
  RESPONSES: 'Responses',
  PHONE_SCREENS: 'Phone screens',
  INTERVIEWS: 'Interviews',
  OFFERS: 'Offers',
};

export const MATERIAL_LABELS: Record<MaterialType, string> = {
  CV: 'CV',
  COVER_LETTER: 'Cover letter',
  PORTFOLIO: 'Portfolio',
};

export const kindLabel = (kind: string) => KIND_LABELS[kind as SubmissionKind] ?? kind;
export const statusLabel = (status: string) => STATUS_LABELS[status as SubmissionStatus] ?? status;

/** The queue's saved filters: their tab label, what they ask the API for, and what an empty one says. */
export const QUEUE_VIEWS: { id: QueueView; label: string; filter: Record<string, boolean>; empty: string }[] = [
  { id: 'claimable', label: 'Claimable by me', filter: { claimableByMe: true }, empty: 'Nothing waits that you may claim now.' },
  { id: 'mine', label: 'Mine', filter: { claimedByMe: true }, empty: 'You hold no claim. Claim the next item to start.' },
  { id: 'unclaimed', label: 'Unclaimed', filter: { unclaimed: true }, empty: 'Every waiting submission is claimed.' },
  { id: 'breached', label: 'Breached', filter: { breached: true }, empty: 'Nothing is past its review target.' },
  { id: 'all', label: 'All waiting', filter: {}, empty: 'Nothing waits for review.' },
];

export const isQueueView = (value: string | null): value is QueueView => QUEUE_VIEWS.some((v) => v.id === value);
export const isSubmissionKind = (value: string | null): value is SubmissionKind => SUBMISSION_KINDS.includes(value as SubmissionKind);

/** Minutes as "2 d 3 h", "5 h 20 min" or "12 min". */
export function formatWaiting(minutes: number | null | undefined): string {
  if (minutes == null || !Number.isFinite(minutes)) return '—';
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return m === 0 ? 'under a minute' : `${mins} min`;
}

// Kept here for the review pages that import it from their labels.
export { readableTimes } from '../common/dateFormat';
