/** An entry of a coach's calendar: a scheduled 1:1 or an event they facilitate. */
export interface CalendarEntry {
  kind: 'MEETING' | 'EVENT';
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  link: string | null;
}

/** The signed-in person, as the pages that show times need them. */
export interface Viewer {
  id: string;
  name: string;
  role: 'STAFF' | 'COACH' | 'LEARNER';
  timeZone: string;
}

