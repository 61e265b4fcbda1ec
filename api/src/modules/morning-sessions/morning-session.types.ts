import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export enum PracticeType {
  TECHNICAL = 'TECHNICAL',
  BEHAVIORAL = 'BEHAVIORAL',
}

registerEnumType(PracticeType, {
  name: 'PracticeType',
  description: 'What a learner wants to practise in a morning session.',
  valuesConfig: {
    TECHNICAL: { description: 'Technical interview practice (coding, system design).' },
    BEHAVIORAL: { description: 'Behavioral interview practice.' },
  },
});

export enum PairingOutcome {
  WAITING = 'WAITING',
  PAIRED = 'PAIRED',
  ODD_ONE_OUT = 'ODD_ONE_OUT',
}

registerEnumType(PairingOutcome, {
  name: 'PairingOutcome',
  description: "Where a sign-up stands in the session's pairing.",
  valuesConfig: {
    WAITING: { description: 'Signed up; pairs are made at the cut-off.' },
    PAIRED: { description: 'Has a partner (or two, in a group of three).' },
    ODD_ONE_OUT: { description: 'The session had an odd number of sign-ups and this learner was left without a partner.' },
  },
});

@ObjectType({ description: 'Another learner in a morning session, as much as a peer may see: name and practice type.' })
export class Peer {
  @Field(() => ID, { description: 'The learner.' })
  learnerId: string;

  @Field(() => String, { description: 'Their name.' })
  name: string;

  @Field(() => PracticeType, { description: 'What they signed up to practise.' })
  practiceType: PracticeType;
}

@ObjectType({ description: "A learner's sign-up for a morning session and its outcome." })
export class MorningSessionSignUp {
  @Field(() => ID, { description: 'The learner.' })
  learnerId: string;

  @Field(() => String, { description: 'Their name.' })
  name: string;

  @Field(() => PracticeType, { description: 'What they want to practise.' })
  practiceType: PracticeType;

  @Field(() => Date, { description: 'When they signed up (or last changed practice type).' })
  signedUpAt: Date;

  @Field(() => PairingOutcome, { description: 'Waiting, paired, or the odd one out.' })
  outcome: PairingOutcome;

  @Field(() => Int, { nullable: true, description: 'Their group number once paired.' })
  groupNumber: number | null;

  @Field(() => [Peer], { description: 'Their partner(s) once paired; empty otherwise.' })
  partners: Peer[];
}

@ObjectType({ description: 'A pair (or group of three) in a morning session.' })
export class MorningSessionGroup {
  @Field(() => Int, { description: 'Group number, from 1.' })
  number: number;

  @Field(() => [Peer], { description: 'The members.' })
  members: Peer[];

  @Field(() => Boolean, { description: 'True when the members signed up for different practice types.' })
  mixedPractice: boolean;
}

@ObjectType({
  description:
    'The morning session of a date: the only place learners meet peers, to practise interviews. Learners sign up with a practice type ' +
    'until the cut-off; then they are paired, same practice type first, then across types; an odd one out is told so, or joins a group of ' +
    'three when staff chose that. Pairing avoids repeating the previous 7 days\' pairs where it can, and is deterministic.',
})
export class MorningSessionView {
  @Field(() => LocalDateResolver, { description: 'The date, in the program time zone.' })
  date: string;

  @Field(() => String, { description: 'Title of the MORNING_SESSION block it comes from.' })
  title: string;

  @Field(() => Date, { description: 'When it starts.' })
  startsAt: Date;

  @Field(() => Date, { description: 'When it ends.' })
  endsAt: Date;

  @Field(() => Date, { description: 'Sign-ups close and pairs are made at this instant.' })
  cutoffAt: Date;

  @Field(() => Boolean, { description: 'Whether an odd one out joins a pair to make a group of three.' })
  groupsOfThree: boolean;

  @Field(() => Date, { nullable: true, description: 'When the pairs were made; null before.' })
  pairedAt: Date | null;

  @Field(() => Int, { description: 'How many learners signed up.' })
  signUpCount: number;

  @Field(() => Int, { description: 'How many want technical practice.' })
  technicalCount: number;

  @Field(() => Int, { description: 'How many want behavioral practice.' })
  behavioralCount: number;

  @Field(() => [MorningSessionSignUp], { description: 'Sign-ups. Coaches and staff see all; a learner sees only their own.' })
  signUps: MorningSessionSignUp[];

  @Field(() => [MorningSessionGroup], { description: 'The pairs once made. Coaches and staff see all; a learner sees only their own group.' })
  groups: MorningSessionGroup[];

  @Field(() => MorningSessionSignUp, { nullable: true, description: "The viewer's own sign-up, when the viewer is a learner who signed up." })
  mySignUp: MorningSessionSignUp | null;
}
