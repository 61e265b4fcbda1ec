import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';

const CoachCalendar = graphql(`
  query coachCalendar($coachId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    data: coachCalendar(coachId: $coachId, from: $from, to: $to) { kind id title startsAt endsAt link }
  }
`);

const RegenerateCalendarFeed = graphql(`
  mutation regenerateCalendarFeed { data: regenerateCalendarFeed { url } }
`);

const Viewer = graphql(`
  query me { data: me { id name role timeZone } }
`);

export const calendarMethods = {
  /** A coach's scheduled meetings and facilitated events in [from, to), at most 62 days. */
  getCoachCalendar: async (coachId: string, from: string, to: string) => read(CoachCalendar, { coachId, from, to }),
  /** A new secret calendar URL; the previous one stops working. */
  regenerateCalendarFeed: async () => mutate(RegenerateCalendarFeed),
  /** The signed-in person with their time zone. */
  getViewer: async () => read(Viewer),
};
