import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { formatDateTime } from '../common/dates';
import { DECISION_LABELS, formatWaiting, STATUS_COLORS, statusLabel } from './labels';
import type { FeedbackDecision, SubmissionStatus } from './types';

export type DueState = 'breached' | 'near' | 'ok';

export const dueState = (item: { breached: boolean; nearBreach: boolean }): DueState =>
  item.breached ? 'breached' : item.nearBreach ? 'near' : 'ok';

/** Row accents of the queue, by due state (react-admin demo style: a colored left border). */
export const DUE_BORDER: Record<DueState, string> = {
  breached: 'error.main',
  near: 'warning.main',
  ok: 'transparent',
};

/**
 * When the review is due: red once breached, amber when near breach, neutral otherwise;
 * the exact due time on hover (and for screen readers).
 */
export function DueChip({ dueAt, breached, nearBreach, now = Date.now() }: { dueAt: string; breached: boolean; nearBreach: boolean; now?: number }) {
  const state = dueState({ breached, nearBreach });
  const minutes = Math.round((Date.parse(dueAt) - now) / 60_000);
  const label =
    state === 'breached'
      ? `Overdue ${formatWaiting(Math.max(-minutes, 0))}`
      : minutes <= 0
        ? 'Due now'
        : `Due in ${formatWaiting(minutes)}`;
  const due = `Due ${formatDateTime(dueAt)}`;
  return (
    <Tooltip title={due}>
      <Chip
        size="small"
        label={label}
        color={state === 'breached' ? 'error' : state === 'near' ? 'warning' : 'default'}
        variant={state === 'ok' ? 'outlined' : 'filled'}
        data-due-state={state}
        aria-label={`${label}. ${due}`}
      />
    </Tooltip>
  );
}

export function SubmissionStatusChip({ status }: { status: SubmissionStatus }) {
  return (
    <Chip
      size="small"
      label={statusLabel(status)}
      color={STATUS_COLORS[status] ?? 'default'}
      variant={status === 'SUBMITTED' || status === 'NO_REVIEW' ? 'outlined' : 'filled'}
      data-submission-status={status}
    />
  );
}

export function DecisionChip({ decision }: { decision: FeedbackDecision }) {
  return (
    <Chip
      size="small"
      label={DECISION_LABELS[decision] ?? decision}
      color={decision === 'APPROVED' ? 'success' : 'warning'}
      data-decision={decision}
    />
  );
}
