import type { SubmissionKind } from '../reviews/types';

/** A rule of the module: a submission of this kind is due in a module week (or every week). */
export interface RequiredActivity {
  id: string;
  kind: SubmissionKind;
  title: string;
  description: string;
  /** null: every week */
  moduleWeek: number | null;
  appliesFrom: string;
  retiredAt: string | null;
}

export interface RequiredActivityInput {
  kind: SubmissionKind;
  title: string;
  description?: string;
  moduleWeek?: number;
}

export interface RequiredActivityPatch {
  title?: string;
  description?: string;
}

/** How long a kind of submission may wait for review. */
export interface ReviewTarget {
  kind: SubmissionKind;
  hours: number;
  updatedAt: string;
}


/** The API's bounds for a review target. */
export const MIN_TARGET_HOURS = 1;
export const MAX_TARGET_HOURS = 720;
/** What a kind without a target of its own waits (the API's default). */
export const DEFAULT_TARGET_HOURS = 48;

export const weekLabel = (moduleWeek: number | null) => (moduleWeek == null ? 'Every week' : `Week ${moduleWeek}`);
