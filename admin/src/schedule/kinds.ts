import type { BlockKind } from './types';

export const KIND_LABELS: Record<BlockKind, string> = {
  WORK_BLOCK: 'Work block',
  MORNING_SESSION: 'Morning session',
  COACHING: 'Coaching',
  BREAK: 'Break',
};

/** What each kind is for, as the form's helper text says it. */
export const KIND_HINTS: Record<BlockKind, string> = {
  WORK_BLOCK: 'Job-search tasks: applications, networking, coding challenges, interview prep.',
  MORNING_SESSION: 'Peer interview practice; learners sign up and are paired. At most one per day.',
  COACHING: 'Time kept for coaching events and 1:1 meetings.',
  BREAK: 'A pause; its activities, if any, are suggestions.',
};

export const KIND_COLORS: Record<BlockKind, string> = {
  WORK_BLOCK: '#1565c0',
  MORNING_SESSION: '#6a1b9a',
  COACHING: '#00796b',
  BREAK: '#9e9e9e',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as BlockKind] ?? kind;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "09:00"–"10:30" → "1 h 30 min". */
export function durationLabel(start: string, end: string): string {
  const minutes = toMinutes(end) - toMinutes(start);
  if (!Number.isFinite(minutes) || minutes <= 0) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

export function toMinutes(time: string): number {
  const match = /^(\d{1,2}):(\d{2})/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}
