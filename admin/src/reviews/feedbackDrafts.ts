import { useState } from 'react';
import { validSession } from '../session';
import type { FeedbackDraft } from './FeedbackForm';

/**
 * Feedback a coach has started but not sent, one per submission and person, in localStorage: it survives
 * going back to the queue, a reload and a closed tab, and is removed when the feedback is sent. Keyed by the
 * signed-in user too, so a shared computer never offers one coach's words to another.
 */
export interface StoredDraft extends FeedbackDraft {
  /** a correction of the latest feedback rather than new feedback */
  correcting: boolean;
  /** ISO time of the last change */
  savedAt: string;
}

const PREFIX = 'waypoint.feedbackDraft';

export const draftKey = (userId: string, submissionId: string) => `${PREFIX}.${userId}.${submissionId}`;

export function readDraft(userId: string | undefined, submissionId: string): StoredDraft | null {
  if (!userId) return null;
  try {
    const raw = localStorage.getItem(draftKey(userId, submissionId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof draft.body !== 'string' || (draft.decision !== '' && draft.decision !== 'APPROVED' && draft.decision !== 'NEEDS_WORK')) return null;
    return { decision: draft.decision, body: draft.body, correcting: draft.correcting === true, savedAt: String(draft.savedAt ?? '') };
  } catch {
    return null;
  }
}

export function saveDraft(userId: string | undefined, submissionId: string, draft: FeedbackDraft, correcting: boolean, now = new Date()): void {
  if (!userId) return;
  try {
    localStorage.setItem(draftKey(userId, submissionId), JSON.stringify({ ...draft, correcting, savedAt: now.toISOString() }));
  } catch {
    // Storage full or refused (private mode): the draft lives on in the page until it is left.
  }
}

export function clearDraft(userId: string | undefined, submissionId: string): void {
  if (userId) localStorage.removeItem(draftKey(userId, submissionId));
}

/** Whether a draft holds anything a coach would mind losing. */
export const hasWords = (draft: FeedbackDraft) => draft.body.trim() !== '' || draft.decision !== '';

export const EMPTY_DRAFT: FeedbackDraft = { decision: '', body: '' };

/**
 * The review panel's draft for one submission: starts from what this person left there (a reload, or back
 * from the queue), and keeps every change at once, so nothing typed is lost to a reload or a crash.
 */
export function useFeedbackDraft(submissionId: string) {
  const userId = validSession()?.user.id;
  const [stored] = useState(() => readDraft(userId, submissionId));
  const [draft, setDraftState] = useState<FeedbackDraft>(() => (stored ? { decision: stored.decision, body: stored.body } : EMPTY_DRAFT));
  const [correcting, setCorrecting] = useState(() => stored?.correcting ?? false);
  const setDraft = (next: FeedbackDraft, correction = correcting) => {
    setDraftState(next);
    if (hasWords(next)) saveDraft(userId, submissionId, next, correction);
    else clearDraft(userId, submissionId);
  };
  const forgetDraft = () => {
    setDraftState(EMPTY_DRAFT);
    clearDraft(userId, submissionId);
  };
  return { draft, setDraft, forgetDraft, correcting, setCorrecting };
}
