import { useId, useState } from 'react';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HighlightOffIcon from '@mui/icons-material/HighlightOff';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatInZone } from '../common/zones';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import type { Attendance, CoachingEvent, Rsvp } from './types';
import { useEventChanged, useReloadEvent } from './useEvents';

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

export const learnerLink = (rsvp: Rsvp) => (
  <Link component={RouterLink} to={`/learners/${encodeURIComponent(rsvp.learner.id)}/show`}>
    {rsvp.learner.name}
  </Link>
);

/** Seated learners, with checkboxes and ATTENDED / ABSENT once the event has started (facilitator or staff). */
export function SeatedList({ event, canRecord, timeZone }: { event: CoachingEvent; canRecord: boolean; timeZone: string }) {
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
