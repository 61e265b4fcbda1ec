import { CountTabs } from '../common/CountTabs';
import { useEffect, useId, useRef, useState } from 'react';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import OpenInNewIcon from '@mui/icons-material/ArrowForward';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Title, useGetIdentity, useNotify, usePermissions } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { ListState } from '../common/ListState';
import { formatDateTime } from '../common/dates';
import { ShortcutHint } from '../common/ShortcutHint';
import { visuallyHidden } from '../common/visuallyHidden';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { formatWaiting, KIND_LABELS, kindLabel, QUEUE_VIEWS, SUBMISSION_KINDS } from './labels';
import { QueueSummary } from './QueueSummary';
import { DUE_BORDER, DueChip, dueState } from './ReviewChips';
import type { QueueItem, QueueView } from './types';
import { QUEUE_PER_PAGE, queueParams, rememberQueueSearch, reviewPath, useClaim, useReviewChanged, useReviewQueue, useShortcut } from './useReviews';


/** Who holds the claim, or why nobody may take it yet. */
function ClaimCell({ item, meId, now }: { item: QueueItem; meId: string | undefined; now: number }) {
  if (item.claimedBy) {
    const mine = item.claimedBy.id === meId;
    return (
      <>
        <Typography variant="body2" sx={{ fontWeight: mine ? 600 : undefined }}>
          {mine ? 'You' : item.claimedBy.name}
        </Typography>
        {item.claimedAt && (
          <Tooltip title={`Claimed ${formatDateTime(item.claimedAt)}`}>
            <Typography variant="caption" color="text.secondary">
              for {formatWaiting((now - Date.parse(item.claimedAt)) / 60_000)}
            </Typography>
          </Tooltip>
        )}
      </>
    );
  }
  if (!item.claimableByMe && Date.parse(item.openToAllAt) > now) {
    return (
      <Typography variant="caption" color="text.secondary">
        Reserved for {item.assignedCoach.id === meId ? 'you' : item.assignedCoach.name} until {formatDateTime(item.openToAllAt)}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="text.secondary">
      Unclaimed
    </Typography>
  );
}

/**
 * The review queue a coach works from: the queue at a glance, saved filters as tabs,
 * waiting submissions oldest first with their due state, and claim / release / open.
 * "Claim next" (or the N key) takes the oldest item the coach may claim and opens it.
 */
export default function ReviewQueuePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { permissions } = usePermissions();
  const isStaff = permissions === 'STAFF';
  const { identity } = useGetIdentity();
  const meId = identity?.id === undefined ? undefined : String(identity.id);
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const changed = useReviewChanged();
  const { claim, claimNext } = useClaim();
  const headingId = useId();
  const [working, setWorking] = useState<string | null>(null);
  // After a release the row's button changes: put focus back on the row's new one.
  const focusAfter = useRef<string | null>(null);

  const params = queueParams(searchParams, isStaff);
  const { view, kind, page } = params;
  const mine = params.mine ?? false;

  const search = searchParams.toString();
  useEffect(() => rememberQueueSearch(search ? `?${search}` : ''), [search]);

  const { data, error, isPending, isFetching, refetch } = useReviewQueue(params);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };

  useEffect(() => {
    if (!focusAfter.current || !data) return;
    // The row's Claim (or Open) button; when the row left this view, the selected tab.
    const row = document.querySelector<HTMLElement>(`[data-submission-id="${CSS.escape(focusAfter.current)}"]`);
    const target =
      row?.querySelector<HTMLElement>('[data-action="claim"]') ??
      row?.querySelector<HTMLElement>('[data-action="open"]') ??
      document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    target?.focus();
    focusAfter.current = null;
  }, [data]);

  const claimNextInView = async () => {
    setWorking('next');
    await claimNext(kind);
    setWorking(null);
  };
  useShortcut('n', () => void claimNextInView(), working === null);

  const claimOne = async (item: QueueItem) => {
    setWorking(item.id);
    // On success the panel opens; on a refusal the row changes, so keep focus on it.
    if (!(await claim(item.id))) focusAfter.current = item.id;
    setWorking(null);
  };

  const release = async (item: QueueItem) => {
    setWorking(item.id);
    try {
      const { data: released } = await dataProvider.releaseSubmission(item.id);
      notify(`Released ${item.learner.name}'s ${kindLabel(item.kind).toLowerCase()}: it is back in the queue.`, { type: 'info' });
      focusAfter.current = item.id;
      changed(released);
    } catch (e) {
      notify(readApiError(e, 'The claim could not be released.').message, { type: 'error', multiLine: true });
      changed();
    } finally {
      setWorking(null);
    }
  };

  // Columns shown from a width up (rendered, not hidden, so each fact is in the page once): on a phone the
  // queue keeps the learner, their due state and the actions on screen, with kind and claim under the name
  // (tablets: the menu takes 240 px of an 820 px screen).
  const wide = {
    sm: useMediaQuery((theme: Theme) => theme.breakpoints.up('sm'), { noSsr: true }),
    md: useMediaQuery((theme: Theme) => theme.breakpoints.up('md'), { noSsr: true }),
    lg: useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'), { noSsr: true }),
  };
  const current = QUEUE_VIEWS.find((v) => v.id === view)!;
  const items = data?.items ?? [];
  const now = Date.now();

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Review queue" />
      <QueueSummary mine={mine} onMineChange={(m) => update({ scope: m ? 'mine' : undefined, page: undefined })} canNarrow={!isStaff} />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent sx={{ pb: 1 }}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
            <div>
              <Typography id={headingId} variant="h5" component="h1">
                Review queue
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Waiting submissions, oldest first.{' '}
                <ShortcutHint>
                  Press <kbd>N</kbd> to claim the next one.
                </ShortcutHint>
              </Typography>
            </div>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
              <TextField
                select
                size="small"
                label="Kind"
                value={kind ?? ''}
                onChange={(e) => update({ kind: e.target.value || undefined, page: undefined })}
                sx={{ minWidth: { xs: 0, md: 210 }, width: { md: 'auto' }, flex: { xs: 1, md: 'none' } }}
                slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              >
                <MenuItem value="">All kinds</MenuItem>
                {SUBMISSION_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {KIND_LABELS[k]}
                  </MenuItem>
                ))}
              </TextField>
              <Tooltip title={`Claims the oldest ${kind ? kindLabel(kind).toLowerCase() : 'submission'} you may claim and opens it (N)`}>
                <span>
                  <Button
                    variant="contained"
                    startIcon={<SkipNextIcon />}
                    onClick={() => void claimNextInView()}
                    disabled={working !== null}
                    aria-keyshortcuts="N"
                    sx={{ whiteSpace: 'nowrap', flex: 'none' }}
                  >
                    Claim next
                  </Button>
                </span>
              </Tooltip>
            </Stack>
          </Stack>
        </CardContent>
        <CountTabs
          value={view}
          onChange={(value: QueueView) => update({ view: value === 'claimable' ? undefined : value, page: undefined })}
          views={QUEUE_VIEWS}
          counts={data?.counts}
          alert={{ id: 'breached', color: 'error.main' }}
          idPrefix="queue-tab"
          controls="queue-items"
          label="Saved filters"
        />
        <Box sx={{ height: 4 }}>{isFetching && !isPending && <LinearProgress aria-label="Loading the queue" />}</Box>
        <Box id="queue-items" role="tabpanel" aria-labelledby={`queue-tab-${view}`}>
          <ListState
            error={error}
            isPending={isPending}
            isEmpty={items.length === 0}
            what="review queue"
            onRetry={() => void refetch()}
            empty={
              <>
                  <Typography variant="subtitle1" component="p">
                  {current.empty}
                </Typography>
                {kind && (
                  <Typography variant="body2" color="text.secondary">
                    Only {kindLabel(kind).toLowerCase()} is shown.{' '}
                    <Button size="small" onClick={() => update({ kind: undefined, page: undefined })}>
                      Show all kinds
                    </Button>
                  </Typography>
                )}
                {mine && (
                  <Typography variant="body2" color="text.secondary">
                    Only your own learners' submissions are shown.{' '}
                    <Button size="small" onClick={() => update({ scope: undefined, page: undefined })}>
                      Show all learners
                    </Button>
                  </Typography>
                )}
              </>
            }
          >
            <>
              <Table size="small" aria-label={`${current.label}: waiting submissions, oldest first`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Learner</TableCell>
                    {wide.md && <TableCell>Kind</TableCell>}
                    {wide.md && <TableCell>Waiting</TableCell>}
                    {wide.sm && <TableCell>Due</TableCell>}
                    {wide.lg && <TableCell>Assigned coach</TableCell>}
                    {wide.lg && <TableCell>Claim</TableCell>}
                    <TableCell align="right">
                      <Box component="span" sx={visuallyHidden}>
                        Actions
                      </Box>
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((item) => {
                    const mineClaim = item.claimedBy?.id === meId;
                    const canRelease = item.status === 'IN_REVIEW' && (mineClaim || isStaff);
                    const busy = working !== null;
                    return (
                      <TableRow
                        key={item.id}
                        hover
                        data-testid="queue-item"
                        data-submission-id={item.id}
                        data-due-state={dueState(item)}
                        sx={{ '& > td:first-of-type': { borderLeft: 5, borderLeftColor: DUE_BORDER[dueState(item)] } }}
                      >
                        <TableCell sx={{ fontWeight: 500 }}>
                          {item.learner.name}
                          {!wide.md && (
                            <Typography variant="caption" color="text.secondary" component="div">
                              {kindLabel(item.kind)} v{item.versionNumber} · waiting {formatWaiting(item.waitingMinutes)}
                            </Typography>
                          )}
                          {!wide.sm && (
                            <Box sx={{ my: 0.5 }}>
                              <DueChip dueAt={item.dueAt} breached={item.breached} nearBreach={item.nearBreach} now={now} />
                            </Box>
                          )}
                          {!wide.lg && <ClaimCell item={item} meId={meId} now={now} />}
                        </TableCell>
                        {wide.md && (
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>
                            {kindLabel(item.kind)}
                            <Box
                              component="span"
                              aria-label={`version ${item.versionNumber}`}
                              sx={{ ml: 0.75, color: item.versionNumber > 1 ? 'primary.main' : 'text.secondary', fontWeight: item.versionNumber > 1 ? 600 : 400 }}
                            >
                              v{item.versionNumber}
                            </Box>
                          </TableCell>
                        )}
                        {wide.md && (
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>
                            <Tooltip title={`Sent ${formatDateTime(item.submittedAt)}`}>
                              <span>{formatWaiting(item.waitingMinutes)}</span>
                            </Tooltip>
                          </TableCell>
                        )}
                        {wide.sm && (
                          <TableCell>
                            <DueChip dueAt={item.dueAt} breached={item.breached} nearBreach={item.nearBreach} now={now} />
                          </TableCell>
                        )}
                        {wide.lg && <TableCell>{item.assignedCoach.id === meId ? 'You' : item.assignedCoach.name}</TableCell>}
                        {wide.lg && (
                          <TableCell>
                            <ClaimCell item={item} meId={meId} now={now} />
                          </TableCell>
                        )}
                        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ justifyContent: 'flex-end', alignItems: { xs: 'flex-end', md: 'center' } }}>
                            {item.claimableByMe && (
                              <Button
                                size="small"
                                variant="outlined"
                                startIcon={<AssignmentIndIcon />}
                                onClick={() => void claimOne(item)}
                                disabled={busy}
                                data-action="claim"
                                aria-label={`Claim ${item.learner.name}'s ${kindLabel(item.kind).toLowerCase()}`}
                              >
                                Claim
                              </Button>
                            )}
                            {canRelease && (
                              <Button
                                size="small"
                                color="inherit"
                                startIcon={<LockOpenIcon />}
                                onClick={() => void release(item)}
                                disabled={busy}
                                data-action="release"
                                aria-label={`Release ${item.learner.name}'s ${kindLabel(item.kind).toLowerCase()}`}
                              >
                                Release
                              </Button>
                            )}
                            <Button
                              size="small"
                              component={RouterLink}
                              to={reviewPath(item.id)}
                              endIcon={<OpenInNewIcon />}
                              data-action="open"
                              aria-label={`Open ${item.learner.name}'s ${kindLabel(item.kind).toLowerCase()}`}
                            >
                              Open
                            </Button>
                          </Stack>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              {(data?.total ?? 0) > QUEUE_PER_PAGE && (
                <TablePagination
                  component="div"
                  count={data?.total ?? 0}
                  page={page - 1}
                  onPageChange={(_, p) => update({ page: p === 0 ? undefined : String(p + 1) })}
                  rowsPerPage={QUEUE_PER_PAGE}
                  rowsPerPageOptions={[QUEUE_PER_PAGE]}
                />
              )}
            </>
          </ListState>
        </Box>
      </Card>
    </Box>
  );
}
