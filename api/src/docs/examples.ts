/**
 * The reference's worked examples (/docs): for each API-key scope, a query a client sends and the answer's shape.
 * test/docs.test.ts runs each one with a key of that scope against a seeded server and checks that the real answer
 * has exactly this shape, so the examples cannot drift from the API.
 */
export interface ScopeExample {
  scope: 'progress:read' | 'learners:read' | 'events:read';
  title: string;
  query: string;
  answer: unknown;
}

export const SCOPE_EXAMPLES: ScopeExample[] = [
  {
    scope: 'progress:read',
    title: 'A page of progress for every learner (cursor pages of up to 200)',
    query: `{
  progress(first: 2, days: 7) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { learnerId applications interviews status moduleWeek daysSinceHuntrAction requiredActivities { kind met } }
  }
}`,
    answer: {
      data: {
        progress: {
          totalCount: 60,
          pageInfo: { endCursor: 'eyJpZCI6IjNmM2U…', hasNextPage: true },
          nodes: [
            { learnerId: '0b9f2c1e-5a4d-4d7e-9d55-3f1c2a7b8e01', applications: 12, interviews: 2, status: 'ENROLLED', moduleWeek: 3, daysSinceHuntrAction: 0, requiredActivities: [{ kind: 'WEEKLY_RETROSPECTIVE', met: true }] },
            { learnerId: '1c2d3e4f-6a7b-4c8d-9e0f-a1b2c3d4e5f6', applications: 0, interviews: 0, status: 'AT_RISK', moduleWeek: 5, daysSinceHuntrAction: 9, requiredActivities: [{ kind: 'WEEKLY_RETROSPECTIVE', met: false }] },
          ],
        },
      },
    },
  },
  {
    scope: 'learners:read',
    title: 'Who the learners are, and how many',
    query: `{
  allLearners(perPage: 2, sortField: "name", sortOrder: "ASC") { id name email status moduleWeek coach { name } }
  _allLearnersMeta { count }
}`,
    answer: {
      data: {
        allLearners: [
          { id: '0b9f2c1e-5a4d-4d7e-9d55-3f1c2a7b8e01', name: 'Ada Lovelace', email: 'ada@example.org', status: 'ENROLLED', moduleWeek: 3, coach: { name: 'Grace Hopper' } },
          { id: '1c2d3e4f-6a7b-4c8d-9e0f-a1b2c3d4e5f6', name: 'Alan Turing', email: 'alan@example.org', status: 'AT_RISK', moduleWeek: 5, coach: { name: 'Grace Hopper' } },
        ],
        _allLearnersMeta: { count: 60 },
      },
    },
  },
  {
    scope: 'events:read',
    title: 'Coaching events of the next 30 days, with seats',
    query: `{
  upcomingEvents { id type title startsAt durationMinutes capacity status seats { seated waitlisted } facilitator { name } }
}`,
    answer: {
      data: {
        upcomingEvents: [
          { id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', type: 'WORKSHOP', title: 'Negotiating an offer', startsAt: '2026-12-09T16:00:00.000Z', durationMinutes: 60, capacity: 20, status: 'SCHEDULED', seats: { seated: 12, waitlisted: 0 }, facilitator: { name: 'Grace Hopper' } },
        ],
      },
    },
  },
];
