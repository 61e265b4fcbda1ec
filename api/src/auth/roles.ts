import { registerEnumType } from 'type-graphql';

export enum Role {
  STAFF = 'STAFF',
  COACH = 'COACH',
  LEARNER = 'LEARNER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a signed-in person may do.',
  valuesConfig: {
    STAFF: { description: 'Program staff: everything, including managing coaches, templates, events and API clients.' },
    COACH: { description: 'Career coach: reads all learners; reviews, meetings, enrollment status, facilitated events.' },
    LEARNER: { description: 'Job searcher: only their own data.' },
  },
});
