import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BlockIcon from '@mui/icons-material/Block';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import UpdateIcon from '@mui/icons-material/Update';
import VideocamIcon from '@mui/icons-material/Videocam';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { TableScroll } from '../common/TableScroll';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Title, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { ReasonDialog } from '../common/ReasonDialog';
import { useViewer } from '../common/useViewer';
import { formatAgo, formatInZone, formatMinutes, readableInstants, safeZone, zoneLabel } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { CompleteMeetingDialog } from './CompleteMeetingDialog';
import { statusLabel, topicLabel } from './labels';
import { MeetingStatusChip, UrgentChip, ZonedSpan } from './MeetingChips';
import { ScheduleMeetingDialog } from './ScheduleMeetingDialog';
import type { Meeting } from './types';
import { meetingsLink, useMeeting, useMeetingChanged } from './useMeetings';
import { DetailLoading, DetailMissing } from '../common/DetailState';
import { ZoneHeadingCell } from './ZoneHeadingCell';

type Action = 'schedule' | 'reschedule' | 'decline' | 'cancel' | 'complete';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" component="dt" sx={{ width: 120, flex: 'none' }}>
        {label}
      </Typography>
      <Typography variant="body2" component="dd" sx={{ m: 0, minWidth: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const headingId = useId();
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} data-testid={testId}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** The meeting's changes, oldest first, with instants in the viewer's zone. */
function History({ meeting, timeZone }: { meeting: Meeting; timeZone: string }) {
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="meeting-history">
      {meeting.history.map((change) => (
        <Box
          component="li"
          key={change.id}
          sx={{ borderLeft: 2, borderColor: 'divider', pl: 1.5, pb: 1.5, position: 'relative' }}
          data-testid="meeting-change"
        >
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            {change.from ? `${statusLabel(change.from)} → ${statusLabel(change.to)}` : statusLabel(change.to)}
          </Typography>
          <Typography variant="body2">{readableInstants(change.note, timeZone)}</Typography>
          <Typography variant="caption" color="text.secondary">
            {change.changedBy.name} · {formatInZone(change.changedAt, timeZone)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * One meeting, at /meetings/:id/show: the request (note, windows in the coach's and the learner's
 * zone), when it is, its history, and what may be done next: schedule or decline a request,
 * reschedule or cancel before it starts, record the outcome after.
 */
export default function MeetingPage() {
  const { id = '' } = useParams();
  return <MeetingFor key={id} id={id} />;
}

function MeetingFor({ id }: { id: string }) {
  const { data: meeting, error, isPending, refetch } = useMeeting(id);
  const { id: meId, isStaff, timeZone: viewerZone } = useViewer();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const changed = useMeetingChanged();
  const [action, setAction] = useState<Action | null>(null);
  const [lastAction, setLastAction] = useState<Action>('schedule');
  const headingRef = useRef<HTMLHeadingElement>(null);

  const loaded = !!meeting;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const open = (next: Action) => {
    setLastAction(next);
    setAction(next);
  };
  const close = () => setAction(null);

  if (isPending) return <DetailLoading title="1:1 meeting" what="meeting" />;
  if (error || !meeting) return <DetailMissing title="1:1 meeting" what="meeting" error={error} backTo={meetingsLink()} backLabel="Back to meetings" />;

  const m = meeting;
  const coachZone = safeZone(m.coach.timeZone);
  const learnerZone = safeZone(m.learner.timeZone);
  const now = Date.now();
  const started = !!m.startsAt && Date.parse(m.startsAt) <= now;
  const ownCoach = m.coach.id === meId;
  const canSchedule = m.status === 'REQUESTED';
  const canDecline = m.status === 'REQUESTED';
  const canCancel = (m.status === 'REQUESTED' || (m.status === 'SCHEDULED' && !started)) && (isStaff || ownCoach || m.status === 'REQUESTED');
  const canReschedule = m.status === 'SCHEDULED' && !started && (isStaff || ownCoach);
  const canComplete = m.status === 'SCHEDULED' && started && (isStaff || ownCoach);
  const learnerFirst = m.learner.name.split(' ')[0];

  /** Runs a change; a refusal reloads the meeting (someone may have moved it on) and is shown in the dialog. */
  const run = async (work: () => Promise<{ data: Meeting }>, success: (saved: Meeting) => string, fallback: string) => {
    try {
      const { data } = await work();
      changed(data);
      close();
      notify(success(data), { type: 'success' });
    } catch (e) {
      void refetch();
      changed();
      throw new Error(readableInstants(readApiError(e, fallback).message, viewerZone));
    }
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={`1:1: ${m.learner.name}`} />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent sx={{ pb: '16px !important' }}>
          <Button component={RouterLink} to={meetingsLink()} size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 1, ml: -0.5 }}>
            Back to meetings
          </Button>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'flex-start' } }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography ref={headingRef} tabIndex={-1} variant="h5" component="h1" sx={{ outline: 'none' }}>
                {m.learner.name}: {topicLabel(m.topic)}
              </Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1, rowGap: 1 }}>
                <MeetingStatusChip status={m.status} />
                {m.urgent && <UrgentChip />}
                <Typography variant="body2" color="text.secondary">
                  Requested {formatAgo(m.requestedAt, now)} ({formatInZone(m.requestedAt, viewerZone)}) · coach {ownCoach ? 'you' : m.coach.name}
                </Typography>
              </Stack>
            </Box>
            <Stack direction="row" spacing={1} sx={{ flex: 'none', flexWrap: 'wrap', rowGap: 1 }}>
              {canSchedule && (
                <Button variant="contained" startIcon={<EventAvailableIcon />} onClick={() => open('schedule')}>
                  Schedule
                </Button>
              )}
              {canReschedule && (
                <Button variant="outlined" startIcon={<UpdateIcon />} onClick={() => open('reschedule')}>
                  Reschedule
                </Button>
              )}
              {canComplete && (
                <Button variant="contained" startIcon={<FactCheckIcon />} onClick={() => open('complete')}>
                  Record outcome
                </Button>
              )}
              {canDecline && (
                <Button color="inherit" variant="outlined" startIcon={<BlockIcon />} onClick={() => open('decline')}>
                  Decline
                </Button>
              )}
              {canCancel && (
                <Button color="warning" variant="outlined" startIcon={<EventBusyIcon />} onClick={() => open('cancel')}>
                  Cancel meeting
                </Button>
              )}
            </Stack>
          </Stack>
        </CardContent>
      </Card>

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            {m.startsAt && m.endsAt && (
              <Section title={m.status === 'SCHEDULED' ? 'Scheduled' : 'When'} testId="meeting-when">
                <Box component="dl" sx={{ m: 0 }}>
                  <Fact label={ownCoach ? 'Your time' : `${m.coach.name.split(' ')[0]}'s time`}>
                    <ZonedSpan startsAt={m.startsAt} endsAt={m.endsAt} timeZone={coachZone} />
                  </Fact>
                  <Fact label={`${learnerFirst}'s time`}>
                    <ZonedSpan startsAt={m.startsAt} endsAt={m.endsAt} timeZone={learnerZone} />
                  </Fact>
                  <Fact label="Length">{formatMinutes((Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000)}</Fact>
                  {m.videoLink && (
                    <Fact label="Video link">
                      <Link href={m.videoLink} target="_blank" rel="noreferrer" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                        <VideocamIcon fontSize="small" /> {m.videoLink}
                      </Link>
                    </Fact>
                  )}
                </Box>
              </Section>
            )}
            {(m.reason || m.outcomeNotes || m.status === 'COMPLETED' || m.status === 'NO_SHOW') && (
              <Alert
                severity={m.status === 'NO_SHOW' ? 'warning' : m.status === 'COMPLETED' ? 'success' : 'info'}
                data-testid="meeting-outcome"
              >
                {m.status === 'DECLINED' && <>Declined: {m.reason}</>}
                {m.status === 'CANCELLED' && <>Cancelled: {m.reason}</>}
                {m.status === 'COMPLETED' && <>It took place.{m.outcomeNotes ? ` Notes: ${m.outcomeNotes}` : ''}</>}
                {m.status === 'NO_SHOW' && <>{learnerFirst} did not come.{m.outcomeNotes ? ` Notes: ${m.outcomeNotes}` : ''}</>}
              </Alert>
            )}
            <Section title="Request" testId="meeting-request">
              {m.note ? (
                <Typography variant="body1" component="blockquote" sx={{ m: 0, mb: 2, pl: 1.5, borderLeft: 3, borderColor: 'divider', whiteSpace: 'pre-wrap' }}>
                  {m.note}
                </Typography>
              ) : (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                  No note.
                </Typography>
              )}
              <Typography variant="subtitle2" component="h3" id={`windows-${m.id}`}>
                Preferred windows
              </Typography>
              <TableScroll label="Preferred windows">
                <Table size="small" aria-labelledby={`windows-${m.id}`}>
                  <TableHead>
                    <TableRow>
                      <ZoneHeadingCell label={ownCoach ? 'Your time' : `${m.coach.name.split(' ')[0]}'s time`} zone={coachZone} />
                      <ZoneHeadingCell label={`${learnerFirst}'s time`} zone={learnerZone} />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {m.windows.map((w) => (
                      <TableRow key={w.startsAt} sx={{ opacity: Date.parse(w.endsAt) <= now ? 0.55 : 1 }}>
                        <TableCell>
                          <ZonedSpan {...w} timeZone={coachZone} compact />
                        </TableCell>
                        <TableCell>
                          <ZonedSpan {...w} timeZone={learnerZone} compact />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            </Section>
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Section title="People">
              <Box component="dl" sx={{ m: 0 }}>
                <Fact label="Learner">
                  <Link component={RouterLink} to={`/learners/${encodeURIComponent(m.learner.id)}/show`}>
                    {m.learner.name}
                  </Link>
                  <Typography variant="caption" component="div" color="text.secondary">
                    {zoneLabel(learnerZone)}
                  </Typography>
                </Fact>
                <Fact label={m.status === 'REQUESTED' ? 'Their coach' : 'Coach'}>
                  {ownCoach ? `${m.coach.name} (you)` : m.coach.name}
                  <Typography variant="caption" component="div" color="text.secondary">
                    {zoneLabel(coachZone)}
                  </Typography>
                </Fact>
              </Box>
            </Section>
            <Section title="History">
              <History meeting={m} timeZone={viewerZone} />
            </Section>
          </Stack>
        </Grid>
      </Grid>

      <ScheduleMeetingDialog
        open={action === 'schedule' || action === 'reschedule'}
        mode={lastAction === 'reschedule' ? 'reschedule' : 'schedule'}
        meeting={m}
        onClose={close}
        onSubmit={async ({ coachId, force, ...slot }) => {
          let data: Meeting;
          try {
            ({ data } =
              lastAction === 'reschedule'
                ? await dataProvider.rescheduleMeeting(m.id, { ...slot, videoLink: slot.videoLink || undefined, force })
                : await dataProvider.scheduleMeeting(m.id, { ...slot, coachId, force }));
          } catch (e) {
            // Someone may have moved it on meanwhile: show what it holds now behind the dialog.
            void refetch();
            throw e;
          }
          changed(data);
          close();
          notify(
            `${lastAction === 'reschedule' ? 'Rescheduled' : 'Scheduled'}: ${learnerFirst}, ${formatInZone(data.startsAt, viewerZone)} your time.`,
            { type: 'success' },
          );
        }}
      />
      <ReasonDialog
        open={action === 'decline'}
        title={`Decline ${learnerFirst}'s request?`}
        label="Why (the learner reads it)"
        helperText="Suggest what they could do instead, e.g. another time or the weekly Q&A."
        confirmLabel="Decline"
        confirmColor="warning"
        onClose={close}
        onConfirm={(reason) =>
          run(() => dataProvider.declineMeeting(m.id, reason), () => `Declined ${learnerFirst}'s request.`, 'The request could not be declined.')
        }
      >
        {learnerFirst} is told it will not take place, with your reason.
      </ReasonDialog>
      <ReasonDialog
        open={action === 'cancel'}
        title={`Cancel the 1:1 with ${m.learner.name}?`}
        label="Why (the learner reads it)"
        confirmLabel="Cancel meeting"
        confirmColor="warning"
        onClose={close}
        onConfirm={(reason) =>
          run(() => dataProvider.cancelMeeting(m.id, reason), () => `Cancelled the 1:1 with ${m.learner.name}.`, 'The meeting could not be cancelled.')
        }
      >
        {m.status === 'SCHEDULED' ? 'It leaves both calendars; ' : ''}
        {learnerFirst} reads your reason.
      </ReasonDialog>
      <CompleteMeetingDialog
        open={action === 'complete'}
        learnerName={m.learner.name}
        onClose={close}
        onConfirm={(outcome, notes) =>
          run(
            () => dataProvider.completeMeeting(m.id, outcome, notes || undefined),
            (d) => `Recorded: ${statusLabel(d.status).toLowerCase()}.`,
            'The outcome could not be saved.',
          )
        }
      />
    </Box>
  );
}
