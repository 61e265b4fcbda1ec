import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import HighlightOffIcon from '@mui/icons-material/HighlightOff';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
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
import { formatInZone, formatMinutes, formatSpan, safeZone, zoneAbbreviation } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { EventDialog } from './EventDialog';
import { EventStatusChip, EventTypeChip } from './EventChips';
import type { Attendance, CoachingEvent, Rsvp } from './types';
import { EVENTS_PATH, useCoachingEvent, useEventChanged, useReloadEvent } from './useEvents';
import { DetailLoading, DetailMissing } from '../common/DetailState';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" component="dt" sx={{ width: 100, flex: 'none' }}>
        {label}
      </Typography>
      <Typography variant="body2" component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

function AttendanceChip({ attendance }: { attendance: Attendance | null }) {
  if (!attendance) {
    return (
      <Typography variant="body2" color="text.secondary">
        Not recorded
      </Typography>
    );
  }
  return attendance === 'ATTENDED' ? (
    <Chip size="small" color="success" icon={<CheckCircleIcon />} label="Attended" data-attendance="ATTENDED" />
  ) : (
    <Chip size="small" color="default" icon={<HighlightOffIcon />} label="Absent" data-attendance="ABSENT" />
  );
}

const learnerLink = (rsvp: Rsvp) => (
  <Link component={RouterLink} to={`/learners/${encodeURIComponent(rsvp.learner.id)}/show`}>
    {rsvp.learner.name}
  </Link>
);

/** Seated learners, with checkboxes and ATTENDED / ABSENT once the event has started (facilitator or staff). */
function SeatedList({ event, canRecord, timeZone }: { event: CoachingEvent; canRecord: boolean; timeZone: string }) {
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const reload = useReloadEvent();
  const changed = useEventChanged();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState<Attendance | null>(null);
  const headingId = useId();
  const seated = event.rsvps.filter((r) => r.status === 'SEATED');
  const started = Date.parse(event.startsAt) <= Date.now();
  const all = seated.length > 0 && seated.every((r) => selected.has(r.learner.id));
  const some = seated.some((r) => selected.has(r.learner.id));

  const toggle = (learnerId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(learnerId)) next.delete(learnerId);
      else next.add(learnerId);
      return next;
    });

  const record = async (attendance: Attendance) => {
    const learnerIds = seated.filter((r) => selected.has(r.learner.id)).map((r) => r.learner.id);
    if (!learnerIds.length) return;
    setSaving(attendance);
    try {
      await dataProvider.recordAttendance(event.id, learnerIds, attendance);
      notify(`Marked ${learnerIds.length} ${learnerIds.length === 1 ? 'learner' : 'learners'} ${attendance === 'ATTENDED' ? 'attended' : 'absent'}.`, {
        type: 'success',
      });
      setSelected(new Set());
    } catch (e) {
      notify(readApiError(e, 'Attendance could not be recorded.').message, { type: 'error', multiLine: true });
    } finally {
      setSaving(null);
      await reload(event.id);
      changed();
    }
  };

  const attended = seated.filter((r) => r.attendance === 'ATTENDED').length;
  const absent = seated.filter((r) => r.attendance === 'ABSENT').length;

  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} data-testid="event-seated">
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 1 }}>
          <div>
            <Typography id={headingId} variant="h6" component="h2">
              Seated ({seated.length} of {event.capacity})
            </Typography>
            {started && seated.length > 0 && (
              <Typography variant="body2" color="text.secondary">
                {attended} attended · {absent} absent · {seated.length - attended - absent} not recorded
              </Typography>
            )}
          </div>
          {canRecord && started && seated.length > 0 && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" color="text.secondary" aria-live="polite">
                {selected.size ? `${selected.size} selected` : 'Tick learners to mark them'}
              </Typography>
              <Button
                variant="contained"
                color="success"
                size="small"
                startIcon={<CheckCircleIcon />}
                disabled={!some || saving !== null}
                onClick={() => void record('ATTENDED')}
              >
                Mark attended
              </Button>
              <Button
                variant="outlined"
                color="inherit"
                size="small"
                startIcon={<HighlightOffIcon />}
                disabled={!some || saving !== null}
                onClick={() => void record('ABSENT')}
              >
                Mark absent
              </Button>
            </Stack>
          )}
        </Stack>
        {!started && event.status === 'SCHEDULED' && (
          <Alert severity="info" sx={{ mb: 1 }}>
            Attendance can be recorded once it starts, {formatInZone(event.startsAt, timeZone)}
            {canRecord ? '.' : ', by the facilitator or staff.'}
          </Alert>
        )}
        {started && !canRecord && event.status === 'SCHEDULED' && (
          <Alert severity="info" sx={{ mb: 1 }}>
            The facilitator or staff record attendance.
          </Alert>
        )}
        {seated.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Nobody has a seat yet.
          </Typography>
        ) : (
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                {canRecord && started && (
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={all}
                      indeterminate={some && !all}
                      onChange={() => setSelected(all ? new Set() : new Set(seated.map((r) => r.learner.id)))}
                      slotProps={{ input: { 'aria-label': 'Select every seated learner' } }}
                    />
                  </TableCell>
                )}
                <TableCell>Learner</TableCell>
                <TableCell>Attendance</TableCell>
                <TableCell>Asked</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {seated.map((rsvp) => (
                <TableRow
                  key={rsvp.id}
                  hover
                  selected={selected.has(rsvp.learner.id)}
                  data-testid="rsvp-seated"
                  data-learner-id={rsvp.learner.id}
                >
                  {canRecord && started && (
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(rsvp.learner.id)}
                        onChange={() => toggle(rsvp.learner.id)}
                        slotProps={{ input: { 'aria-label': `Select ${rsvp.learner.name}` } }}
                      />
                    </TableCell>
                  )}
                  <TableCell>{learnerLink(rsvp)}</TableCell>
                  <TableCell>
                    <AttendanceChip attendance={rsvp.attendance} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatInZone(rsvp.queuedAt, timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * One coaching event, at /events/:id/show: when and who, the seated learners (with attendance once it
 * has started), the waitlist in order and who withdrew. Staff edit or cancel it here.
 */
export default function EventPage() {
  const { id = '' } = useParams();
  return <EventFor key={id} id={id} />;
}

function EventFor({ id }: { id: string }) {
  const { data: event, error, isPending } = useCoachingEvent(id);
  const { id: meId, isStaff, timeZone } = useViewer();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const changed = useEventChanged();
  const [editing, setEditingState] = useState<'edit' | 'cancel' | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const waitlistId = useId();
  const withdrewId = useId();
  const loaded = !!event;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const setEditing = (next: 'edit' | 'cancel') => {
    setEditingState(next);
    setDialogOpen(true);
  };
  const close = () => setDialogOpen(false);

  if (isPending) return <DetailLoading title="Event" what="event" />;
  if (error || !event) return <DetailMissing title="Event" what="event" error={error} backTo={EVENTS_PATH} backLabel="Back to events" />;

  const e = event;
  const facilitatorZone = safeZone(e.facilitator.timeZone);
  const started = Date.parse(e.startsAt) <= Date.now();
  const cancelled = e.status === 'CANCELLED';
  const facilitating = e.facilitator.id === meId;
  const canRecord = !cancelled && (isStaff || facilitating);
  const waitlist = e.rsvps.filter((r) => r.status === 'WAITLISTED').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const withdrew = e.rsvps.filter((r) => r.status === 'CANCELLED');

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={e.title} />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent sx={{ pb: '16px !important' }}>
          <Button component={RouterLink} to={EVENTS_PATH} size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 1, ml: -0.5 }}>
            Back to events
          </Button>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'flex-start' } }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography ref={headingRef} tabIndex={-1} variant="h5" component="h1" sx={{ outline: 'none' }}>
                {e.title}
              </Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1, rowGap: 1 }}>
                <EventTypeChip type={e.type} />
                <EventStatusChip event={e} />
                <Typography variant="body2" color="text.secondary">
                  {formatSpan(e.startsAt, e.endsAt, timeZone)} {zoneAbbreviation(timeZone, e.startsAt)} · facilitated by{' '}
                  {facilitating ? 'you' : e.facilitator.name}
                </Typography>
              </Stack>
            </Box>
            {isStaff && !cancelled && (
              <Stack direction="row" spacing={1} sx={{ flex: 'none' }}>
                <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing('edit')}>
                  Edit
                </Button>
                {!started && (
                  <Button variant="outlined" color="warning" startIcon={<EventBusyIcon />} onClick={() => setEditing('cancel')}>
                    Cancel event
                  </Button>
                )}
              </Stack>
            )}
          </Stack>
          {cancelled && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              Cancelled{e.cancelReason ? `: ${e.cancelReason}` : ''}.
            </Alert>
          )}
        </CardContent>
      </Card>

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Stack spacing={2}>
            <SeatedList event={e} canRecord={canRecord} timeZone={timeZone} />
            <Card variant="outlined" component="section" aria-labelledby={waitlistId} data-testid="event-waitlist-card">
              <CardContent>
                <Typography id={waitlistId} variant="h6" component="h2" gutterBottom>
                  Waitlist ({waitlist.length})
                </Typography>
                {waitlist.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    Nobody is waiting{e.seats.seated >= e.capacity ? '' : ': there are free seats'}.
                  </Typography>
                ) : (
                  <>
                    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                      In order: the first takes the next seat that frees up.
                    </Typography>
                    <Table size="small" aria-labelledby={waitlistId}>
                      <TableHead>
                        <TableRow>
                          <TableCell sx={{ width: 60 }}>Place</TableCell>
                          <TableCell>Learner</TableCell>
                          <TableCell>Asked</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {waitlist.map((rsvp) => (
                          <TableRow key={rsvp.id} data-testid="rsvp-waitlisted">
                            <TableCell>{rsvp.waitlistPosition}</TableCell>
                            <TableCell>{learnerLink(rsvp)}</TableCell>
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatInZone(rsvp.queuedAt, timeZone)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </>
                )}
              </CardContent>
            </Card>
            {withdrew.length > 0 && (
              <Card variant="outlined" component="section" aria-labelledby={withdrewId}>
                <CardContent>
                  <Typography id={withdrewId} variant="subtitle1" component="h2" gutterBottom>
                    Withdrew ({withdrew.length})
                  </Typography>
                  <Typography variant="body2">
                    {withdrew.map((r, i) => (
                      <span key={r.id}>
                        {i > 0 && ', '}
                        {learnerLink(r)}
                      </span>
                    ))}
                  </Typography>
                </CardContent>
              </Card>
            )}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Card variant="outlined" component="section" aria-label="Details">
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Details
              </Typography>
              <Box component="dl" sx={{ m: 0 }}>
                <Fact label="Your time">
                  {formatSpan(e.startsAt, e.endsAt, timeZone)} {zoneAbbreviation(timeZone, e.startsAt)}
                </Fact>
                {facilitatorZone !== timeZone && (
                  <Fact label={`${e.facilitator.name.split(' ')[0]}'s time`}>
                    {formatSpan(e.startsAt, e.endsAt, facilitatorZone)} {zoneAbbreviation(facilitatorZone, e.startsAt)}
                  </Fact>
                )}
                <Fact label="Length">{formatMinutes(e.durationMinutes)}</Fact>
                <Fact label="Seats">
                  {e.seats.seated} of {e.capacity} taken{e.seats.waitlisted ? `, ${e.seats.waitlisted} waiting` : ''}
                </Fact>
                <Fact label="Link">
                  {e.link ? (
                    <Link href={e.link} target="_blank" rel="noreferrer">
                      {e.link}
                    </Link>
                  ) : (
                    'None yet'
                  )}
                </Fact>
              </Box>
              {e.description && (
                <Typography variant="body2" sx={{ mt: 2, whiteSpace: 'pre-wrap' }}>
                  {e.description}
                </Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
      </Grid>

      {isStaff && (
        <>
          <EventDialog
            open={dialogOpen && editing === 'edit'}
            event={e}
            timeZone={timeZone}
            onClose={close}
            onCreate={async () => undefined}
            onUpdate={async (eventId, patch) => {
              const { data } = await dataProvider.updateCoachingEvent(eventId, patch);
              changed(data);
              close();
              notify(`Saved “${data.title}”; attendees' calendars get the change.`, { type: 'success' });
            }}
          />
          <ReasonDialog
            open={dialogOpen && editing === 'cancel'}
            title={`Cancel “${e.title}”?`}
            label="Why (attendees read it)"
            confirmLabel="Cancel event"
            confirmColor="warning"
            onClose={close}
            onConfirm={async (reason) => {
              try {
                const { data } = await dataProvider.cancelCoachingEvent(e.id, reason);
                changed(data);
              } catch (err) {
                changed();
                throw new Error(readApiError(err, 'The event could not be cancelled.').message);
              }
              close();
              notify(`Cancelled “${e.title}”.`, { type: 'info' });
            }}
          >
            {`${e.seats.seated} seated and ${e.seats.waitlisted} waitlisted learners see it cancelled, in Waypoint and in their calendars.`}
          </ReasonDialog>
        </>
      )}
    </Box>
  );
}
