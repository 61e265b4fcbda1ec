import { useCallback, useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { readApiError } from '../common/apiErrors';
import type { WaypointDataProvider } from '../dataProvider';
import type { ReviewQueueParams } from './data';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { validSession } from '../session';
import { isQueueView, isSubmissionKind, kindLabel, readableTimes } from './labels';
import type { Submission, SubmissionKind } from './types';

/** The queue changes under the coach's feet (other coaches claim, time passes): read it again this often. */
const POLL_MS = 60_000;

const QUEUE_KEY = ['reviewQueue'];
const SUMMARY_KEY = ['reviewQueueSummary'];
const submissionKey = (id: string) => ['submission', id];
const LEARNER_SUBMISSIONS_KEY = ['learnerSubmissions'];

/** Where the review panel lives. */
export const reviewPath = (id: string) => `/review-queue/${encodeURIComponent(id)}/show`;
export const QUEUE_PATH = '/review-queue';

// The queue's last filters, so "Back to queue" from a panel returns to the same tab.
const LAST_SEARCH_KEY = 'waypoint.reviewQueue.search';
export const rememberQueueSearch = (search: string) => sessionStorage.setItem(LAST_SEARCH_KEY, search);
export const queueLink = () => `${QUEUE_PATH}${sessionStorage.getItem(LAST_SEARCH_KEY) ?? ''}`;

/** Rows on a page of the queue: the 50 oldest at a glance, a coach's session of work on one screen. */
export const QUEUE_PER_PAGE = 50;

/** A read made this recently (the one started at boot) is not made again when the page mounts. */
const FRESH_MS = 2_000;

/** The queue's filters as the page's address says them; staff have no learners of their own to narrow to. */
export function queueParams(searchParams: URLSearchParams, isStaff: boolean): ReviewQueueParams {
  const view = searchParams.get('view');
  const kind = searchParams.get('kind');
  return {
    view: isQueueView(view) ? view : 'claimable',
    kind: isSubmissionKind(kind) ? kind : undefined,
    mine: searchParams.get('scope') === 'mine' && !isStaff,
    page: Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1),
    perPage: QUEUE_PER_PAGE,
  };
}

const queueQuery = (dataProvider: WaypointDataProvider, params: ReviewQueueParams) => ({
  queryKey: [...QUEUE_KEY, params],
  queryFn: async () => (await dataProvider.getReviewQueue(params)).data,
  staleTime: FRESH_MS,
});

const summaryQuery = (dataProvider: WaypointDataProvider, mine: boolean) => ({
  queryKey: [...SUMMARY_KEY, mine],
  queryFn: async () => (await dataProvider.getReviewQueueSummary(mine)).data,
  staleTime: FRESH_MS,
});

export function useReviewQueue(params: ReviewQueueParams) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({ ...queueQuery(dataProvider, params), placeholderData: keepPreviousData, refetchInterval: POLL_MS });
}

export function useQueueSummary(mine: boolean) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({ ...summaryQuery(dataProvider, mine), placeholderData: keepPreviousData, refetchInterval: POLL_MS });
}

/**
 * When the console opens on the queue (a link to it, a reload, or a coach's landing page), reads it
 * before anything renders: the request then runs while react-admin boots rather than after.
 * `path` is inside the console, e.g. "/review-queue".
 */
export function prefetchReviewQueue(queryClient: QueryClient, dataProvider: WaypointDataProvider, path: string, search: string) {
  const role = validSession()?.user.role;
  if (role !== 'COACH' && role !== 'STAFF') return;
  const landing = path === '/' && role === 'COACH'; // coaches' first resource is the queue
  if (path !== QUEUE_PATH && !landing) return;
  const params = queueParams(new URLSearchParams(landing ? '' : search), role === 'STAFF');
  void queryClient.prefetchQuery(queueQuery(dataProvider, params));
  void queryClient.prefetchQuery(summaryQuery(dataProvider, params.mine ?? false));
}

export function useSubmission(id: string) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: submissionKey(id),
    queryFn: async () => (await dataProvider.getSubmission(id)).data,
  });
}

export function useLearnerSubmissions(learnerId: string | undefined) {
  const dataProvider = useWaypointDataProvider();
  return useQuery({
    queryKey: [...LEARNER_SUBMISSIONS_KEY, learnerId],
    queryFn: async () => (await dataProvider.getLearnerSubmissions(learnerId!)).data,
    enabled: !!learnerId,
  });
}

/** Every list that shows submissions, and the queue's counts, read again (after a change here or a live update). */
export function refetchReviewLists(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  void queryClient.invalidateQueries({ queryKey: SUMMARY_KEY });
  void queryClient.invalidateQueries({ queryKey: LEARNER_SUBMISSIONS_KEY });
}

/** After a change: the submission as the server answered it, and every list that shows it read again. */
export function useReviewChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (submission?: Submission | null) => {
      if (submission) queryClient.setQueryData(submissionKey(submission.id), submission);
      refetchReviewLists(queryClient);
    },
    [queryClient],
  );
}

/** An API refusal in words for a notification (instants in the viewer's time). */
export const refusalMessage = (error: unknown, fallback?: string) => readableTimes(readApiError(error, fallback).message);

/**
 * Claims (a given submission, or the oldest claimable one) and opens it.
 * A refusal (someone else holds it, or it is still reserved) becomes a notification.
 */
export function useClaim() {
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const navigate = useNavigate();
  const changed = useReviewChanged();
  const busy = useRef(false);

  /** Claims one submission; opens its panel unless `open` is false (already there). */
  const claim = useCallback(
    async (id: string, open = true) => {
      if (busy.current) return false;
      busy.current = true;
      try {
        const { data } = await dataProvider.claimSubmission(id);
        changed(data);
        if (open) navigate(reviewPath(data.id));
        return true;
      } catch (error) {
        notify(refusalMessage(error, 'The submission could not be claimed.'), { type: 'error', multiLine: true });
        changed();
        return false;
      } finally {
        busy.current = false;
      }
    },
    [changed, dataProvider, navigate, notify],
  );

  const claimNext = useCallback(
    async (kind?: SubmissionKind) => {
      if (busy.current) return false;
      busy.current = true;
      try {
        const { data } = await dataProvider.claimNextSubmission(kind);
        changed(data);
        if (!data) {
          notify(kind ? `No ${kindLabel(kind).toLowerCase()} waits that you may claim.` : 'Nothing waits that you may claim.', {
            type: 'info',
          });
          return false;
        }
        notify(`Claimed: ${data.learner.name}, ${kindLabel(data.kind).toLowerCase()} v${data.versionNumber}.`, { type: 'success' });
        navigate(reviewPath(data.id));
        return true;
      } catch (error) {
        notify(refusalMessage(error, 'Nothing could be claimed.'), { type: 'error', multiLine: true });
        changed();
        return false;
      } finally {
        busy.current = false;
      }
    },
    [changed, dataProvider, navigate, notify],
  );

  return { claim, claimNext };
}

/** Runs `action` when a key is pressed outside text fields, pop-ups and dialogs (e.g. "n" for claim next). */
export function useShortcut(key: string, action: () => void, enabled = true) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== key || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      // Not while typing, nor in a dialog or a pop-up menu or list (the side menu is fine).
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"], [role="listbox"], .MuiPopover-root')) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [key, enabled]);
}
