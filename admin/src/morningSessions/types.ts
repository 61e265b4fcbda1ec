/** A date's morning session as coaches and staff see it (MorningSessionView). */
export type PracticeType = 'TECHNICAL' | 'BEHAVIORAL';
export type PairingOutcome = 'WAITING' | 'PAIRED' | 'ODD_ONE_OUT';

export interface Peer {
  learnerId: string;
  name: string;
  practiceType: PracticeType;
}

export interface MorningSessionSignUp {
  learnerId: string;
  name: string;
  practiceType: PracticeType;
  outcome: PairingOutcome;
  groupNumber: number | null;
  signedUpAt: string;
}

export interface MorningSessionGroup {
  number: number;
  mixedPractice: boolean;
  members: Peer[];
}

export interface MorningSession {
  date: string;
  title: string;
  startsAt: string;
  endsAt: string;
  cutoffAt: string;
  groupsOfThree: boolean;
  pairedAt: string | null;
  signUpCount: number;
  technicalCount: number;
  behavioralCount: number;
  signUps: MorningSessionSignUp[];
  groups: MorningSessionGroup[];
}

export const PRACTICE_LABELS: Record<PracticeType, string> = {
  TECHNICAL: 'Technical',
  BEHAVIORAL: 'Behavioral',
};

export const OUTCOME_LABELS: Record<PairingOutcome, string> = {
  WAITING: 'Waiting',
  PAIRED: 'Paired',
  ODD_ONE_OUT: 'Odd one out',
};
