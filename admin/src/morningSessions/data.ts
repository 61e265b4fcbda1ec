import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';

graphql(`
  fragment MorningSession on MorningSessionView {
    date title startsAt endsAt cutoffAt groupsOfThree pairedAt
    signUpCount technicalCount behavioralCount
    signUps { learnerId name practiceType outcome groupNumber signedUpAt }
    groups { number mixedPractice members { learnerId name practiceType } }
  }
`);

const MorningSessionQuery = graphql(`
  query morningSession($date: LocalDate!) { data: morningSession(date: $date) { ...MorningSession } }
`);

const PairMorningSession = graphql(`
  mutation pairMorningSession($date: LocalDate!, $groupsOfThree: Boolean) {
    data: pairMorningSession(date: $date, groupsOfThree: $groupsOfThree) { ...MorningSession }
  }
`);

export const morningSessionMethods = {
  /** A date's morning session; null when that weekday has none. */
  getMorningSession: async (date: string) => read(MorningSessionQuery, { date }),
  /** Makes the pairs of a morning session now (staff). */
  pairMorningSession: async (date: string, groupsOfThree?: boolean) => mutate(PairMorningSession, { date, groupsOfThree }),
};
