import { useEffect, useId, useMemo, useState } from 'react';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import GroupsIcon from '@mui/icons-material/Groups';
import LinkIcon from '@mui/icons-material/Link';
import VideoChatIcon from '@mui/icons-material/VideoChat';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { visuallyHidden } from '../common/visuallyHidden';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Title, useGetList } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { useViewer } from '../common/useViewer';
import {
  addDays,
  formatDay,
  formatTimeRange,
  fromLocalInput,
  isLocalDate,
  localDate,
  mondayOf,
  zoneLabel,
} from '../common/zones';
import { meetingPath, useCoachCalendar } from '../meetings/useMeetings';
import { CalendarFeedDialog } from './CalendarFeedDialog';
import type { CalendarEntry } from './types';

const eventPath = (id: string) => `/events/${encodeURIComponent(id)}/show`;

/** The two kinds apart at a glance: 1:1s in the primary blue, events in purple. */
const KIND_COLORS = {
  MEETING: { main: '#1976d2', soft: 'rgba(25, 118, 210, 0.08)', hover: 'rgba(25, 118, 210, 0.16)' },
  EVENT: { main: '#8e24aa', soft: 'rgba(142, 36, 170, 0.08)', hover: 'rgba(142, 36, 170, 0.16)' },
};

function Entry({ entry, timeZone }: { entry: CalendarEntry; timeZone: string }) {
  const navigate = useNavigate();
  const meeting = entry.kind === 'MEETING';
  const Icon = meeting ? VideoChatIcon : GroupsIcon;
  const colors = KIND_COLORS[entry.kind] ?? KIND_COLORS.EVENT;
  const time = formatTimeRange(entry.startsAt, entry.endsAt, timeZone);
  const past = Date.parse(entry.endsAt) <= Date.now();
  return (
    <ButtonBase
      onClick={() => navigate(meeting ? meetingPath(entry.id) : eventPath(entry.id))}
      focusRipple
      data-testid="calendar-entry"
      data-kind={entry.kind}
      data-entry-id={entry.id}
      sx={{
        display: 'block',
        width: '100%',
        textAlign: 'left',
        borderRadius: 1,
        borderLeft: 4,
        borderColor: colors.main,
        bgcolor: colors.soft,
        px: 1,
        py: 0.75,
        opacity: past ? 0.6 : 1,
        '&:hover': { bgcolor: colors.hover },
      }}
    >
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
        <Icon sx={{ fontSize: 16, color: colors.main }} aria-hidden />
        <Typography variant="caption" sx={{ fontWeight: 600 }}>
          {time}
        </Typography>
      </Stack>
      <Typography variant="body2" sx={{ lineHeight: 1.3, mt: 0.25, overflowWrap: 'anywhere' }}>
        {entry.title}
      </Typography>
      {/* Named by what it shows, then its kind in words (no aria-label: WCAG 2.5.3, label in name). */}
      <Box component="span" sx={visuallyHidden}>
        {meeting ? ' (1:1 meeting)' : ' (event you facilitate)'}
      </Box>
    </ButtonBase>
  );
}

/**
 * A coach's week, Monday to Sunday in the viewer's zone: their scheduled 1:1s and the events they
 * facilitate, each with its time and title; a click opens it. Coaches see their own; staff pick a coach.
 */
export default function CalendarPage() {
  const { id: meId, isStaff, timeZone, viewer, loaded } = useViewer();
  const [searchParams, setSearchParams] = useSearchParams();
  // ?feed=1 (the user menu's "Calendar link") opens the calendar-feed dialog.
  const feedParam = searchParams.get('feed') === '1';
  const [feedOpen, setFeedOpen] = useState(feedParam);
  useEffect(() => {
    if (feedParam) setFeedOpen(true);
  }, [feedParam]);
  const headingId = useId();

  const today = localDate(new Date(), timeZone);
  const weekParam = searchParams.get('week');
  const week = isLocalDate(weekParam) ? mondayOf(weekParam) : mondayOf(today);
  const coachId = isStaff ? (searchParams.get('coach') ?? undefined) : meId;

  const { data: coaches } = useGetList(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: isStaff },
  );
  const coach = isStaff ? coaches?.find((c) => String(c.id) === coachId) : viewer;

  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(week, i)), [week]);
  // The week's bounds as instants: midnight on Monday and on the next Monday, in the viewer's zone.
  const from = loaded ? fromLocalInput(week, timeZone)?.toISOString() : undefined;
  const to = loaded ? fromLocalInput(addDays(week, 7), timeZone)?.toISOString() : undefined;
  const { data: entries, error, isPending, isFetching, refetch } = useCoachCalendar(coachId, from, to);

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarEntry[]>(days.map((d) => [d, []]));
    for (const entry of entries ?? []) {
      // An entry that began before Monday still shows on Monday.
      const day = localDate(entry.startsAt, timeZone);
      (map.get(day) ?? map.get(days[0]))?.push(entry);
    }
    return map;
  }, [entries, days, timeZone]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };
  const goTo = (monday: string) => update({ week: monday === mondayOf(today) ? undefined : monday });

  const title = `${formatDay(days[0], { day: 'numeric', month: 'short' })} – ${formatDay(days[6], { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const count = entries?.length ?? 0;

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Calendar" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography id={headingId} variant="h5" component="h1">
                {isStaff ? (coach ? `${coach.name}'s week` : 'Coaches’ calendars') : 'My week'}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Scheduled 1:1s and the events {isStaff ? 'they facilitate' : 'you facilitate'}. Times in your zone, {zoneLabel(timeZone)}
                {isStaff && coach && coach.timeZone !== timeZone ? `; ${coach.name.split(' ')[0]} works in ${coach.timeZone}` : ''}.
              </Typography>
            </Box>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flex: 'none' }}>
              {isStaff && (
                <TextField
                  select
                  size="small"
                  label="Coach"
                  value={coachId ?? ''}
                  onChange={(e) => update({ coach: e.target.value || undefined })}
                  sx={{ width: 220 }}
                  slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                >
                  <MenuItem value="" disabled>
                    Pick a coach
                  </MenuItem>
                  {(coaches ?? []).map((c) => (
                    <MenuItem key={c.id} value={String(c.id)}>
                      {c.name}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <Button variant="outlined" startIcon={<LinkIcon />} onClick={() => setFeedOpen(true)}>
                Get my calendar link
              </Button>
            </Stack>
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 2 }}>
            <IconButton aria-label="Previous week" onClick={() => goTo(addDays(week, -7))}>
              <ChevronLeftIcon />
            </IconButton>
            <IconButton aria-label="Next week" onClick={() => goTo(addDays(week, 7))}>
              <ChevronRightIcon />
            </IconButton>
            <Typography variant="h6" component="h2" sx={{ minWidth: 0 }} data-testid="calendar-week">
              {title}
            </Typography>
            <Button size="small" onClick={() => goTo(mondayOf(today))} disabled={week === mondayOf(today)}>
              This week
            </Button>
            <Box sx={{ flex: 1 }} />
            {coachId && entries && (
              <Typography variant="body2" color="text.secondary">
                {count === 0 ? 'Nothing this week' : `${count} ${count === 1 ? 'entry' : 'entries'}`}
              </Typography>
            )}
          </Stack>
        </CardContent>
        <Box sx={{ height: 4 }}>{coachId && isFetching && <LinearProgress aria-label="Loading the calendar" />}</Box>
        {isStaff && !coachId ? (
          <Alert severity="info" sx={{ m: 2 }}>
            Pick a coach to see their week.
          </Alert>
        ) : error ? (
          <Alert
            severity="error"
            sx={{ m: 2 }}
            action={
              <Button color="inherit" size="small" onClick={() => void refetch()}>
                Try again
              </Button>
            }
          >
            {readApiError(error, 'The calendar could not be loaded.').message}
          </Alert>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Box
              role="list"
              aria-label={`Week of ${title}`}
              sx={{
                display: 'grid',
                gridTemplateColumns: 'repeat(7, minmax(130px, 1fr))',
                borderTop: 1,
                borderColor: 'divider',
                minHeight: 320,
              }}
            >
              {days.map((day, index) => {
                const isToday = day === today;
                const dayEntries = byDay.get(day) ?? [];
                return (
                  <Box
                    key={day}
                    role="listitem"
                    data-testid="calendar-day"
                    data-date={day}
                    aria-label={`${formatDay(day, { weekday: 'long', day: 'numeric', month: 'long' })}: ${
                      dayEntries.length ? `${dayEntries.length} ${dayEntries.length === 1 ? 'entry' : 'entries'}` : 'free'
                    }`}
                    sx={{
                      borderLeft: index === 0 ? 0 : 1,
                      borderColor: 'divider',
                      bgcolor: index >= 5 ? 'action.hover' : undefined,
                      display: 'flex',
                      flexDirection: 'column',
                    }}
                  >
                    <Box
                      sx={{
                        px: 1,
                        py: 1,
                        borderBottom: 1,
                        borderColor: 'divider',
                        bgcolor: isToday ? 'primary.main' : undefined,
                        color: isToday ? 'primary.contrastText' : undefined,
                      }}
                    >
                      <Typography variant="caption" component="div" sx={{ textTransform: 'uppercase', letterSpacing: 0.5, opacity: 0.85 }}>
                        {formatDay(day, { weekday: 'short' })}
                        {isToday ? ' · today' : ''}
                      </Typography>
                      <Typography variant="subtitle1" component="div" sx={{ fontWeight: 600, lineHeight: 1.2 }}>
                        {formatDay(day, { day: 'numeric', month: 'short' })}
                      </Typography>
                    </Box>
                    <Stack spacing={0.75} sx={{ p: 0.75, flex: 1 }}>
                      {isPending && coachId ? null : dayEntries.length === 0 ? (
                        <Typography variant="caption" color="text.secondary" sx={{ px: 0.5, pt: 0.5 }}>
                          Free
                        </Typography>
                      ) : (
                        dayEntries.map((entry) => <Entry key={`${entry.kind}-${entry.id}`} entry={entry} timeZone={timeZone} />)
                      )}
                    </Stack>
                  </Box>
                );
              })}
            </Box>
          </Box>
        )}
        <Stack direction="row" spacing={2} sx={{ px: 2, py: 1.5, borderTop: 1, borderColor: 'divider' }} aria-hidden>
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <VideoChatIcon sx={{ fontSize: 16, color: KIND_COLORS.MEETING.main }} />
            <Typography variant="caption">1:1 meeting</Typography>
          </Stack>
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <GroupsIcon sx={{ fontSize: 16, color: KIND_COLORS.EVENT.main }} />
            <Typography variant="caption">Coaching event</Typography>
          </Stack>
        </Stack>
      </Card>
      <CalendarFeedDialog
        open={feedOpen}
        onClose={() => {
          setFeedOpen(false);
          if (searchParams.has('feed')) update({ feed: undefined });
        }}
      />
    </Box>
  );
}
