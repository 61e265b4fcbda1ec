import type { EventType } from './types';

export const TYPE_LABELS: Record<EventType, string> = {
  WORKSHOP: 'Workshop',
  Q_AND_A: 'Q&A',
  MOCK_INTERVIEW: 'Mock interviews',
  NETWORKING: 'Networking',
};
export const EVENT_TYPES = Object.keys(TYPE_LABELS) as EventType[];

export const TYPE_COLORS: Record<EventType, 'primary' | 'secondary' | 'info' | 'success'> = {
  WORKSHOP: 'primary',
  Q_AND_A: 'info',
  MOCK_INTERVIEW: 'secondary',
  NETWORKING: 'success',
};

export const typeLabel = (type: string) => TYPE_LABELS[type as EventType] ?? type;

/** The list's ranges, as the URL names them. */
export type EventRange = 'upcoming' | 'past';
export const isEventRange = (value: string | null): value is EventRange => value === 'upcoming' || value === 'past';

/** How far each range reaches (the API allows up to 366 days). */
export const RANGE_DAYS = 90;
