import { useId, useMemo, useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Title, useNotify } from 'react-admin';
import { ExportButton } from '../exports/ExportButton';
import { readApiError } from '../common/apiErrors';
import { ListState } from '../common/ListState';
import { ReasonDialog } from '../common/ReasonDialog';
import { useViewer } from '../common/useViewer';
import { addDays, formatInZone, formatMinutes, fromLocalInput, localDate, zoneLabel } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { EventDialog } from './EventDialog';
import { EventStatusChip, EventTypeChip, Seats } from './EventChips';
import { isEventRange, RANGE_DAYS, type EventRange } from './labels';
import type { CoachingEventRow } from './types';
import { eventPath, useEventChanged, useEvents } from './useEvents';
import { visuallyHidden } from '../common/visuallyHidden';

type Editing = { type: 'create' } | { type: 'edit'; event: CoachingEventRow } | { type: 'cancel'; event: CoachingEventRow } | null;

/**
 * Coaching events: upcoming (from today) or recent, with type, facilitator, start in the viewer's zone,
 * seats taken of the capacity, the waitlist and where each stands. Staff create, edit and cancel here;
 * each event's page has its RSVPs and attendance.
 */
export default function EventListPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { isStaff, timeZone, id: meId } = useViewer();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const changed = useEventChanged();
  const headingId = useId();
  const [editing, setEditingState] = useState<Editing>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const setEditing = (next: Editing) => {
    setEditingState(next);
    setDialogOpen(true);
  };
  const close = () => setDialogOpen(false);

  const rangeParam = searchParams.get('range');
  const range: EventRange = isEventRange(rangeParam) ? rangeParam : 'upcoming';
  // From the start of today (an event under way stays in reach for attendance) or back RANGE_DAYS.
  const today = localDate(new Date(), timeZone);
  const { from, to } = useMemo(() => {
    const startOfToday = fromLocalInput(today, timeZone)!;
    return range === 'upcoming'
      ? { from: startOfToday.toISOString(), to: fromLocalInput(addDays(today, RANGE_DAYS), timeZone)!.toISOString() }
      : { from: fromLocalInput(addDays(today, -RANGE_DAYS), timeZone)!.toISOString(), to: startOfToday.toISOString() };
  }, [range, today, timeZone]);
  const { data, error, isPending, isFetching, refetch } = useEvents(from, to);
  const events = range === 'past' ? [...(data ?? [])].reverse() : (data ?? []);

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Events" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent sx={{ pb: 1 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
            <div>
              <Typography id={headingId} variant="h5" component="h1">
                Coaching events
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Workshops, Q&amp;As, mock interviews and networking. Times in your zone, {zoneLabel(timeZone)}.
              </Typography>
            </div>
            {isStaff && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
                <ExportButton name="attendance" label="Export attendance" variant="text" />
                <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ type: 'create' })}>
                  New event
                </Button>
              </Stack>
            )}
          </Stack>
        </CardContent>
        <Tabs
          value={range}
          onChange={(_, value: EventRange) => setSearchParams(value === 'upcoming' ? {} : { range: value }, { replace: true })}
          aria-label="Which events"
          sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
        >
          <Tab value="upcoming" label={`Today and next ${RANGE_DAYS} days`} id="events-tab-upcoming" aria-controls="event-items" />
          <Tab value="past" label={`Past ${RANGE_DAYS} days`} id="events-tab-past" aria-controls="event-items" />
        </Tabs>
        <Box sx={{ height: 4 }}>{isFetching && !isPending && <LinearProgress aria-label="Loading events" />}</Box>
        <Box id="event-items" role="tabpanel" aria-labelledby={`events-tab-${range}`}>
          <ListState
            error={error}
            isPending={isPending}
            isEmpty={events.length === 0}
            what="events"
            onRetry={() => void refetch()}
            empty={
              <>
                <Typography variant="subtitle1" component="p">
                  {range === 'upcoming' ? 'No event is planned.' : 'No event took place lately.'}
                </Typography>
                {isStaff && range === 'upcoming' && (
                  <Typography variant="body2" color="text.secondary">
                    Create one with “New event”.
                  </Typography>
                )}
              </>
            }
          >
            <Table size="small" aria-label={range === 'upcoming' ? 'Upcoming events, soonest first' : 'Past events, latest first'}>
              <TableHead>
                <TableRow>
                  <TableCell>Event</TableCell>
                  <TableCell>Facilitator</TableCell>
                  <TableCell>Starts (your time)</TableCell>
                  <TableCell>Length</TableCell>
                  <TableCell>Seats</TableCell>
                  <TableCell>Waitlist</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell align="right">
                    <Box component="span" sx={visuallyHidden}>
                      Actions
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {events.map((event) => {
                  const cancelled = event.status === 'CANCELLED';
                  const started = Date.parse(event.startsAt) <= Date.now();
                  return (
                    <TableRow
                      key={event.id}
                      hover
                      data-testid="event-row"
                      data-event-id={event.id}
                      sx={{ '& > td': { opacity: cancelled ? 0.6 : 1 } }}
                    >
                      <TableCell>
                        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                          <EventTypeChip type={event.type} />
                          <Link
                            component={RouterLink}
                            to={eventPath(event.id)}
                            sx={{ fontWeight: 500, textDecoration: cancelled ? 'line-through' : undefined }}
                          >
                            {event.title}
                          </Link>
                        </Stack>
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{event.facilitator.id === meId ? 'You' : event.facilitator.name}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatInZone(event.startsAt, timeZone)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatMinutes(event.durationMinutes)}</TableCell>
                      <TableCell>
                        <Seats event={event} />
                      </TableCell>
                      <TableCell data-testid="event-waitlist">{event.seats.waitlisted || '–'}</TableCell>
                      <TableCell>
                        <EventStatusChip event={event} />
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {isStaff && !cancelled && (
                          <>
                            <Tooltip title="Edit">
                              <IconButton size="small" aria-label={`Edit ${event.title}`} onClick={() => setEditing({ type: 'edit', event })}>
                                <EditIcon fontSize="small" />
                              </IconButton>
                            </Tooltip>
                            {!started && (
                              <Tooltip title="Cancel the event">
                                <IconButton size="small" aria-label={`Cancel ${event.title}`} onClick={() => setEditing({ type: 'cancel', event })}>
                                  <EventBusyIcon fontSize="small" />
                                </IconButton>
                              </Tooltip>
                            )}
                          </>
                        )}
                        <Button
                          size="small"
                          component={RouterLink}
                          to={eventPath(event.id)}
                          endIcon={<ArrowForwardIcon />}
                          aria-label={`Open ${event.title}`}
                        >
                          Open
                        </Button>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </ListState>
        </Box>
      </Card>

      {isStaff && (
        <>
          <EventDialog
            open={dialogOpen && (editing?.type === 'create' || editing?.type === 'edit')}
            event={editing?.type === 'edit' ? editing.event : undefined}
            timeZone={timeZone}
            onClose={close}
            onCreate={async (input) => {
              const { data: created } = await dataProvider.createCoachingEvent(input);
              changed(created);
              close();
              notify(`Created “${created.title}”, ${formatInZone(created.startsAt, timeZone)}.`, { type: 'success' });
            }}
            onUpdate={async (id, patch) => {
              const { data: saved } = await dataProvider.updateCoachingEvent(id, patch);
              changed(saved);
              close();
              notify(`Saved “${saved.title}”; attendees' calendars get the change.`, { type: 'success' });
            }}
          />
          <ReasonDialog
            open={dialogOpen && editing?.type === 'cancel'}
            title={`Cancel “${editing?.type === 'cancel' ? editing.event.title : ''}”?`}
            label="Why (attendees read it)"
            confirmLabel="Cancel event"
            confirmColor="warning"
            onClose={close}
            onConfirm={async (reason) => {
              if (editing?.type !== 'cancel') return;
              try {
                const { data: cancelled } = await dataProvider.cancelCoachingEvent(editing.event.id, reason);
                changed(cancelled);
              } catch (e) {
                changed();
                throw new Error(readApiError(e, 'The event could not be cancelled.').message);
              }
              close();
              notify(`Cancelled “${editing.event.title}”.`, { type: 'info' });
            }}
          >
            {editing?.type === 'cancel'
              ? `${editing.event.seats.seated} seated and ${editing.event.seats.waitlisted} waitlisted learners see it cancelled, in Waypoint and in their calendars.`
              : ''}
          </ReasonDialog>
        </>
      )}
    </Box>
  );
}
