import { useEffect, useId, useRef, useState } from 'react';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
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
import { formatInZone, formatMinutes, formatSpan, safeZone, zoneAbbreviation } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { EventDialog } from './EventDialog';
import { EventStatusChip, EventTypeChip } from './EventChips';
import { EVENTS_PATH, useCoachingEvent, useEventChanged } from './useEvents';
import { DetailLoading, DetailMissing } from '../common/DetailState';
import { Fact } from '../common/Fact';
import { learnerLink, SeatedList } from './SeatedList';

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
                <Fact labelWidth={100} label="Your time">
                  {formatSpan(e.startsAt, e.endsAt, timeZone)} {zoneAbbreviation(timeZone, e.startsAt)}
                </Fact>
                {facilitatorZone !== timeZone && (
                  <Fact labelWidth={100} label={`${e.facilitator.name.split(' ')[0]}'s time`}>
                    {formatSpan(e.startsAt, e.endsAt, facilitatorZone)} {zoneAbbreviation(facilitatorZone, e.startsAt)}
                  </Fact>
                )}
                <Fact labelWidth={100} label="Length">{formatMinutes(e.durationMinutes)}</Fact>
                <Fact labelWidth={100} label="Seats">
                  {e.seats.seated} of {e.capacity} taken{e.seats.waitlisted ? `, ${e.seats.waitlisted} waiting` : ''}
                </Fact>
                <Fact labelWidth={100} label="Link">
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
