import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useGetList } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { useViewer } from '../common/useViewer';
import {
  formatMinutes,
  formatSpan,
  formatTime,
  fromLocalInput,
  localDate,
  addDays,
  safeZone,
  toLocalInput,
  zoneAbbreviation,
  zoneLabel,
} from '../common/zones';
import { DURATIONS, topicLabel } from './labels';
import { CoachAvailability } from './CoachAvailability';
import { ZonedSpan } from './MeetingChips';
import type { Clash, Meeting, Person, TimeWindow } from './types';
import { useCoachCalendar, useWorkingHours } from './useMeetings';
import { WindowChoice } from './WindowChoice';
import { FormActions, FormError } from '../common/FormDialog';

const QUARTER_MS = 15 * 60_000;
const URL_PATTERN = /^https?:\/\/\S+$/i;

type Field = 'startsAt' | 'durationMinutes' | 'videoLink' | 'coachId';

export interface ScheduleMeetingDialogProps {
  open: boolean;
  meeting: Meeting;
  /** schedule a request inside one of its windows, or move a scheduled meeting */
  mode: 'schedule' | 'reschedule';
  onClose: () => void;
  /** runs the mutation; rejects with the data provider's error */
  onSubmit: (args: { startsAt: string; durationMinutes: number; videoLink: string; coachId?: string; force?: boolean }) => Promise<void>;
}

const ms = (iso: string) => Date.parse(iso);
const fits = (w: TimeWindow, start: number, end: number) => ms(w.startsAt) <= start && end <= ms(w.endsAt);

/** The first start a window still allows: its start, or the next quarter hour when it has begun. */
function firstStart(w: TimeWindow, now = Date.now()): string {
  const start = ms(w.startsAt);
  if (start > now) return w.startsAt;
  return new Date(Math.ceil((now + 60_000) / QUARTER_MS) * QUARTER_MS).toISOString();
}

/**
 * Schedules a requested meeting (or moves a scheduled one). Each preferred window is shown in the
 * coach's zone and the learner's side by side; the start is typed in the coach's zone and sent as an
 * instant. What the coach already has in that window is listed, and a clash the API reports is named.
 */
export function ScheduleMeetingDialog({ open, meeting, mode, onClose, onSubmit }: ScheduleMeetingDialogProps) {
  const { viewer, isStaff } = useViewer();
  const titleId = useId();
  const scheduling = mode === 'schedule';

  const [coachId, setCoachId] = useState(meeting.coach.id);
  const [windowIndex, setWindowIndex] = useState(0);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [duration, setDuration] = useState(30);
  const [videoLink, setVideoLink] = useState('');
  const [force, setForce] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [clash, setClash] = useState<Clash | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const { data: coaches } = useGetList<Person & { id: string }>(
    'users',
    { filter: { role: 'COACH', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: open && isStaff && scheduling },
  );

  // Who it is scheduled for: a coach schedules for themselves; staff for the coach they pick.
  const coach: Person = !scheduling
    ? meeting.coach
    : isStaff
      ? (coaches?.find((c) => String(c.id) === coachId) ?? meeting.coach)
      : viewer
        ? { id: viewer.id, name: viewer.name, timeZone: viewer.timeZone }
        : meeting.coach;
  const coachZone = safeZone(coach.timeZone);
  const learnerZone = safeZone(meeting.learner.timeZone);
  const sameZone = coachZone === learnerZone;

  useEffect(() => {
    if (!open) return;
    const now = Date.now();
    const index = Math.max(0, meeting.windows.findIndex((w) => ms(w.endsAt) - QUARTER_MS > now));
    const length = meeting.startsAt && meeting.endsAt ? Math.round((ms(meeting.endsAt) - ms(meeting.startsAt)) / 60_000) : 30;
    setCoachId(meeting.coach.id);
    setWindowIndex(index);
    setStartsAt(scheduling ? (meeting.windows[index] ? firstStart(meeting.windows[index], now) : null) : meeting.startsAt);
    setDuration(length);
    setVideoLink(meeting.videoLink ?? '');
    setForce(false);
    setErrors({});
    setClash(null);
    setConflict(null);
    setFormError(null);
    setSaving(false);
    // Only when the dialog opens: a refetch behind it must not wipe what is being chosen.
  }, [open]);

  const chosen = scheduling ? meeting.windows[windowIndex] : undefined;
  const start = startsAt ? ms(startsAt) : NaN;
  const end = start + duration * 60_000;

  // What the coach already has where the meeting would go: the chosen window, or the chosen day.
  const range = useMemo(() => {
    if (chosen) return { from: chosen.startsAt, to: chosen.endsAt };
    if (!startsAt) return { from: undefined, to: undefined };
    const day = localDate(startsAt, coachZone);
    return { from: fromLocalInput(day, coachZone)?.toISOString(), to: fromLocalInput(addDays(day, 1), coachZone)?.toISOString() };
  }, [chosen, startsAt, coachZone]);
  const { data: busy } = useCoachCalendar(open ? coach.id : undefined, range.from, range.to);
  const booked = (busy ?? []).filter((entry) => entry.id !== meeting.id);
  const { data: hours } = useWorkingHours(open ? coach.id : undefined);

  /** A changed slot is a new question: its earlier refusal, and any "anyway", no longer apply. */
  const clearProblems = (field: Field) => {
    setErrors((e) => ({ ...e, [field]: undefined }));
    setClash(null);
    setConflict(null);
    setFormError(null);
    setForce(false);
  };

  const chooseWindow = (index: number) => {
    setWindowIndex(index);
    const w = meeting.windows[index];
    if (w && !(Number.isFinite(start) && fits(w, start, start + 60_000))) setStartsAt(firstStart(w));
    clearProblems('startsAt');
  };

  const changeStart = (value: string) => {
    const instant = fromLocalInput(value, coachZone);
    setStartsAt(instant ? instant.toISOString() : null);
    if (instant && scheduling) {
      const inside = meeting.windows.findIndex((w) => fits(w, instant.getTime(), instant.getTime() + 60_000));
      if (inside >= 0) setWindowIndex(inside);
    }
    clearProblems('startsAt');
  };

  /** What is wrong with the start before asking the API; the API still has the last word. */
  const startProblem = (): string | undefined => {
    if (!Number.isFinite(start)) return 'Pick a start.';
    if (start <= Date.now()) return 'Pick a start in the future.';
    if (!scheduling) return undefined;
    if (meeting.windows.some((w) => fits(w, start, end))) return undefined;
    const inside = meeting.windows.find((w) => fits(w, start, start + 60_000));
    if (inside) {
      return `A ${formatMinutes(duration)} meeting from ${formatTime(new Date(start), coachZone)} ends after this window (${formatTime(inside.endsAt, coachZone)}). Start earlier or make it shorter.`;
    }
    return "The meeting must fit inside one of the learner's windows.";
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problems: Partial<Record<Field, string>> = {};
    const startError = startProblem();
    if (startError) problems.startsAt = startError;
    const link = videoLink.trim();
    if (scheduling && !link) problems.videoLink = 'Give the video link the learner joins with.';
    else if (link && !URL_PATTERN.test(link)) problems.videoLink = 'An http(s) link, e.g. https://meet.example.org/amara.';
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    setSaving(true);
    setClash(null);
    setFormError(null);
    try {
      await onSubmit({
        startsAt: new Date(start).toISOString(),
        durationMinutes: duration,
        videoLink: link,
        coachId: scheduling && isStaff && coachId !== meeting.coach.id ? coachId : undefined,
        force: isStaff && force ? true : undefined,
      });
    } catch (error) {
      const { message, code, field, details } = readApiError(error, 'The meeting could not be scheduled.');
      const named = code === 'CONFLICT' ? (details?.clash as Clash | undefined) : undefined;
      // A CONFLICT on the start that names no clash is the coach's working hours (staff may go ahead anyway).
      const outsideHours = code === 'CONFLICT' && !named && field === 'startsAt';
      setConflict(outsideHours ? message : null);
      if (named) setClash(named);
      else if (!outsideHours) {
        if (field && ['startsAt', 'durationMinutes', 'videoLink', 'coachId'].includes(field)) setErrors({ [field]: message });
        else setFormError(message);
      }
      setSaving(false);
    }
  };

  const learnerFirst = meeting.learner.name.split(' ')[0];
  const coachFirst = coach.id === viewer?.id ? 'Your' : `${coach.name.split(' ')[0]}'s`;
  const slotOverlaps = (entry: { startsAt: string; endsAt: string }) => Number.isFinite(start) && ms(entry.startsAt) < end && start < ms(entry.endsAt);

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          {scheduling ? 'Schedule' : 'Reschedule'} the 1:1 with {meeting.learner.name}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {topicLabel(meeting.topic)}. {coach.id === viewer?.id ? 'Your' : `${coach.name}'s`} time is {zoneLabel(coachZone)};{' '}
            {learnerFirst}'s is {zoneLabel(learnerZone)}.
          </Typography>

          <Stack spacing={2}>
            {scheduling && isStaff && (
              <TextField
                select
                label="Coach"
                value={coachId}
                onChange={(e) => {
                  setCoachId(e.target.value);
                  clearProblems('coachId');
                }}
                error={!!errors.coachId}
                helperText={errors.coachId ?? 'Staff may schedule it for any active coach.'}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                sx={{ maxWidth: 360 }}
              >
                {!coaches?.some((c) => String(c.id) === meeting.coach.id) && <option value={meeting.coach.id}>{meeting.coach.name}</option>}
                {(coaches ?? []).map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.name} ({c.timeZone})
                  </option>
                ))}
              </TextField>
            )}
            {scheduling && !isStaff && viewer && viewer.id !== meeting.coach.id && (
              <Alert severity="info">
                {meeting.learner.name}'s coach is {meeting.coach.name}. Scheduling it makes it your meeting.
              </Alert>
            )}

            {scheduling ? (
              <WindowChoice
                windows={meeting.windows}
                chosen={windowIndex}
                onChoose={chooseWindow}
                coachZone={coachZone}
                learnerZone={learnerZone}
                coachHeading={`${coachFirst} time`}
                learnerFirst={learnerFirst}
                headingId={`${titleId}-windows`}
              />
            ) : (
              meeting.startsAt &&
              meeting.endsAt && (
                <Typography variant="body2">
                  Now: <ZonedSpan startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={coachZone} />
                  {!sameZone && (
                    <>
                      {' '}
                      · for {learnerFirst}: <ZonedSpan startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={learnerZone} />
                    </>
                  )}
                </Typography>
              )
            )}

            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label={`Start (${coachZone})`}
                type="datetime-local"
                value={toLocalInput(startsAt, coachZone)}
                onChange={(e) => changeStart(e.target.value)}
                required
                error={!!errors.startsAt}
                helperText={
                  errors.startsAt ??
                  (Number.isFinite(start)
                    ? sameZone
                      ? `${formatSpan(new Date(start), new Date(end), coachZone)} for both of you.`
                      : `${learnerFirst}: ${formatSpan(new Date(start), new Date(end), learnerZone)} ${zoneAbbreviation(learnerZone, new Date(start))}`
                    : 'In the coach’s time zone.')
                }
                sx={{ flex: 1 }}
                slotProps={{
                  inputLabel: { shrink: true },
                  htmlInput: {
                    step: 300,
                    ...(chosen ? { min: toLocalInput(chosen.startsAt, coachZone), max: toLocalInput(chosen.endsAt, coachZone) } : {}),
                    'data-testid': 'schedule-start',
                  },
                }}
              />
              <TextField
                select
                label="Length"
                value={String(duration)}
                onChange={(e) => {
                  setDuration(Number(e.target.value));
                  clearProblems('durationMinutes');
                }}
                error={!!errors.durationMinutes}
                helperText={errors.durationMinutes}
                sx={{ width: { sm: 160 } }}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              >
                {[...new Set([...DURATIONS, duration])]
                  .sort((a, b) => a - b)
                  .map((d) => (
                    <option key={d} value={d}>
                      {formatMinutes(d)}
                    </option>
                  ))}
              </TextField>
            </Stack>

            <TextField
              label="Video link"
              type="url"
              value={videoLink}
              onChange={(e) => {
                setVideoLink(e.target.value);
                clearProblems('videoLink');
              }}
              required={scheduling}
              fullWidth
              placeholder="https://"
              error={!!errors.videoLink}
              helperText={errors.videoLink ?? (scheduling ? 'Where you meet; the learner gets it with the invitation.' : 'Leave it to keep the current link.')}
            />

            <CoachAvailability
              hours={hours}
              booked={range.from ? booked : undefined}
              coachZone={coachZone}
              coachHeading={coachFirst}
              coachName={coach.id === viewer?.id ? undefined : coach.name}
              during={chosen ? 'during this window' : 'that day'}
              overlaps={slotOverlaps}
            />

            {clash && (
              <Alert severity="warning" role="alert" data-testid="schedule-clash">
                <AlertTitle>{coach.id === viewer?.id ? 'You are' : `${coach.name} is`} busy then</AlertTitle>
                {clash.kind === 'EVENT' ? 'Facilitating ' : ''}
                <strong>{clash.kind === 'EVENT' ? `“${clash.title}”` : clash.title}</strong>,{' '}
                {formatSpan(clash.startsAt, clash.endsAt, coachZone)} {zoneAbbreviation(coachZone, clash.startsAt)}
                {!sameZone && ` (${formatTime(clash.startsAt, learnerZone)}–${formatTime(clash.endsAt, learnerZone)} for ${learnerFirst})`}
                . Pick a start after it ends or before it begins.
              </Alert>
            )}
            {conflict && (
              <Alert severity="warning" role="alert" data-testid="schedule-conflict">
                {conflict}
                {isStaff && (
                  <FormControlLabel
                    sx={{ display: 'flex', mt: 1 }}
                    control={<Checkbox checked={force} onChange={(e) => setForce(e.target.checked)} />}
                    label="Schedule it outside the working hours anyway"
                  />
                )}
              </Alert>
            )}
            <FormError message={formError} />
          </Stack>
        </DialogContent>
        <FormActions onClose={onClose} saving={saving} cancelLabel="Back" submitLabel={scheduling ? 'Schedule' : 'Reschedule'} />
      </form>
    </Dialog>
  );
}
