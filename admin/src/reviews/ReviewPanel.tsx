import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import EditNoteIcon from '@mui/icons-material/EditNote';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Title, useGetIdentity, useNotify, usePermissions } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { FeedbackForm } from './FeedbackForm';
import { FeedbackEntry, FeedbackList } from './FeedbackList';
import { DECISION_LABELS, isSubmissionKind, kindLabel, readableTimes } from './labels';
import { PreviousVersions } from './PreviousVersions';
import { ReassignDialog } from './ReassignDialog';
import { SubmissionContent } from './SubmissionContent';
import { SubmissionHeading } from './SubmissionHeading';
import type { FeedbackDecision, Submission } from './types';
import { LearnerContext } from './LearnerContext';
import { queueLink, reviewPath, useClaim, useReviewChanged, useShortcut, useSubmission } from './useReviews';
import { DetailLoading, DetailMissing } from '../common/DetailState';
import { LeaveGuard } from '../common/LeaveGuard';
import { hasWords, useFeedbackDraft } from './feedbackDrafts';

export const STALE_MESSAGE = 'This submission changed since you opened it — reloaded with what it holds now. Your text is kept: check it and send again.';

const isWaiting = (s: Submission) => s.status === 'SUBMITTED' || s.status === 'IN_REVIEW';

/** The kind filter of the queue the coach came from, so "Next item" stays in it. */
function queueKind() {
  const kind = new URLSearchParams(queueLink().split('?')[1] ?? '').get('kind');
  return isSubmissionKind(kind) ? kind : undefined;
}

/**
 * One submission under review, at /review-queue/:id/show (a deep link that works on its own):
 * what the learner sent, rendered for its kind, with the learner's context, earlier versions
 * and the feedback history. Its claimant writes the feedback here; the author of the latest
 * feedback (or staff) may correct it; staff may reassign a waiting one.
 */
export default function ReviewPanel() {
  const { id = '' } = useParams();
  // A fresh panel (draft, notices) for each submission.
  return <ReviewPanelFor key={id} id={id} />;
}

function ReviewPanelFor({ id }: { id: string }) {
  const { data: submission, error, isPending, refetch } = useSubmission(id);
  const { permissions } = usePermissions();
  const isStaff = permissions === 'STAFF';
  const { identity } = useGetIdentity();
  const meId = identity?.id === undefined ? undefined : String(identity.id);
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const changed = useReviewChanged();
  const { claim, claimNext } = useClaim();

  const { draft, setDraft, forgetDraft, correcting, setCorrecting } = useFeedbackDraft(id);
  const [notice, setNotice] = useState<string | null>(null);
  const [sent, setSent] = useState<FeedbackDecision | null>(null);
  const [working, setWorking] = useState<'claim' | 'release' | 'next' | null>(null);
  const [reassigning, setReassigning] = useState(false);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const reviewHeadingRef = useRef<HTMLHeadingElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const reviewHeadingId = useId();

  const loaded = !!submission;
  // A newly opened panel: focus its heading, so keyboard and screen-reader users start at the top.
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);
  useEffect(() => {
    if (sent) nextRef.current?.focus();
  }, [sent]);

  const holding = !!submission && submission.status === 'IN_REVIEW' && submission.claimedBy?.id === meId;
  const latestFeedback = submission?.latestFeedback;
  // Words not sent yet: new feedback while holding the claim, or a correction that differs from the feedback in force.
  const unsent =
    !!submission &&
    (correcting
      ? !!latestFeedback && (draft.body !== latestFeedback.body || draft.decision !== latestFeedback.decision)
      : holding && hasWords(draft));

  const next = async () => {
    setWorking('next');
    await claimNext(queueKind());
    setWorking(null);
  };
  useShortcut('n', () => void next(), !holding && working === null && !correcting);

  if (isPending) return <DetailLoading title="Review" what="submission" />;
  if (error || !submission) return <DetailMissing title="Review" what="submission" error={error} backTo={queueLink()} backLabel="Back to queue" />;

  const s = submission;
  const waiting = isWaiting(s);
  const latest = s.latestFeedback;
  const canCorrect =
    !!latest && (s.status === 'REVIEWED' || s.status === 'CHANGES_REQUESTED') && !s.nextVersion && (isStaff || latest.author.id === meId);
  const canRelease = s.status === 'IN_REVIEW' && (holding || isStaff);
  const what = `${s.learner.name}'s ${kindLabel(s.kind).toLowerCase()}`;
  const focusReview = () => requestAnimationFrame(() => reviewHeadingRef.current?.focus());

  const claimThis = async () => {
    setWorking('claim');
    if (await claim(s.id, false)) focusReview();
    setWorking(null);
  };

  const release = async () => {
    setWorking('release');
    try {
      const { data } = await dataProvider.releaseSubmission(s.id);
      changed(data);
      notify(`Released ${what}: it is back in the queue.`, { type: 'info' });
      focusReview();
    } catch (e) {
      notify(readableTimes(readApiError(e, 'The claim could not be released.').message), { type: 'error', multiLine: true });
      changed();
      void refetch();
    } finally {
      setWorking(null);
    }
  };

  /** Sends feedback (or a correction) with the revision as loaded; a stale one reloads and keeps the draft. */
  const send = async (decision: FeedbackDecision, body: string) => {
    setNotice(null);
    try {
      const { data } = correcting
        ? await dataProvider.correctFeedback(s.id, decision, body, s.revision)
        : await dataProvider.giveFeedback(s.id, decision, body, s.revision);
      changed(data);
      forgetDraft();
      if (correcting) {
        setCorrecting(false);
        notify('Feedback corrected: the learner sees the new version.', { type: 'success' });
        focusReview();
      } else {
        setSent(decision);
      }
    } catch (e) {
      const { code, field, message } = readApiError(e);
      // Either way, show what the submission holds now (the draft stays).
      setNotice(code === 'CONFLICT' && field === 'revision' ? STALE_MESSAGE : readableTimes(message));
      await refetch();
      changed();
      throw e;
    }
  };

  const startCorrecting = () => {
    if (!latest) return;
    setDraft({ decision: latest.decision, body: latest.body }, true);
    setNotice(null);
    setSent(null);
    setCorrecting(true);
  };

  const noticeAlert = notice && (
    <Alert severity={notice === STALE_MESSAGE ? 'warning' : 'error'} role="alert" data-testid="feedback-notice">
      {notice}
    </Alert>
  );

  let review: ReactNode;
  if (correcting && canCorrect) {
    review = (
      <>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          A correction becomes the feedback in force; the learner sees it, and the earlier one stays in the history.
        </Typography>
        <FeedbackForm
          draft={draft}
          onDraftChange={(d) => setDraft(d)}
          submitLabel="Save correction"
          onSubmit={send}
          onCancel={() => {
            forgetDraft();
            setCorrecting(false);
            setNotice(null);
            focusReview();
          }}
          notice={noticeAlert}
        />
      </>
    );
  } else if (holding) {
    review = (
      <>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          You hold the claim{s.claimedAt ? ` since ${formatDateTime(s.claimedAt)}` : ''}. Only you can review it until you send feedback
          or release it.
        </Typography>
        <FeedbackForm draft={draft} onDraftChange={(d) => setDraft(d)} submitLabel="Send feedback" onSubmit={send} notice={noticeAlert} />
      </>
    );
  } else if (s.status === 'IN_REVIEW') {
    review = (
      <>
        {noticeAlert}
        <Typography variant="body2">
          {s.claimedBy?.name ?? 'Another coach'} is reviewing it{s.claimedAt ? ` (claimed ${formatDateTime(s.claimedAt)})` : ''}.
          {isStaff ? ' You can reassign it or release the claim.' : ''}
        </Typography>
      </>
    );
  } else if (s.status === 'SUBMITTED') {
    review = (
      <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        {noticeAlert}
        {s.claimableByMe ? (
          <>
            <Typography variant="body2">Nobody holds it. Claim it to write the feedback.</Typography>
            <Button variant="contained" startIcon={<AssignmentIndIcon />} onClick={() => void claimThis()} disabled={working !== null}>
              Claim
            </Button>
          </>
        ) : (
          <Typography variant="body2">
            It is in {s.assignedCoach.name}'s queue until {formatDateTime(s.openToAllAt)}; after that any coach may claim it.
          </Typography>
        )}
      </Stack>
    );
  } else if (s.status === 'NO_REVIEW') {
    review = (
      <Typography variant="body2">Recorded without review: the learner did not ask a coach to review this retrospective.</Typography>
    );
  } else {
    review = (
      <Stack spacing={2}>
        {latest && <FeedbackEntry feedback={latest} />}
        {s.nextVersion && (
          <Alert severity="info">
            The learner resubmitted it:{' '}
            <Link component={RouterLink} to={reviewPath(s.nextVersion.id)}>
              version {s.nextVersion.versionNumber}
            </Link>
            .
          </Alert>
        )}
        {canCorrect && !sent && (
          <Box>
            <Button variant="outlined" startIcon={<EditNoteIcon />} onClick={startCorrecting}>
              Correct feedback
            </Button>
          </Box>
        )}
      </Stack>
    );
  }

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={`Review: ${s.learner.name}`} />
      <LeaveGuard
        when={unsent}
        title="Leave without sending?"
        message={`Your ${correcting ? 'correction' : 'feedback'} on ${what} is not sent. It is kept as a draft on this device, here when you come back.`}
      />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent sx={{ pb: '16px !important' }}>
          <Button component={RouterLink} to={queueLink()} size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 1, ml: -0.5 }}>
            Back to queue
          </Button>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'flex-start' } }}>
            <SubmissionHeading submission={s} waiting={waiting} headingRef={headingRef} />
            <Stack direction="row" spacing={1} sx={{ flex: 'none', flexWrap: 'wrap', rowGap: 1 }}>
              {s.status === 'SUBMITTED' && s.claimableByMe && (
                <Button variant="outlined" startIcon={<AssignmentIndIcon />} onClick={() => void claimThis()} disabled={working !== null}>
                  Claim
                </Button>
              )}
              {canRelease && (
                <Button color="inherit" variant="outlined" startIcon={<LockOpenIcon />} onClick={() => void release()} disabled={working !== null}>
                  Release
                </Button>
              )}
              {isStaff && waiting && (
                <Button color="inherit" variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setReassigning(true)}>
                  Reassign
                </Button>
              )}
              <Button
                variant={holding ? 'text' : 'outlined'}
                startIcon={<SkipNextIcon />}
                onClick={() => void next()}
                disabled={working !== null}
                aria-keyshortcuts={holding ? undefined : 'N'}
              >
                Claim next
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <Card variant="outlined" component="section" aria-label="What the learner sent">
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>
                  {kindLabel(s.kind)}
                </Typography>
                <SubmissionContent submission={s} />
              </CardContent>
            </Card>
            <PreviousVersions previous={s.previousVersion} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Card variant="outlined" component="section" aria-labelledby={reviewHeadingId} data-testid="review-card">
              <CardContent>
                <Typography
                  id={reviewHeadingId}
                  ref={reviewHeadingRef}
                  tabIndex={-1}
                  variant="h6"
                  component="h2"
                  gutterBottom
                  sx={{ outline: 'none' }}
                >
                  {correcting ? 'Correct feedback' : holding ? 'Your review' : 'Review'}
                </Typography>
                {sent && (
                  <Alert severity="success" sx={{ mb: 2 }} data-testid="feedback-sent">
                    Feedback sent: {DECISION_LABELS[sent].toLowerCase()}. {s.learner.name} can read it now.
                    <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
                      <Button
                        ref={nextRef}
                        variant="contained"
                        size="small"
                        startIcon={<SkipNextIcon />}
                        onClick={() => void next()}
                        disabled={working !== null}
                        aria-keyshortcuts="N"
                      >
                        Next item
                      </Button>
                      <Button size="small" component={RouterLink} to={queueLink()}>
                        Back to queue
                      </Button>
                    </Stack>
                  </Alert>
                )}
                {review}
              </CardContent>
            </Card>
            <LearnerContext learner={s.learner} />
            <Card variant="outlined" component="section" aria-label="Feedback history">
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>
                  Feedback history
                </Typography>
                <FeedbackList feedback={s.feedback} label={`Feedback on version ${s.versionNumber}`} />
              </CardContent>
            </Card>
          </Stack>
        </Grid>
      </Grid>

      {isStaff && (
        <ReassignDialog
          open={reassigning}
          learnerName={s.learner.name}
          holder={s.claimedBy && s.status === 'IN_REVIEW' ? s.claimedBy : null}
          suggested={s.suggestedCoach}
          onClose={() => setReassigning(false)}
          onConfirm={async (coachId, coachName) => {
            try {
              const { data } = await dataProvider.reassignSubmission(s.id, coachId);
              changed(data);
            } catch (e) {
              throw new Error(readableTimes(readApiError(e, 'The submission could not be reassigned.').message));
            }
            setReassigning(false);
            notify(`Reassigned to ${coachName}: it is in review in their name.`, { type: 'success' });
          }}
        />
      )}
    </Box>
  );
}
