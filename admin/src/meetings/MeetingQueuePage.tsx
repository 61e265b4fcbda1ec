import { CountTabs } from '../common/CountTabs';
import { useEffect, useId } from 'react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
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
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Title, useGetList } from 'react-admin';
import { ListState } from '../common/ListState';
import { useViewer } from '../common/useViewer';
import { formatAgo, formatInZone, safeZone, zoneLabel } from '../common/zones';
import { isMeetingView, MEETING_VIEWS } from './labels';
import { MeetingStatusChip, TopicLabel, UrgentChip, ZonedSpan } from './MeetingChips';
import type { MeetingRow, MeetingView } from './types';
import { meetingPath, rememberMeetingSearch, useMeetingQueue } from './useMeetings';
import { visuallyHidden } from '../common/visuallyHidden';

const PER_PAGE = 25;

/** When: the preferred windows of a request, the slot of a scheduled (or past) meeting. */
function WhenCell({ meeting, timeZone }: { meeting: MeetingRow; timeZone: string }) {
  if (meeting.startsAt && meeting.endsAt) {
    return <ZonedSpan startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={timeZone} compact />;
  }
  const now = Date.now();
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Preferred windows">
      {meeting.windows.map((w) => {
        // A window that has passed is struck through, not faded: faded text fails contrast (WCAG 1.4.3).
        const past = Date.parse(w.endsAt) <= now;
        return (
          <Box component="li" key={w.startsAt} sx={{ textDecoration: past ? 'line-through' : 'none' }}>
            <ZonedSpan {...w} timeZone={timeZone} compact />
            {past && <Box component="span" sx={visuallyHidden}> (passed)</Box>}
          </Box>
        );
      })}
    </Box>
  );
}

/**
 * Meeting requests a coach works from: urgent offers first, then the oldest request, as the API
 * orders them. Tabs for requested, scheduled, mine (coaches) and all; staff narrow to a coach.
 * Times are in the viewer's zone; each meeting's page shows both people's.
 */
export default function MeetingQueuePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { id: meId, isStaff, timeZone } = useViewer();
  const headingId = useId();
  const zone = safeZone(timeZone);

  const views = MEETING_VIEWS.filter((v) => !v.coachesOnly || !isStaff);
  const viewParam = searchParams.get('view');
  const view: MeetingView = isMeetingView(viewParam) && views.some((v) => v.id === viewParam) ? viewParam : 'requested';
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const coachId = isStaff ? (searchParams.get('coach') ?? undefined) : undefined;

  const search = searchParams.toString();
  useEffect(() => rememberMeetingSearch(search ? `?${search}` : ''), [search]);

  const { data, error, isPending, isFetching, refetch } = useMeetingQueue({ view, coachId, page, perPage: PER_PAGE });
  const { data: coaches } = useGetList(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: isStaff },
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next, { replace: true });
  };

  const current = views.find((v) => v.id === view)!;
  const items = data?.items ?? [];
  const now = Date.now();

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="1:1 meetings" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent sx={{ pb: 1 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
            <div>
              <Typography id={headingId} variant="h5" component="h1">
                1:1 meetings
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Urgent offers first, then the oldest request. Times in your zone, {zoneLabel(zone)}.
              </Typography>
            </div>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
              {isStaff && (
                <TextField
                  select
                  size="small"
                  label="Coach"
                  value={coachId ?? ''}
                  onChange={(e) => update({ coach: e.target.value || undefined, page: undefined })}
                  sx={{ minWidth: 200 }}
                  slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                >
                  <MenuItem value="">All coaches</MenuItem>
                  {(coaches ?? []).map((c) => (
                    <MenuItem key={c.id} value={String(c.id)}>
                      {c.name}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <Button component={RouterLink} to="/calendar" startIcon={<CalendarMonthIcon />} sx={{ whiteSpace: 'nowrap' }}>
                {isStaff ? 'Calendars' : 'My week'}
              </Button>
            </Stack>
          </Stack>
        </CardContent>
        <CountTabs
          value={view}
          onChange={(value: MeetingView) => update({ view: value === 'requested' ? undefined : value, page: undefined })}
          views={views}
          counts={data?.counts}
          alert={{ id: 'requested', color: 'warning.dark' }}
          idPrefix="meetings-tab"
          controls="meeting-items"
          label="Meetings"
        />
        <Box sx={{ height: 4 }}>{isFetching && !isPending && <LinearProgress aria-label="Loading meetings" />}</Box>
        <Box id="meeting-items" role="tabpanel" aria-labelledby={`meetings-tab-${view}`}>
          <ListState
            error={error}
            isPending={isPending}
            isEmpty={items.length === 0}
            what="meetings"
            onRetry={() => void refetch()}
            empty={
              <Typography variant="subtitle1" component="p">
                {current.empty}
              </Typography>
            }
          >
            <>
              <Table size="small" aria-label={`${current.label} meetings, urgent first, then the oldest request`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Learner</TableCell>
                    <TableCell>Topic</TableCell>
                    <TableCell>Requested</TableCell>
                    <TableCell>When (your time)</TableCell>
                    <TableCell>Coach</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell align="right">
                      <Box component="span" sx={visuallyHidden}>
                        Actions
                      </Box>
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((meeting) => (
                    <TableRow
                      key={meeting.id}
                      hover
                      data-testid="meeting-row"
                      data-meeting-id={meeting.id}
                      data-urgent={meeting.urgent ? 'true' : 'false'}
                      sx={{
                        '& > td': { verticalAlign: 'top', py: 1.25 },
                        '& > td:first-of-type': { borderLeft: 5, borderLeftColor: meeting.urgent ? 'error.main' : 'transparent' },
                        ...(meeting.urgent ? { bgcolor: 'rgba(211, 47, 47, 0.04)' } : {}),
                      }}
                    >
                      <TableCell>
                        <Typography variant="body2" sx={{ fontWeight: 500 }}>
                          {meeting.learner.name}
                        </Typography>
                        {meeting.urgent && (
                          <Box sx={{ mt: 0.5 }}>
                            <UrgentChip />
                          </Box>
                        )}
                      </TableCell>
                      <TableCell sx={{ maxWidth: 280 }}>
                        <TopicLabel topic={meeting.topic} />
                        {meeting.note && (
                          <Typography
                            variant="caption"
                            color="text.secondary"
                            component="p"
                            sx={{ m: 0, overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
                            title={meeting.note}
                          >
                            {meeting.note}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Tooltip title={formatInZone(meeting.requestedAt, zone)}>
                          <span>{formatAgo(meeting.requestedAt, now)}</span>
                        </Tooltip>
                      </TableCell>
                      <TableCell>
                        <WhenCell meeting={meeting} timeZone={zone} />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{meeting.coach.id === meId ? 'You' : meeting.coach.name}</TableCell>
                      <TableCell>
                        <MeetingStatusChip status={meeting.status} />
                      </TableCell>
                      <TableCell align="right">
                        <Button
                          size="small"
                          variant={meeting.status === 'REQUESTED' ? 'contained' : 'text'}
                          component={RouterLink}
                          to={meetingPath(meeting.id)}
                          endIcon={<ArrowForwardIcon />}
                          // Starts with the visible word: a speech user says what they see (WCAG 2.5.3).
                          aria-label={`${meeting.status === 'REQUESTED' ? 'Answer' : 'Open'} ${meeting.learner.name}'s meeting`}
                          sx={{ whiteSpace: 'nowrap' }}
                        >
                          {meeting.status === 'REQUESTED' ? 'Answer' : 'Open'}
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {(data?.total ?? 0) > PER_PAGE && (
                <TablePagination
                  component="div"
                  count={data?.total ?? 0}
                  page={page - 1}
                  onPageChange={(_, p) => update({ page: p === 0 ? undefined : String(p + 1) })}
                  rowsPerPage={PER_PAGE}
                  rowsPerPageOptions={[PER_PAGE]}
                />
              )}
            </>
          </ListState>
        </Box>
      </Card>
    </Box>
  );
}
