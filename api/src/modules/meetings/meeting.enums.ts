import { registerEnumType } from 'type-graphql';

export enum MeetingTopic {
  OFFER = 'OFFER',
  INTERVIEW_PREP = 'INTERVIEW_PREP',
  APPLICATION_MATERIAL = 'APPLICATION_MATERIAL',
  GENERAL = 'GENERAL',
}

registerEnumType(MeetingTopic, {
  name: 'MeetingTopic',
  description: 'What a learner wants to talk about in a 1:1.',
  valuesConfig: {
    OFFER: { description: 'The learner received an offer: urgent, it jumps the coach\'s list and is flagged.' },
    INTERVIEW_PREP: { description: 'Preparing for an interview.' },
    APPLICATION_MATERIAL: { description: 'CV, cover letter or portfolio.' },
    GENERAL: { description: 'Anything else about the job search.' },
  },
});

export enum MeetingStatus {
  REQUESTED = 'REQUESTED',
  SCHEDULED = 'SCHEDULED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}

registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description: 'REQUESTED → SCHEDULED (or DECLINED) → COMPLETED or NO_SHOW; CANCELLED by the learner or the coach before it happens.',
  valuesConfig: {
    REQUESTED: { description: 'Waiting for a coach to schedule it in one of the preferred windows.' },
    SCHEDULED: { description: 'Has a start, a duration and a video link.' },
    DECLINED: { description: 'A coach declined it, with a reason.' },
    CANCELLED: { description: 'Cancelled by the learner or the coach, with a reason.' },
    COMPLETED: { description: 'Took place.' },
    NO_SHOW: { description: 'The learner did not come.' },
  },
});

export enum MeetingOutcome {
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
}

registerEnumType(MeetingOutcome, {
  name: 'MeetingOutcome',
  description: 'How a scheduled meeting went.',
  valuesConfig: { COMPLETED: { description: 'It took place.' }, NO_SHOW: { description: 'The learner did not come.' } },
});
