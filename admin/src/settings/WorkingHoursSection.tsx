import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useGetList, useNotify } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { readApiError } from '../common/apiErrors';
import { ListState } from '../common/ListState';
import { useViewer } from '../common/useViewer';
import { safeZone, zoneLabel } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { useWorkingHours } from '../meetings/useMeetings';
import type { WorkingHours } from '../meetings/types';
import { WEEKDAY_NAMES } from '../schedule/kinds';
import { workingHoursKey } from './useSettings';

type Day = { working: boolean; startTime: string; endTime: string };
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One row per weekday: the day's earliest start and latest end, or off. */
function toDays(hours: WorkingHours[]): Day[] {
  return WEEKDAYS.map((weekday) => {
    const spans = hours.filter((h) => h.weekday === weekday);
    if (!spans.length) return { working: false, startTime: '09:00', endTime: '17:00' };
    return {
      working: true,
      startTime: spans.map((s) => s.startTime).sort()[0],
      endTime: spans.map((s) => s.endTime).sort().at(-1)!,
    };
  });
}

function dayProblem(day: Day): string | null {
  if (!day.working) return null;
  if (!TIME.test(day.startTime) || !TIME.test(day.endTime)) return 'Give a start and an end, e.g. 09:00 and 17:00.';
  if (day.endTime <= day.startTime) return 'The end must be after the start.';
  return null;
}

/** The week a coach takes 1:1s in, in the coach's own zone; saved whole with one Save. */
export function WorkingHoursSection() {
  const { id: meId, isStaff, isCoach, viewer } = useViewer();
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [searchParams, setSearchParams] = useSearchParams();
  const coachId = isStaff ? (searchParams.get('coach') ?? undefined) : isCoach ? meId : undefined;

  const { data: coaches } = useGetList(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: isStaff },
  );
  const coach = isStaff ? coaches?.find((c) => String(c.id) === coachId) : viewer;
  const zone = coach?.timeZone ? safeZone(coach.timeZone) : undefined;

  const { data: hours, error, isPending, refetch } = useWorkingHours(coachId);
  const [days, setDays] = useState<Day[]>(() => toDays([]));
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDays(toDays(hours ?? []));
    setErrors({});
    setFormError(null);
  }, [hours]);

  const split = WEEKDAYS.filter((w) => (hours ?? []).filter((h) => h.weekday === w).length > 1);
  const unchanged = JSON.stringify(days) === JSON.stringify(toDays(hours ?? []));

  const set = (weekday: number, change: Partial<Day>) => {
    setDays((all) => all.map((d, i) => (i === weekday - 1 ? { ...d, ...change } : d)));
    setErrors((e) => ({ ...e, [weekday]: '' }));
    setFormError(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!coachId) return;
    const problems = Object.fromEntries(
      WEEKDAYS.map((w) => [w, dayProblem(days[w - 1])] as const).filter((entry): entry is [number, string] => !!entry[1]),
    );
    if (Object.keys(problems).length) return setErrors(problems);
    const sent: WorkingHours[] = WEEKDAYS.filter((w) => days[w - 1].working).map((w) => ({
      weekday: w,
      startTime: days[w - 1].startTime,
      endTime: days[w - 1].endTime,
    }));
    setSaving(true);
    setFormError(null);
    try {
      await dataProvider.setWorkingHours(coachId, sent);
      notify(sent.length ? 'Working hours saved.' : 'Working hours removed: 1:1s may be scheduled at any time.', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: workingHoursKey(coachId) });
    } catch (e) {
      const { message, field } = readApiError(e, 'The working hours could not be saved.');
      // The API names the span it refuses by its place in the list: "hours.2.endTime".
      const index = /^hours\.(\d+)\./.exec(field ?? '')?.[1];
      const weekday = index !== undefined ? sent[Number(index)]?.weekday : undefined;
      if (weekday) setErrors({ [weekday]: message });
      else setFormError(message);
    }
    setSaving(false);
  };

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 1 }}>
        <Typography variant="body2" color="text.secondary" data-testid="working-hours-zone">
          1:1 meetings are scheduled inside these hours (staff may override).{' '}
          {zone ? `Times are in ${isStaff ? `${coach?.name}'s` : 'your'} zone, ${zoneLabel(zone)}.` : ''} With no day set, there is no limit.
        </Typography>
        {isStaff && (
          <TextField
            select
            size="small"
            label="Coach"
            value={coachId ?? ''}
            onChange={(e) => {
              const next = new URLSearchParams(searchParams);
              next.set('coach', e.target.value);
              setSearchParams(next, { replace: true });
            }}
            sx={{ width: 220, flex: 'none' }}
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
      </Stack>
      {!coachId ? (
        <Typography color="text.secondary" sx={{ textAlign: 'center', py: 6 }}>
          {isStaff ? 'Pick a coach to see their working hours.' : 'Only coaches have working hours.'}
        </Typography>
      ) : (
        <ListState error={error} isPending={isPending} isEmpty={false} what="working hours" onRetry={() => void refetch()} empty={null}>
          <form onSubmit={save} noValidate aria-label="Working hours">
            {split.length > 0 && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {split.map((w) => WEEKDAY_NAMES[w - 1]).join(', ')} {split.length === 1 ? 'has' : 'have'} more than one span; saving here keeps one span per day,
                from the earliest start to the latest end.
              </Alert>
            )}
            <Table size="small">
              <TableBody>
                {WEEKDAYS.map((w) => {
                  const day = days[w - 1];
                  const name = WEEKDAY_NAMES[w - 1];
                  const problem = errors[w];
                  return (
                    <TableRow key={w} data-testid={`working-hours-${w}`}>
                      <TableCell component="th" scope="row" sx={{ width: 140 }}>
                        {name}
                      </TableCell>
                      <TableCell sx={{ width: 140 }}>
                        <FormControlLabel
                          control={
                            <Switch
                              checked={day.working}
                              onChange={(e) => set(w, { working: e.target.checked })}
                              slotProps={{ input: { 'aria-label': `${name}: working` } }}
                            />
                          }
                          label={day.working ? 'Working' : 'Off'}
                        />
                      </TableCell>
                      <TableCell>
                        {day.working && (
                          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
                            <TextField
                              size="small"
                              type="time"
                              label="Start"
                              value={day.startTime}
                              onChange={(e) => set(w, { startTime: e.target.value })}
                              error={!!problem}
                              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${name} start` } }}
                            />
                            <TextField
                              size="small"
                              type="time"
                              label="End"
                              value={day.endTime}
                              onChange={(e) => set(w, { endTime: e.target.value })}
                              error={!!problem}
                              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'aria-label': `${name} end` } }}
                            />
                          </Stack>
                        )}
                        {problem && (
                          <Typography variant="caption" color="error" role="alert" sx={{ display: 'block', mt: 0.5 }}>
                            {problem}
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {formError && (
              <Alert severity="error" role="alert" sx={{ mt: 2 }}>
                {formError}
              </Alert>
            )}
            <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
              <Button type="submit" variant="contained" disabled={saving || unchanged}>
                Save working hours
              </Button>
              <Button onClick={() => setDays(toDays(hours ?? []))} disabled={saving || unchanged}>
                Undo changes
              </Button>
            </Stack>
          </form>
        </ListState>
      )}
    </Box>
  );
}
