import { useId, useState } from 'react';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import GroupsIcon from '@mui/icons-material/Groups';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Confirm, Title, useNotify, usePermissions } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime, formatLocalDate } from '../common/dates';
import { localDate, safeZone } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { useScheduleTemplate } from '../schedule/useSchedule';
import { OUTCOME_LABELS, PRACTICE_LABELS, type MorningSession, type PracticeType } from './types';

/** Today's date (YYYY-MM-DD) in a time zone. */
const todayIn = (timeZone: string | undefined) => localDate(new Date(), safeZone(timeZone));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

function PracticeChip({ type }: { type: PracticeType }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={PRACTICE_LABELS[type] ?? type}
      color={type === 'TECHNICAL' ? 'primary' : 'secondary'}
    />
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="h4" component="p" aria-label={`${label}: ${value}`}>
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary" aria-hidden>
        {label}
      </Typography>
    </Box>
  );
}

const learnerLink = (learnerId: string, name: string) => (
  <Link component={RouterLink} to={`/learners/${encodeURIComponent(learnerId)}/show`}>
    {name}
  </Link>
);

function Session({ session, canPair, onPaired }: { session: MorningSession; canPair: boolean; onPaired: () => Promise<void> }) {
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const [groupsOfThree, setGroupsOfThree] = useState(session.groupsOfThree);
  const [confirming, setConfirming] = useState(false);
  const [pairing, setPairing] = useState(false);
  const groupsId = useId();
  const signUpsId = useId();
  const oddOnes = session.signUps.filter((s) => s.outcome === 'ODD_ONE_OUT');

  const pair = async () => {
    setPairing(true);
    try {
      const { data } = await dataProvider.pairMorningSession(session.date, groupsOfThree);
      notify(`Paired: ${data.groups.length} ${data.groups.length === 1 ? 'group' : 'groups'}.`, { type: 'success' });
      await onPaired();
    } catch (error) {
      notify(readApiError(error).message, { type: 'error', multiLine: true });
    } finally {
      setPairing(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            {session.title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {timeOf(session.startsAt)}–{timeOf(session.endsAt)} your time · sign-ups close at {formatDateTime(session.cutoffAt)}
          </Typography>
          <Stack direction="row" spacing={4} sx={{ my: 2, flexWrap: 'wrap' }}>
            <Figure label="Signed up" value={session.signUpCount} />
            <Figure label="Technical" value={session.technicalCount} />
            <Figure label="Behavioral" value={session.behavioralCount} />
          </Stack>
          {session.pairedAt ? (
            <Alert severity="success">Paired at {formatDateTime(session.pairedAt)}; sign-ups are closed.</Alert>
          ) : (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
              <Typography variant="body2" sx={{ flex: 1 }}>
                {Date.parse(session.cutoffAt) <= Date.now()
                  ? `Sign-ups closed at ${formatDateTime(session.cutoffAt)}; the pairs have not been made yet.`
                  : `Not paired yet. Pairs are made at the cut-off, ${formatDateTime(session.cutoffAt)}.`}
              </Typography>
              {canPair && (
                <>
                  <FormControlLabel
                    control={<Switch checked={groupsOfThree} onChange={(e) => setGroupsOfThree(e.target.checked)} />}
                    label="Odd one out joins a group of three"
                  />
                  <Button variant="contained" startIcon={<GroupsIcon />} onClick={() => setConfirming(true)} disabled={pairing}>
                    Pair now
                  </Button>
                </>
              )}
            </Stack>
          )}
        </CardContent>
      </Card>

      {session.pairedAt && (
        <Card variant="outlined" component="section" aria-labelledby={groupsId} sx={{ mt: 2 }}>
          <CardContent>
            <Typography id={groupsId} variant="h6" component="h2" gutterBottom>
              Groups
            </Typography>
            {oddOnes.length > 0 && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                Odd one out: {oddOnes.map((s) => s.name).join(', ')} had no partner and {oddOnes.length === 1 ? 'was' : 'were'} told so.
              </Alert>
            )}
            {session.groups.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No groups: too few sign-ups to pair.
              </Typography>
            ) : (
              <Grid container spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-labelledby={groupsId}>
                {session.groups.map((group) => (
                  <Grid key={group.number} size={{ xs: 12, sm: 6, lg: 4 }} component="li" data-testid="morning-group">
                    <Card variant="outlined" sx={{ height: '100%' }}>
                      <CardContent>
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                            Group {group.number}
                          </Typography>
                          {group.mixedPractice && <Chip size="small" color="warning" variant="outlined" label="Mixed practice" />}
                        </Stack>
                        <Stack spacing={0.75}>
                          {group.members.map((m) => (
                            <Stack key={m.learnerId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                              <Typography variant="body2" sx={{ flex: 1 }}>
                                {learnerLink(m.learnerId, m.name)}
                              </Typography>
                              <PracticeChip type={m.practiceType} />
                            </Stack>
                          ))}
                        </Stack>
                      </CardContent>
                    </Card>
                  </Grid>
                ))}
              </Grid>
            )}
          </CardContent>
        </Card>
      )}

      <Card variant="outlined" component="section" aria-labelledby={signUpsId} sx={{ mt: 2 }}>
        <CardContent>
          <Typography id={signUpsId} variant="h6" component="h2" gutterBottom>
            Sign-ups
          </Typography>
          {session.signUps.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              Nobody has signed up yet.
            </Typography>
          ) : (
            <Table size="small" aria-labelledby={signUpsId}>
              <TableHead>
                <TableRow>
                  <TableCell>Learner</TableCell>
                  <TableCell>Practice</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Signed up</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {session.signUps.map((s) => (
                  <TableRow key={s.learnerId}>
                    <TableCell>{learnerLink(s.learnerId, s.name)}</TableCell>
                    <TableCell>
                      <PracticeChip type={s.practiceType} />
                    </TableCell>
                    <TableCell>
                      {OUTCOME_LABELS[s.outcome] ?? s.outcome}
                      {s.groupNumber != null ? ` · group ${s.groupNumber}` : ''}
                    </TableCell>
                    <TableCell>{formatDateTime(s.signedUpAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Confirm
        isOpen={confirming}
        loading={pairing}
        title="Pair now?"
        content={`Pairs are made once, and sign-ups close. ${session.signUpCount} signed up${
          session.signUpCount % 2 === 1 ? (groupsOfThree ? '; the odd one out joins a group of three.' : '; one will be the odd one out.') : '.'
        }`}
        confirm="Pair now"
        onConfirm={() => void pair()}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

/** A date's morning session: sign-ups, then the pairs; staff can pair before the cut-off. */
export default function MorningSessionPage() {
  const { permissions } = usePermissions();
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const { data: template, isPending: templatePending } = useScheduleTemplate();
  const [searchParams, setSearchParams] = useSearchParams();
  const dateParam = searchParams.get('date');
  const date = isDate(dateParam) ? dateParam : todayIn(template?.timeZone);
  const setDate = (value: string) => isDate(value) && setSearchParams({ date: value }, { replace: true });
  const queryKey = ['morningSession', date];
  const { data: session, error, isPending, refetch } = useQuery({
    queryKey,
    queryFn: async () => (await dataProvider.getMorningSession(date)).data,
    // "Today" is the program's today: wait for its time zone unless a date was given.
    enabled: isDate(dateParam) || !templatePending,
  });
  const weekday = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Morning session" />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h5" component="h1">
            Morning session
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Learners sign up to practise interviews with a peer; they are paired at the cut-off, same practice type first.
            {template ? ` Dates are in the program time zone, ${template.timeZone}.` : ''}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <IconButton aria-label="Previous day" onClick={() => setDate(addDays(date, -1))}>
              <ChevronLeftIcon />
            </IconButton>
            <TextField
              label="Date"
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              size="small"
              sx={{ width: 200, flex: 'none' }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <IconButton aria-label="Next day" onClick={() => setDate(addDays(date, 1))}>
              <ChevronRightIcon />
            </IconButton>
            <Button size="small" onClick={() => setDate(todayIn(template?.timeZone))}>
              Today
            </Button>
          </Stack>
        </CardContent>
      </Card>
      {error ? (
        <Alert severity="error" sx={{ mt: 2 }} action={<Button color="inherit" size="small" onClick={() => void refetch()}>Try again</Button>}>
          {readApiError(error, 'The morning session could not be loaded.').message}
        </Alert>
      ) : isPending ? (
        <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
          <CircularProgress aria-label="Loading the morning session" />
        </Box>
      ) : session ? (
        <Session
          key={session.date}
          session={session}
          canPair={permissions === 'STAFF'}
          onPaired={() => queryClient.invalidateQueries({ queryKey })}
        />
      ) : (
        <Alert severity="info" sx={{ mt: 2 }}>
          No morning session on {weekday}, {formatLocalDate(date)}: the schedule has no Morning session block that day.{' '}
          <Link component={RouterLink} to={`/schedule?day=${new Date(`${date}T12:00:00Z`).getUTCDay() || 7}`}>
            Open the schedule
          </Link>
        </Alert>
      )}
    </Box>
  );
}
