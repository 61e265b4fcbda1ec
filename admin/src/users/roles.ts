export const ROLE_LABELS: Record<string, string> = { STAFF: 'Staff', COACH: 'Coach', LEARNER: 'Learner' };

/** Roles the users page gives; learners are added from Learners, which also creates their profile. */
export const STAFF_ROLE_CHOICES = [
  { id: 'COACH', name: 'Coach' },
  { id: 'STAFF', name: 'Staff' },
];

export const ALL_ROLE_CHOICES = [...STAFF_ROLE_CHOICES, { id: 'LEARNER', name: 'Learner' }];
