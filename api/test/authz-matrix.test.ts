import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from '../src/schema';
import { Role, type User } from '../src/modules/users/user.entity';
import { TestApp, TEST_PASSWORD, contentFor, type GqlResponse } from './harness';
import { signToken } from '../src/auth/token';
import { unsubscribeUrl } from '../src/modules/notifications/unsubscribe';
import { NotificationKind } from '../src/modules/notifications/notification-kind';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { COLUMNS, COLUMN_TITLES, MATRIX, type Column, type Expectation } from './authz-matrix';

/**
 * Runs the authorization matrix (authz-matrix.ts) over HTTP against one seeded database: every operation × every
 * kind of caller, each cell aimed at learner L1's data. Refused cells must write nothing. Reads share one world;
 * a mutation builds its arguments once for all its refused cells (they change nothing, as checked) and afresh
 * for every allowed cell, so no cell depends on what an earlier one did.
 */

const NOW = '2026-11-18T12:00:00Z'; // a Wednesday, in L1's module week 3
const TODAY = '2026-11-18';
const SESSION_DATE = '2026-11-19'; // a Thursday: the morning session L1 signs up for
const HUNTR_SECRET = 'matrix-huntr-secret-0123456789';
const MS_HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.parse(NOW) + hoursFromNow * MS_HOUR).toISOString();

type Learnerish = Awaited<ReturnType<TestApp['createLearner']>>;

/** A GraphQL call for one cell. `reveals` tells whether an answer shows L1's data (used for allow and hidden). */
interface Call {
  query: string;
  variables?: Record<string, unknown>;
  reveals?: (data: Record<string, any>) => boolean;
  /** Each caller signs in anew for this call (signOut ends the session the other cells use). */
  freshSession?: boolean;
}
type GqlOp = { build: (w: World) => Promise<Call> };
/** A subscription: opened by every caller over WebSocket, then `trigger` writes something that concerns L1. */
type SubOp = { subscription: string; trigger: (w: World) => Promise<void> };
/** A REST call: prepares what the caller holds (writing if it must), then returns the request to send. */
type RestOp = { rest: (w: World, column: Column) => Promise<() => Promise<Response>> };

interface World {
  t: TestApp;
  staff: User;
  coachA: User;
  coachB: User;
  l1: Learnerish;
  l2: Learnerish;
  tokens: Record<Column, string | undefined>;
  ids: {
    event: string;
    meeting: string;
    submission: string;
    alert: string;
    skippable: string;
    sundayBlock: string;
    jobActivity: string;
  };
  /** A counter for unique names and for time slots that never overlap: meetings from tomorrow, events from 120 days on, 3 h apart. */
  n: () => number;
}

const has = (id: string) => (data: Record<string, any>) => JSON.stringify(data).includes(id);
const counted = (field: string) => (data: Record<string, any>) => data[field]?.count > 0;

async function as<T = Record<string, any>>(w: World, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await w.t.gql<T>(query, variables, token);
  if (res.errors?.length) throw new Error(`setup call failed: ${query.slice(0, 80)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}
const staffDo = <T = Record<string, any>>(w: World, query: string, variables?: Record<string, unknown>) => as<T>(w, w.tokens.staff!, query, variables);
const sql = (w: World, text: string, params: unknown[] = []) => w.t.orm.em.getConnection().execute(text, params);

// ---- fresh objects for mutation cells ---------------------------------------------------------------------

/** A meeting L1 requested, in a two-hour window of its own; optionally scheduled by coach A, optionally already started. */
async function freshMeeting(w: World, stage: 'REQUESTED' | 'SCHEDULED' | 'STARTED'): Promise<{ id: string; window: string }> {
  const window = at(24 + w.n() * 3);
  const { requestMeeting } = await as(w, w.l1.token, `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`, {
    input: { learnerId: w.l1.learner.id, topic: 'GENERAL', note: 'matrix', windows: [{ startsAt: window, endsAt: new Date(Date.parse(window) + 2 * MS_HOUR).toISOString() }] },
  });
  if (stage !== 'REQUESTED') {
    await as(w, w.tokens.coachAssigned!, `mutation($id: ID!, $s: DateTimeISO!) { scheduleMeeting(id: $id, startsAt: $s, durationMinutes: 30, videoLink: "https://meet.example.org/x") { id } }`, {
      id: requestMeeting.id,
      s: window,
    });
  }
  if (stage === 'STARTED') await sql(w, `update meetings set starts_at = ?, ends_at = ? where id = ?`, [at(-1), at(-0.5), requestMeeting.id]);
  return { id: requestMeeting.id, window };
}

/** An application material L1 sent: waiting, claimed by coach A, or reviewed by coach A. */
async function freshSubmission(w: World, stage: 'SUBMITTED' | 'CLAIMED' | 'REVIEWED'): Promise<{ id: string; revision: number }> {
  const { submitAssignment: s } = await as(w, w.l1.token, `mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id revision } }`, {
    input: { learnerId: w.l1.learner.id, kind: 'APPLICATION_MATERIAL', ...contentFor('APPLICATION_MATERIAL') },
  });
  let revision: number = s.revision;
  if (stage !== 'SUBMITTED') {
    revision = (await as(w, w.tokens.coachAssigned!, `mutation($id: ID!) { claimSubmission(id: $id) { revision } }`, { id: s.id })).claimSubmission.revision;
  }
  if (stage === 'REVIEWED') {
    revision = (
      await as(w, w.tokens.coachAssigned!, `mutation($id: ID!, $r: Int!) { giveFeedback(submissionId: $id, revision: $r, decision: NEEDS_WORK, body: "Tighten the summary") { revision } }`, {
        id: s.id,
        r: revision,
      })
    ).giveFeedback.revision;
  }
  return { id: s.id, revision };
}

/** A coaching event coach A facilitates, at a time of its own. */
async function freshEvent(w: World): Promise<string> {
  const { createCoachingEvent } = await staffDo(w, `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`, {
    input: { type: 'WORKSHOP', title: `Workshop ${w.n()}`, facilitatorId: w.coachA.id, startsAt: at(24 * 120 + w.n() * 3), durationMinutes: 60, capacity: 5 },
  });
  return createCoachingEvent.id;
}

async function rsvpL1(w: World, eventId: string): Promise<void> {
  await as(w, w.l1.token, `mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { id } }`, { e: eventId, l: w.l1.learner.id });
}

async function freshAlert(w: World): Promise<string> {
  const [row] = await sql(
    w,
    `insert into coach_alerts (id, learner_id, coach_id, message, source_key, created_at) values (gen_random_uuid(), ?, ?, 'Offer received: matrix', ?, ?) returning id`,
    [w.l1.learner.id, w.coachA.id, `matrix:${w.n()}`, NOW],
  );
  return row.id;
}

async function freshJobActivity(w: World): Promise<string> {
  const { recordJobActivity } = await as(w, w.l1.token, `mutation($input: RecordJobActivityInput!) { recordJobActivity(input: $input) { id } }`, {
    input: { learnerId: w.l1.learner.id, kind: 'APPLICATION', company: 'Acme', role: 'Developer', occurredAt: at(-24) },
  });
  return recordJobActivity.id;
}

async function freshBlock(w: World): Promise<string> {
  const hour = String(w.n() % 20).padStart(2, '0');
  const { createScheduleBlock } = await staffDo(w, `mutation($input: ScheduleBlockInput!) { createScheduleBlock(input: $input) { id } }`, {
    input: { weekday: 6, kind: 'WORK_BLOCK', title: `Block ${w.n()}`, startTime: `${hour}:00`, endTime: `${hour}:30` },
  });
  return createScheduleBlock.id;
}

async function freshScheduleActivity(w: World): Promise<string> {
  const { createScheduleActivity } = await staffDo(w, `mutation($b: ID!, $input: ScheduleActivityInput!) { createScheduleActivity(blockId: $b, input: $input) { id } }`, {
    b: w.ids.sundayBlock,
    input: { title: `Activity ${w.n()}` },
  });
  return createScheduleActivity.id;
}

async function freshRule(w: World): Promise<string> {
  const { createRequiredActivity } = await staffDo(w, `mutation($input: RequiredActivityInput!) { createRequiredActivity(input: $input) { id } }`, {
    input: { kind: 'APPLICATION_MATERIAL', title: `Rule ${w.n()}`, moduleWeek: 20 },
  });
  return createRequiredActivity.id;
}

async function freshUser(w: World, deactivated = false): Promise<string> {
  const { createUser } = await staffDo(w, `mutation($e: String!) { createUser(email: $e, name: "Matrix Coach", role: COACH, password: "a long password") { id } }`, {
    e: `matrix.user${w.n()}@example.org`,
  });
  if (deactivated) await staffDo(w, `mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: createUser.id });
  return createUser.id;
}

// ---- how each operation is called -------------------------------------------------------------------------

const read = (query: string, variables: (w: World) => Record<string, unknown> = () => ({}), reveals?: (w: World) => Call['reveals']): GqlOp => ({
  build: async (w) => ({ query, variables: variables(w), reveals: reveals?.(w) }),
});
const L1 = (w: World) => w.l1.learner.id;

const OPERATIONS: Record<string, GqlOp | RestOp | SubOp> = {
  'Subscription.notificationAdded': {
    subscription: `subscription { notificationAdded { unreadCount } }`,
    trigger: async (w) => {
      await w.t.em().execute(`insert into notifications (id, recipient_id, kind, title, body, created_at) values (gen_random_uuid(), ?, 'FEEDBACK_GIVEN', 'Live for L1', 'Body', now())`, [w.l1.user.id]);
    },
  },
  'Subscription.reviewQueueChanged': {
    subscription: `subscription { reviewQueueChanged { submissionIds } }`,
    trigger: async (w) => {
      await w.t.em().execute(`update submissions set updated_at = updated_at where id = ?`, [w.ids.submission]);
    },
  },
  // Queries: one shared world.
  'Query.CoachingEvent': read(`query($id: ID!) { CoachingEvent(id: $id) { id } }`, (w) => ({ id: w.ids.event }), (w) => has(w.ids.event)),
  'Query.Learner': read(`query($id: ID!) { Learner(id: $id) { id } }`, (w) => ({ id: L1(w) }), (w) => has(L1(w))),
  'Query.Meeting': read(`query($id: ID!) { Meeting(id: $id) { id } }`, (w) => ({ id: w.ids.meeting }), (w) => has(w.ids.meeting)),
  'Query.Submission': read(`query($id: ID!) { Submission(id: $id) { id } }`, (w) => ({ id: w.ids.submission }), (w) => has(w.ids.submission)),
  'Query.User': read(`query($id: ID!) { User(id: $id) { id } }`, (w) => ({ id: w.l1.user.id }), (w) => has(w.l1.user.id)),
  'Query._allLearnersMeta': read(`query($ids: [ID!]) { _allLearnersMeta(filter: { ids: $ids }) { count } }`, (w) => ({ ids: [L1(w)] }), () => counted('_allLearnersMeta')),
  'Query._allMeetingsMeta': read(`query($l: ID) { _allMeetingsMeta(filter: { learnerId: $l }) { count } }`, (w) => ({ l: L1(w) }), () => counted('_allMeetingsMeta')),
  'Query._allSubmissionsMeta': read(`query($l: ID) { _allSubmissionsMeta(filter: { learnerId: $l }) { count } }`, (w) => ({ l: L1(w) }), () => counted('_allSubmissionsMeta')),
  'Query._allUsersMeta': read(`query($ids: [ID!]) { _allUsersMeta(filter: { ids: $ids }) { count } }`, (w) => ({ ids: [w.l1.user.id] }), () => counted('_allUsersMeta')),
  'Query._reviewQueueMeta': read(`query($l: ID) { _reviewQueueMeta(filter: { learnerId: $l }) { count } }`, (w) => ({ l: L1(w) }), () => counted('_reviewQueueMeta')),
  'Query.allLearners': read(`query($ids: [ID!]) { allLearners(filter: { ids: $ids }) { id } }`, (w) => ({ ids: [L1(w)] }), (w) => has(L1(w))),
  'Query.allMeetings': read(`query($l: ID) { allMeetings(filter: { learnerId: $l }) { id } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.meeting)),
  'Query.allSubmissions': read(`query($l: ID) { allSubmissions(filter: { learnerId: $l }) { id } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.submission)),
  'Query.allUsers': read(`query($ids: [ID!]) { allUsers(filter: { ids: $ids }) { id } }`, (w) => ({ ids: [w.l1.user.id] }), (w) => has(w.l1.user.id)),
  'Query.apiClients': read(`{ apiClients { id } }`),
  'Query.auditLog': read(`{ auditLog(perPage: 5) { id } }`),
  'Query.coachAlerts': read(`{ coachAlerts { id } }`, () => ({}), (w) => has(w.ids.alert)),
  'Query.coachCalendar': read(`query($c: ID!, $f: DateTimeISO!, $to: DateTimeISO!) { coachCalendar(coachId: $c, from: $f, to: $to) { id } }`, (w) => ({ c: w.coachA.id, f: NOW, to: at(24 * 30) })),
  'Query.compliancePreview': read(`{ compliancePreview(asOf: "2026-11-01T00:00:00Z", changeLimit: 5) { learnerWeeksEvaluated } }`),
  'Query.funnel': read(`query($c: ID) { funnel(coachId: $c) { applications } }`, (w) => ({ c: w.coachA.id })),
  'Query.learnerProgress': read(`query($l: ID!) { learnerProgress(learnerId: $l) { learnerId } }`, (w) => ({ l: L1(w) }), (w) => has(L1(w))),
  'Query.learners': read(`query($ids: [ID!]) { learners(filter: { ids: $ids }) { totalCount nodes { id } } }`, (w) => ({ ids: [L1(w)] }), (w) => has(L1(w))),
  // The world's own activity: a read row that wrote one would change the database the reads are checked against.
  'Query.jobActivities': read(`query($l: ID) { jobActivities(first: 200, filter: { learnerId: $l }) { nodes { id } } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.jobActivity)),
  'Query.meetings': read(`query($l: ID) { meetings(first: 200, filter: { learnerId: $l }) { nodes { id } } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.meeting)),
  'Query.submissions': read(`query($l: ID) { submissions(first: 200, filter: { learnerId: $l }) { edges { node { id } } } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.submission)),
  'Query.coachingEvents': read(`{ coachingEvents(first: 200, filter: { startsBefore: "2027-06-01T00:00:00Z" }) { nodes { id } } }`, () => ({}), (w) => has(w.ids.event)),
  'Query.me': read(`{ me { id } }`),
  'Query.morningSession': read(`query($d: LocalDate) { morningSession(date: $d) { signUps { learnerId } } }`, () => ({ d: SESSION_DATE }), (w) => has(L1(w))),
  'Query.progress': read(`query($ids: [ID!]) { progress(filter: { ids: $ids }) { nodes { learnerId } } }`, (w) => ({ ids: [L1(w)] }), (w) => has(L1(w))),
  'Query.requiredActivities': read(`{ requiredActivities { id } }`),
  'Query.reviewQueue': read(`query($l: ID) { reviewQueue(filter: { learnerId: $l }) { id } }`, (w) => ({ l: L1(w) }), (w) => has(w.ids.submission)),
  'Query.reviewQueueSummary': read(`{ reviewQueueSummary { open } }`),
  'Query.reviewTargets': read(`{ reviewTargets { kind } }`),
  'Query.roadmap': read(`query($l: ID!, $d: LocalDate!) { roadmap(learnerId: $l, date: $d) { learnerId } }`, (w) => ({ l: L1(w), d: TODAY }), (w) => has(L1(w))),
  'Query.scheduleTemplate': read(`{ scheduleTemplate { today } }`),
  'Query.unmatchedHuntrMembers': read(`{ unmatchedHuntrMembers { email } }`),
  'Query.huntrIntegration': read(`{ huntrIntegration { syncConfigured keptActionCount } }`),
  'Query.upcomingEvents': read(`{ upcomingEvents(to: "2027-06-01T00:00:00Z") { id } }`, () => ({}), (w) => has(w.ids.event)),
  'Query.workingHours': read(`query($c: ID!) { workingHours(coachId: $c) { weekday } }`, (w) => ({ c: w.coachA.id })),

  // Mutations: fresh objects each time.
  'Mutation.cancelCoachingEvent': { build: async (w) => ({ query: `mutation($id: ID!) { cancelCoachingEvent(id: $id, reason: "Room flooded") { id } }`, variables: { id: await freshEvent(w) } }) },
  'Mutation.cancelMeeting': { build: async (w) => ({ query: `mutation($id: ID!) { cancelMeeting(id: $id, reason: "Found a job") { id } }`, variables: { id: (await freshMeeting(w, 'SCHEDULED')).id } }) },
  'Mutation.cancelMorningSessionSignUp': {
    build: async (w) => {
      await as(w, w.l1.token, `mutation($l: ID!, $d: LocalDate!) { signUpForMorningSession(learnerId: $l, date: $d, practiceType: TECHNICAL) { date } }`, { l: L1(w), d: SESSION_DATE });
      return { query: `mutation($l: ID!, $d: LocalDate!) { cancelMorningSessionSignUp(learnerId: $l, date: $d) { date } }`, variables: { l: L1(w), d: SESSION_DATE } };
    },
  },
  'Mutation.cancelRsvp': {
    build: async (w) => {
      const event = await freshEvent(w);
      await rsvpL1(w, event);
      return { query: `mutation($e: ID!, $l: ID!) { cancelRsvp(eventId: $e, learnerId: $l) { id } }`, variables: { e: event, l: L1(w) } };
    },
  },
  'Mutation.claimNextSubmission': {
    build: async (w) => {
      await freshSubmission(w, 'SUBMITTED');
      return { query: `mutation { claimNextSubmission { id } }` };
    },
  },
  'Mutation.claimSubmission': { build: async (w) => ({ query: `mutation($id: ID!) { claimSubmission(id: $id) { id } }`, variables: { id: (await freshSubmission(w, 'SUBMITTED')).id } }) },
  'Mutation.completeActivity': {
    build: async (w) => {
      await sql(w, `delete from activity_progress where learner_id = ?`, [L1(w)]);
      return { query: `mutation($l: ID!, $a: ID!, $d: LocalDate!) { completeActivity(learnerId: $l, activityId: $a, date: $d) { state } }`, variables: { l: L1(w), a: w.ids.skippable, d: TODAY } };
    },
  },
  'Mutation.completeMeeting': { build: async (w) => ({ query: `mutation($id: ID!) { completeMeeting(id: $id, outcome: COMPLETED) { id } }`, variables: { id: (await freshMeeting(w, 'STARTED')).id } }) },
  'Mutation.correctFeedback': {
    build: async (w) => {
      const s = await freshSubmission(w, 'REVIEWED');
      return { query: `mutation($id: ID!, $r: Int!) { correctFeedback(submissionId: $id, revision: $r, decision: APPROVED, body: "Fine after all") { id } }`, variables: { id: s.id, r: s.revision } };
    },
  },
  'Mutation.createApiClient': { build: async (w) => ({ query: `mutation($n: String!) { createApiClient(name: $n, scopes: ["progress:read"]) { key } }`, variables: { n: `Client ${w.n()}` } }) },
  'Mutation.createCoachingEvent': {
    build: async (w) => ({
      query: `mutation($input: CoachingEventInput!) { createCoachingEvent(input: $input) { id } }`,
      variables: { input: { type: 'Q_AND_A', title: `Q&A ${w.n()}`, facilitatorId: w.coachA.id, startsAt: at(24 * 120 + w.n() * 3), durationMinutes: 60, capacity: 5 } },
    }),
  },
  'Mutation.createLearner': {
    build: async (w) => ({
      query: `mutation($e: String!, $c: ID!) { createLearner(name: "New Searcher", email: $e, coachId: $c, timeZone: "UTC", moduleStartDate: "2026-11-02") { id } }`,
      variables: { e: `new.searcher${w.n()}@example.org`, c: w.coachA.id },
    }),
  },
  'Mutation.createRequiredActivity': {
    build: async (w) => ({ query: `mutation($input: RequiredActivityInput!) { createRequiredActivity(input: $input) { id } }`, variables: { input: { kind: 'APPLICATION_MATERIAL', title: `Rule ${w.n()}`, moduleWeek: 20 } } }),
  },
  'Mutation.createScheduleActivity': {
    build: async (w) => ({ query: `mutation($b: ID!, $input: ScheduleActivityInput!) { createScheduleActivity(blockId: $b, input: $input) { id } }`, variables: { b: w.ids.sundayBlock, input: { title: `Activity ${w.n()}` } } }),
  },
  'Mutation.createScheduleBlock': {
    build: async (w) => ({
      query: `mutation($input: ScheduleBlockInput!) { createScheduleBlock(input: $input) { id } }`,
      variables: { input: { weekday: 6, kind: 'BREAK', title: `Break ${w.n()}`, startTime: '21:00', endTime: '21:15' } },
    }),
  },
  'Mutation.createUser': {
    build: async (w) => ({ query: `mutation($e: String!) { createUser(email: $e, name: "A Coach", role: COACH, password: "a long password") { id } }`, variables: { e: `created${w.n()}@example.org` } }),
  },
  'Mutation.deactivateUser': { build: async (w) => ({ query: `mutation($id: ID!) { deactivateUser(id: $id) { id } }`, variables: { id: await freshUser(w) } }) },
  'Mutation.declineMeeting': { build: async (w) => ({ query: `mutation($id: ID!) { declineMeeting(id: $id, reason: "Fully booked") { id } }`, variables: { id: (await freshMeeting(w, 'REQUESTED')).id } }) },
  'Mutation.deleteJobActivity': { build: async (w) => ({ query: `mutation($id: ID!) { deleteJobActivity(id: $id) { id } }`, variables: { id: await freshJobActivity(w) } }) },
  'Mutation.updateJobActivity': {
    build: async (w) => ({ query: `mutation($id: ID!) { updateJobActivity(id: $id, input: { company: "Globex" }) { id company } }`, variables: { id: await freshJobActivity(w) } }),
  },
  'Mutation.deleteScheduleActivity': { build: async (w) => ({ query: `mutation($id: ID!) { deleteScheduleActivity(id: $id) { id } }`, variables: { id: await freshScheduleActivity(w) } }) },
  'Mutation.deleteScheduleBlock': { build: async (w) => ({ query: `mutation($id: ID!) { deleteScheduleBlock(id: $id) { id } }`, variables: { id: await freshBlock(w) } }) },
  'Mutation.evaluateCompliance': { build: async () => ({ query: `mutation { evaluateCompliance(asOf: "2026-11-01T00:00:00Z", changeLimit: 5) { learnerWeeksEvaluated } }` }) },
  'Mutation.giveFeedback': {
    build: async (w) => {
      const s = await freshSubmission(w, 'CLAIMED');
      return { query: `mutation($id: ID!, $r: Int!) { giveFeedback(submissionId: $id, revision: $r, decision: APPROVED, body: "Clear and strong") { id } }`, variables: { id: s.id, r: s.revision } };
    },
  },
  // The same password again, and sessions cut off at the frozen clock's second: the caller's token keeps working for the cells after.
  'Mutation.changePassword': {
    build: async () => ({ query: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { expiresAt } }`, variables: { c: TEST_PASSWORD, n: TEST_PASSWORD } }),
  },
  'Mutation.signOutEverywhere': { build: async () => ({ query: `mutation { signOutEverywhere }` }) },
  'Query.jobSchedule': { build: async () => ({ query: `{ jobSchedule { task nextRunAt } }` }) },
  'Query.supportUrl': { build: async () => ({ query: `{ supportUrl }` }) },
  // A far week of L1's, a new one each time: nothing judged it yet.
  'Mutation.excuseWeek': {
    build: async (w) => ({ query: `mutation($l: ID!, $w: Int!) { excuseWeek(learnerId: $l, moduleWeek: $w, reason: "Matrix") { moduleWeek } }`, variables: { l: w.l1.learner.id, w: 100 + w.n() } }),
  },
  // The same zone again: every caller's own profile stays as the other cells expect it.
  'Query.notifications': {
    build: async () => ({ query: `{ notifications(first: 100) { nodes { title } } }`, reveals: (d) => d.notifications.nodes.some((n: { title: string }) => n.title === 'Matrix notice for L1') }),
  },
  'Query.notificationPreferences': { build: async () => ({ query: `{ notificationPreferences { timeZone } }` }) },
  'Mutation.markNotificationsRead': { build: async () => ({ query: `mutation { markNotificationsRead }` }) },
  'Mutation.setNotificationPreference': { build: async () => ({ query: `mutation { setNotificationPreference(kind: FEEDBACK_GIVEN, channel: EMAIL, enabled: true) { timeZone } }` }) },
  'Mutation.setQuietHours': { build: async () => ({ query: `mutation { setQuietHours(from: "21:00", until: "08:00") { timeZone } }` }) },
  'Mutation.addCoachNote': { build: async (w) => ({ query: `mutation($l: ID!) { addCoachNote(learnerId: $l, body: "Matrix note") { id } }`, variables: { l: w.l1.learner.id } }) },
  'Mutation.updateCoachNote': { build: async (w) => ({ query: `mutation($id: ID!) { updateCoachNote(id: $id, body: "Edited") { id } }`, variables: { id: await coachANote(w) } }) },
  'Mutation.deleteCoachNote': { build: async (w) => ({ query: `mutation($id: ID!) { deleteCoachNote(id: $id) { id } }`, variables: { id: await coachANote(w) } }) },
  'Query.myFeedbackSnippets': { build: async () => ({ query: `{ myFeedbackSnippets { id } }` }) },
  'Query.programReport': { build: async () => ({ query: `{ programReport { funnel { learners } } }` }) },
  'Mutation.saveFeedbackSnippet': { build: async (w) => ({ query: `mutation($t: String!) { saveFeedbackSnippet(title: $t, body: "Well structured.") { id } }`, variables: { t: `Matrix ${w.n()}` } }) },
  'Mutation.deleteFeedbackSnippet': {
    build: async (w) => {
      const [s] = await w.t.em().execute<{ id: string }[]>(
        `insert into feedback_snippets (id, coach_id, title, body, updated_at) values (gen_random_uuid(), ?, ?, 'Body', now()) returning id`,
        [w.coachA.id, `Coach A ${w.n()}`],
      );
      return { query: `mutation($id: ID!) { deleteFeedbackSnippet(id: $id) { id } }`, variables: { id: s.id } };
    },
  },
  'Mutation.setDailyDigest': { build: async () => ({ query: `mutation { setDailyDigest(enabled: false) { dailyDigest } }` }) },
  'Query.caughtMails': { build: async () => ({ query: `{ caughtMails { id } }` }) },
  'Query.webhookEndpoints': { build: async () => ({ query: `{ webhookEndpoints { id } }` }) },
  'Query.webhookDeliveries': { build: async () => ({ query: `{ webhookDeliveries { id } }` }) },
  'Mutation.createWebhookEndpoint': { build: async (w) => ({ query: `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { secret } }`, variables: { u: `https://platform.example.org/hooks/${w.n()}` } }) },
  'Mutation.updateWebhookEndpoint': { build: async (w) => ({ query: `mutation($id: ID!) { updateWebhookEndpoint(id: $id, patch: { description: "Matrix" }) { id } }`, variables: { id: await webhookEndpoint(w) } }) },
  'Mutation.deleteWebhookEndpoint': { build: async (w) => ({ query: `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`, variables: { id: await webhookEndpoint(w) } }) },
  // A delivery of L1's notice to an endpoint that is on, as notify() writes it.
  'Mutation.replayWebhookDelivery': {
    build: async (w) => {
      const endpoint = await webhookEndpoint(w);
      const [d] = await w.t.em().execute<{ id: string }[]>(
        `insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, status, due_at, created_at)
         select gen_random_uuid(), ?, n.id, n.kind, '{}'::jsonb, 'SENT', now(), now() from notifications n where n.recipient_id = ? limit 1 returning id`,
        [endpoint, w.l1.user.id],
      );
      return { query: `mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, variables: { id: d.id } };
    },
  },
  'Query.notificationDeliveries': { build: async () => ({ query: `{ notificationDeliveries { id } }` }) },
  'Mutation.updateMyProfile': { build: async () => ({ query: `mutation { updateMyProfile(timeZone: "UTC") { id } }` }) },
  'Query.failedJobs': { build: async () => ({ query: `{ failedJobs { id } }` }) },
  // A job that failed once, made here as the worker would leave it.
  'Mutation.retryJob': {
    build: async (w) => {
      const conn = w.t.em().getConnection();
      const [job] = await conn.execute<{ id: string }[]>(`select id::text as id from graphile_worker.add_job('release_lapsed_claims')`);
      await conn.execute(`update graphile_worker._private_jobs set attempts = 1, last_error = 'failed in the matrix' where id = ?::bigint`, [job.id]);
      return { query: `mutation($id: ID!) { retryJob(id: $id) { id } }`, variables: { id: job.id } };
    },
  },
  'Mutation.signOut': { build: async () => ({ query: `mutation { signOut }`, freshSession: true }) },
  'Mutation.signInWithCookie': {
    build: async (w) => ({ query: `mutation($e: String!, $p: String!) { signInWithCookie(email: $e, password: $p) { expiresAt } }`, variables: { e: w.l1.user.email, p: TEST_PASSWORD } }),
  },
  'Mutation.login': { build: async (w) => ({ query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }`, variables: { e: w.l1.user.email, p: TEST_PASSWORD } }) },
  'Mutation.moveScheduleActivity': { build: async (w) => ({ query: `mutation($id: ID!) { moveScheduleActivity(id: $id, position: 0) { id } }`, variables: { id: await freshScheduleActivity(w) } }) },
  'Mutation.moveScheduleBlock': { build: async (w) => ({ query: `mutation($id: ID!) { moveScheduleBlock(id: $id, position: 0) { id } }`, variables: { id: await freshBlock(w) } }) },
  'Mutation.pairMorningSession': { build: async () => ({ query: `mutation { pairMorningSession(date: "2026-11-26") { date } }` }) },
  'Mutation.reactivateUser': { build: async (w) => ({ query: `mutation($id: ID!) { reactivateUser(id: $id) { id } }`, variables: { id: await freshUser(w, true) } }) },
  'Mutation.reassignSubmission': {
    build: async (w) => ({ query: `mutation($id: ID!, $c: ID!) { reassignSubmission(id: $id, coachId: $c) { id } }`, variables: { id: (await freshSubmission(w, 'SUBMITTED')).id, c: w.coachB.id } }),
  },
  'Mutation.recordAttendance': {
    build: async (w) => {
      const event = await freshEvent(w);
      await rsvpL1(w, event);
      await sql(w, `update coaching_events set starts_at = ?, ends_at = ? where id = ?`, [at(-1), at(0.5), event]);
      return { query: `mutation($e: ID!, $l: [ID!]!) { recordAttendance(eventId: $e, learnerIds: $l, attendance: ATTENDED) { id } }`, variables: { e: event, l: [L1(w)] } };
    },
  },
  'Mutation.recordJobActivity': {
    build: async (w) => ({
      query: `mutation($input: RecordJobActivityInput!) { recordJobActivity(input: $input) { id } }`,
      variables: { input: { learnerId: L1(w), kind: 'INTERVIEW', company: 'Globex', role: 'Engineer', occurredAt: at(-2) } },
    }),
  },
  'Mutation.regenerateCalendarFeed': { build: async () => ({ query: `mutation { regenerateCalendarFeed { url } }` }) },
  'Mutation.releaseSubmission': { build: async (w) => ({ query: `mutation($id: ID!) { releaseSubmission(id: $id) { id } }`, variables: { id: (await freshSubmission(w, 'CLAIMED')).id } }) },
  'Mutation.requestMeeting': {
    build: async (w) => {
      const start = at(24 + w.n() * 3);
      return {
        query: `mutation($input: RequestMeetingInput!) { requestMeeting(input: $input) { id } }`,
        variables: { input: { learnerId: L1(w), topic: 'INTERVIEW_PREP', windows: [{ startsAt: start, endsAt: new Date(Date.parse(start) + MS_HOUR).toISOString() }] } },
      };
    },
  },
  'Mutation.rescheduleMeeting': {
    build: async (w) => {
      const m = await freshMeeting(w, 'SCHEDULED');
      return { query: `mutation($id: ID!, $s: DateTimeISO!) { rescheduleMeeting(id: $id, startsAt: $s, durationMinutes: 30) { id } }`, variables: { id: m.id, s: new Date(Date.parse(m.window) + MS_HOUR).toISOString() } };
    },
  },
  'Mutation.resolveCoachAlert': { build: async (w) => ({ query: `mutation($id: ID!) { resolveCoachAlert(id: $id) { id } }`, variables: { id: await freshAlert(w) } }) },
  'Mutation.resolveHuntrMember': {
    build: async (w) => ({ query: `mutation($e: String!, $l: ID!) { resolveHuntrMember(email: $e, learnerId: $l) }`, variables: { e: `huntr.member${w.n()}@example.org`, l: L1(w) } }),
  },
  'Mutation.retireRequiredActivity': { build: async (w) => ({ query: `mutation($id: ID!) { retireRequiredActivity(id: $id) { id } }`, variables: { id: await freshRule(w) } }) },
  'Mutation.revokeApiClient': {
    build: async (w) => {
      const { createApiClient } = await staffDo(w, `mutation($n: String!) { createApiClient(name: $n, scopes: ["events:read"]) { client { id } } }`, { n: `To revoke ${w.n()}` });
      return { query: `mutation($id: ID!) { revokeApiClient(id: $id) { id } }`, variables: { id: createApiClient.client.id } };
    },
  },
  'Mutation.revokeApiClientKey': {
    build: async (w) => {
      const { createApiClient } = await staffDo(w, `mutation($n: String!) { createApiClient(name: $n, scopes: ["events:read"]) { issued { id } } }`, { n: `Key to revoke ${w.n()}` });
      return { query: `mutation($id: ID!) { revokeApiClientKey(keyId: $id) { id } }`, variables: { id: createApiClient.issued.id } };
    },
  },
  'Mutation.rotateApiClientKey': {
    build: async (w) => {
      const { createApiClient } = await staffDo(w, `mutation($n: String!) { createApiClient(name: $n, scopes: ["events:read"]) { client { id } } }`, { n: `To rotate ${w.n()}` });
      return { query: `mutation($id: ID!) { rotateApiClientKey(clientId: $id) { key } }`, variables: { id: createApiClient.client.id } };
    },
  },
  'Mutation.rsvpEvent': { build: async (w) => ({ query: `mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { id } }`, variables: { e: await freshEvent(w), l: L1(w) } }) },
  'Mutation.scheduleMeeting': {
    build: async (w) => {
      const m = await freshMeeting(w, 'REQUESTED');
      return {
        query: `mutation($id: ID!, $s: DateTimeISO!) { scheduleMeeting(id: $id, startsAt: $s, durationMinutes: 30, videoLink: "https://meet.example.org/y") { id } }`,
        variables: { id: m.id, s: m.window },
      };
    },
  },
  'Mutation.setEnrollmentStatus': {
    build: async (w) => ({
      query: `mutation($l: ID!, $s: EnrollmentStatus!) { setEnrollmentStatus(learnerId: $l, status: $s, reason: "Matrix check") { id } }`,
      variables: { l: L1(w), s: await otherStatus(w) },
    }),
  },
  'Mutation.setEnrollmentStatuses': {
    build: async (w) => ({
      query: `mutation($l: [ID!]!, $s: EnrollmentStatus!) { setEnrollmentStatuses(learnerIds: $l, status: $s, reason: "Matrix check") { id } }`,
      variables: { l: [L1(w)], s: await otherStatus(w) },
    }),
  },
  'Mutation.setMorningSessionGroupsOfThree': { build: async () => ({ query: `mutation { setMorningSessionGroupsOfThree(date: "2026-12-03", groupsOfThree: true) { date } }` }) },
  'Mutation.setReviewTarget': { build: async () => ({ query: `mutation { setReviewTarget(kind: APPLICATION_MATERIAL, hours: 72) { kind } }` }) },
  'Mutation.setWorkingHours': { build: async (w) => ({ query: `mutation($c: ID!) { setWorkingHours(coachId: $c, hours: []) { weekday } }`, variables: { c: w.coachA.id } }) },
  'Mutation.signUpForMorningSession': {
    build: async (w) => {
      await sql(w, `delete from morning_session_signups where learner_id = ?`, [L1(w)]);
      return { query: `mutation($l: ID!, $d: LocalDate!) { signUpForMorningSession(learnerId: $l, date: $d, practiceType: BEHAVIORAL) { date } }`, variables: { l: L1(w), d: SESSION_DATE } };
    },
  },
  'Mutation.skipActivity': {
    build: async (w) => {
      await sql(w, `delete from activity_progress where learner_id = ?`, [L1(w)]);
      return { query: `mutation($l: ID!, $a: ID!, $d: LocalDate!) { skipActivity(learnerId: $l, activityId: $a, date: $d) { state } }`, variables: { l: L1(w), a: w.ids.skippable, d: TODAY } };
    },
  },
  'Mutation.submitAssignment': {
    build: async (w) => ({
      query: `mutation($input: SubmitAssignmentInput!) { submitAssignment(input: $input) { id } }`,
      variables: { input: { learnerId: L1(w), kind: 'WEEKLY_RETROSPECTIVE', ...contentFor('WEEKLY_RETROSPECTIVE') } },
    }),
  },
  'Mutation.undoActivity': {
    build: async (w) => {
      await as(w, w.l1.token, `mutation($l: ID!, $a: ID!, $d: LocalDate!) { completeActivity(learnerId: $l, activityId: $a, date: $d) { state } }`, { l: L1(w), a: w.ids.skippable, d: TODAY });
      return { query: `mutation($l: ID!, $a: ID!, $d: LocalDate!) { undoActivity(learnerId: $l, activityId: $a, date: $d) { state } }`, variables: { l: L1(w), a: w.ids.skippable, d: TODAY } };
    },
  },
  'Mutation.updateCoachingEvent': { build: async (w) => ({ query: `mutation($id: ID!) { updateCoachingEvent(id: $id, patch: { title: "Renamed" }) { id } }`, variables: { id: await freshEvent(w) } }) },
  'Mutation.updateLearner': { build: async (w) => ({ query: `mutation($id: ID!, $n: String!) { updateLearner(id: $id, name: $n) { id } }`, variables: { id: L1(w), n: `Learner One ${w.n()}` } }) },
  'Mutation.updateRequiredActivity': { build: async (w) => ({ query: `mutation($id: ID!) { updateRequiredActivity(id: $id, patch: { title: "Reworded" }) { id } }`, variables: { id: await freshRule(w) } }) },
  'Mutation.updateScheduleActivity': { build: async (w) => ({ query: `mutation($id: ID!) { updateScheduleActivity(id: $id, patch: { title: "Reworded" }) { id } }`, variables: { id: await freshScheduleActivity(w) } }) },
  'Mutation.updateScheduleBlock': { build: async (w) => ({ query: `mutation($id: ID!) { updateScheduleBlock(id: $id, patch: { title: "Reworded" }) { id } }`, variables: { id: await freshBlock(w) } }) },
  'Mutation.updateUser': { build: async (w) => ({ query: `mutation($id: ID!) { updateUser(id: $id, name: "Renamed Coach") { id } }`, variables: { id: await freshUser(w) } }) },

  // REST routes.
  'POST /webhooks/huntr': {
    rest: async (w, column) => {
      // An action for L1 that would be stored if it got in; the caller sends its bearer token (if any), no signature.
      const body = JSON.stringify(huntrAction(w, `act_matrix_${w.n()}`));
      return () => fetch(`${w.t.url}/webhooks/huntr`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(w, column) }, body });
    },
  },
  'GET /exports/:file': { rest: async (w, column) => () => fetch(`${w.t.url}/exports/learners.csv`, { headers: auth(w, column) }) },
  'POST /imports/huntr': {
    rest: async (w, column) => () =>
      fetch(`${w.t.url}/imports/huntr`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...auth(w, column) },
        body: [
          'Activity ID,Member Email,Activity Category,Company,Job Title,Completed,Completed At,Start At',
          `csv_matrix_${w.n()},${w.l1.user.email},Apply,Initech,Developer,true,2026-11-16T10:00:00Z,`,
        ].join('\n'),
      }),
  },
  'GET /notifications/unsubscribe': { rest: async (w, column) => () => fetch(unsubscribeLink(w, column), { headers: auth(w, column) }) },
  'POST /notifications/unsubscribe': { rest: async (w, column) => () => fetch(unsubscribeLink(w, column), { method: 'POST', headers: auth(w, column) }) },
  'GET /calendar/:file': {
    rest: async (w, column) => {
      let token = 'never-issued-token-0123456789abcdef';
      if (column === 'learnerSelf' || column === 'coachAssigned' || column === 'staff') token = await feedToken(w, w.tokens[column]!);
      if (column === 'learnerOther' || column === 'coachOther') {
        // The URL L1 had before remaking it: what someone who once saw it would hold.
        token = await feedToken(w, w.l1.token);
        await feedToken(w, w.l1.token);
      }
      return () => fetch(`${w.t.url}/calendar/${token}.ics`, { headers: auth(w, column) });
    },
  },
  'GET /health': { rest: async (w, column) => () => fetch(`${w.t.url}/health`, { headers: auth(w, column) }) },
  'GET /health/live': { rest: async (w, column) => () => fetch(`${w.t.url}/health/live`, { headers: auth(w, column) }) },
  'GET /health/ready': { rest: async (w, column) => () => fetch(`${w.t.url}/health/ready`, { headers: auth(w, column) }) },
  'GET /metrics': { rest: async (w, column) => () => fetch(`${w.t.url}/metrics`, { headers: auth(w, column) }) },
  'STATIC /admin': { rest: async (w, column) => () => fetch(`${w.t.url}/admin/assets/app.js`, { headers: auth(w, column) }) },
  'STATIC /docs': { rest: async (w, column) => () => fetch(`${w.t.url}/docs/index.html`, { headers: auth(w, column) }) },
  'GET /^\\/graphiql\\/?$/': { rest: async (w, column) => () => fetch(`${w.t.url}/graphiql/`, { headers: auth(w, column) }) },
  'STATIC /graphiql/assets': { rest: async (w, column) => () => fetch(`${w.t.url}/graphiql/assets/app.js`, { headers: auth(w, column) }) },
  'GET /graphiql/schema.json': { rest: async (w, column) => () => fetch(`${w.t.url}/graphiql/schema.json`, { headers: auth(w, column) }) },
  'STATIC /examples/progress': { rest: async (w, column) => () => fetch(`${w.t.url}/examples/progress/`, { headers: auth(w, column) }) },
  'GET /^\\/admin(\\/.*)?$/': { rest: async (w, column) => () => fetch(`${w.t.url}/admin/learners/123`, { headers: auth(w, column) }) },
  'GET /': { rest: async (w, column) => () => fetch(`${w.t.url}/`, { headers: auth(w, column), redirect: 'manual' }) },
};

/** A note coach A (L1's coach) wrote on L1. */
async function coachANote(w: World): Promise<string> {
  const [n] = await w.t.em().execute<{ id: string }[]>(
    `insert into coach_notes (id, learner_id, author_id, body, created_at, updated_at) values (gen_random_uuid(), ?, ?, 'Coach A note', now(), now()) returning id`,
    [w.l1.learner.id, w.coachA.id],
  );
  return n.id;
}

/** A webhook endpoint made here as staff would register it. */
async function webhookEndpoint(w: World): Promise<string> {
  const { createWebhookEndpoint } = await staffDo(w, `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }`, { u: `https://platform.example.org/hooks/${w.n()}` });
  return createWebhookEndpoint.endpoint.id;
}

/** L1's one-click unsubscribe link for learnerSelf (as its email carries it); for every other caller, one signed for L2 but naming L1. */
function unsubscribeLink(w: World, column: Column): string {
  const link = new URL(unsubscribeUrl(w.t.url, w.t.config.authSecret, (column === 'learnerSelf' ? w.l1 : w.l2).user.id, NotificationKind.FEEDBACK_GIVEN));
  link.searchParams.set('u', w.l1.user.id);
  return link.toString();
}

function auth(w: World, column: Column): Record<string, string> {
  const token = w.tokens[column];
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A completed Apply activity for L1, in the shape Huntr documents an Action (test/fixtures/huntr/README.md). */
function huntrAction(w: World, id: string) {
  const at = Math.floor(new Date('2026-11-17T10:00:00Z').getTime() / 1000);
  return {
    id,
    actionType: 'ACTIVITY_CREATED',
    date: at,
    createdAt: at,
    createdByWorkflow: false,
    ownerMember: { id: 'mem_matrix', email: w.l1.user.email, givenName: 'L', familyName: 'One', createdAt: at, isActive: true },
    creatorMember: { id: 'mem_matrix', email: w.l1.user.email, givenName: 'L', familyName: 'One', createdAt: at, isActive: true },
    job: { id: `job_${id}`, title: 'Backend Developer', location: {}, createdAt: at },
    employer: { id: 'emp_hooli', name: 'Hooli' },
    activity: { id: `actv_${id}`, title: 'Apply', completed: true, createdByWorkflow: false, completedAt: at, createdAt: at },
    activityCategory: { id: '5e448f3bf2b856c29af11289', name: 'Apply' },
    jobId: `job_${id}`,
    activityId: `actv_${id}`,
  };
}

/** Makes the caller a new calendar feed and returns its secret token. */
async function feedToken(w: World, token: string): Promise<string> {
  const { regenerateCalendarFeed } = await as(w, token, `mutation { regenerateCalendarFeed { url } }`);
  return /\/calendar\/([^/]+)\.ics$/.exec(regenerateCalendarFeed.url)![1];
}

/** ENROLLED ↔ AT_RISK: a status L1 is not in now, that keeps L1 able to join sessions. */
async function otherStatus(w: World): Promise<string> {
  const [{ status }] = await sql(w, `select status from learners where id = ?`, [L1(w)]);
  return status === 'ENROLLED' ? 'AT_RISK' : 'ENROLLED';
}

// ---- the world ------------------------------------------------------------------------------------------

async function seedWorld(t: TestApp): Promise<World> {
  let counter = 0;
  const staff = await t.createUser(Role.STAFF);
  const coachA = await t.createUser(Role.COACH, { name: 'Coach A' });
  const coachB = await t.createUser(Role.COACH, { name: 'Coach B' });
  const l1 = await t.createLearner(coachA, { name: 'Learner One', email: 'learner.one@example.org' });
  const l2 = await t.createLearner(coachB, { name: 'Learner Two', email: 'learner.two@example.org' });
  const w: World = {
    t,
    staff,
    coachA,
    coachB,
    l1,
    l2,
    tokens: {
      anonymous: undefined,
      learnerSelf: l1.token,
      learnerOther: l2.token,
      coachAssigned: t.tokenFor(coachA),
      coachOther: t.tokenFor(coachB),
      staff: t.tokenFor(staff),
      keyProgress: undefined,
      keyLearners: undefined,
      keyEvents: undefined,
    },
    ids: {} as World['ids'],
    n: () => ++counter,
  };
  for (const [column, scope] of [['keyProgress', 'progress:read'], ['keyLearners', 'learners:read'], ['keyEvents', 'events:read']] as const) {
    const { createApiClient } = await staffDo(w, `mutation($n: String!, $s: [String!]!) { createApiClient(name: $n, scopes: $s) { key } }`, { n: scope, s: [scope] });
    w.tokens[column] = createApiClient.key;
  }

  // The road map of today (a Wednesday), a morning session on Thursday, a block on Sunday to add activities to.
  const { createScheduleBlock: wednesday } = await staffDo(w, `mutation { createScheduleBlock(input: { weekday: 3, kind: WORK_BLOCK, title: "Applications", startTime: "10:00", endTime: "12:00" }) { id } }`);
  const { createScheduleActivity: skippable } = await staffDo(w, `mutation($b: ID!) { createScheduleActivity(blockId: $b, input: { title: "Networking message", required: false }) { id } }`, { b: wednesday.id });
  await staffDo(w, `mutation { createScheduleBlock(input: { weekday: 4, kind: MORNING_SESSION, title: "Peer practice", startTime: "09:00", endTime: "10:00" }) { id } }`);
  const { createScheduleBlock: sunday } = await staffDo(w, `mutation { createScheduleBlock(input: { weekday: 7, kind: WORK_BLOCK, title: "Catch-up", startTime: "10:00", endTime: "11:00" }) { id } }`);

  w.ids = {
    event: await freshEvent(w),
    meeting: (await freshMeeting(w, 'REQUESTED')).id,
    submission: (await freshSubmission(w, 'SUBMITTED')).id,
    alert: await freshAlert(w),
    skippable: skippable.id,
    sundayBlock: sunday.id,
    jobActivity: await freshJobActivity(w),
  };
  // A notification of L1's, so a read shows whether the caller can see it.
  await w.t.em().execute(`insert into notifications (id, recipient_id, kind, title, body, created_at) values (gen_random_uuid(), ?, 'FEEDBACK_GIVEN', 'Matrix notice for L1', 'Body', now())`, [l1.user.id]);
  await as(w, l1.token, `mutation($l: ID!, $d: LocalDate!) { signUpForMorningSession(learnerId: $l, date: $d, practiceType: TECHNICAL) { date } }`, { l: l1.learner.id, d: SESSION_DATE });

  // An API key notes its use once a minute; with the clock held still, one call each now keeps later cells from writing.
  for (const column of ['keyProgress', 'keyLearners', 'keyEvents'] as const) await w.t.gql(`{ __typename }`, {}, w.tokens[column]);
  return w;
}

// ---- judging a cell -------------------------------------------------------------------------------------

const HIDING = new Set(['FORBIDDEN', 'NOT_FOUND']);

/** Why a GraphQL answer does not meet the cell's expectation, or null when it does. */
function judgeGql(expect: Expectation, column: Column, res: GqlResponse, reveals: Call['reveals']): string | null {
  const code = res.errors?.[0]?.extensions?.code;
  const shown = JSON.stringify(res.errors ?? res.data).slice(0, 300);
  switch (expect) {
    case 'allow':
      if (res.errors?.length) return `expected it allowed, got ${shown}`;
      if (reveals && !reveals(res.data ?? {})) return `allowed, but the answer does not show L1's data: ${shown}`;
      return null;
    case 'hidden':
      if (res.errors?.length) return `expected an answer without L1's data, got ${shown}`;
      if (!reveals) return 'a hidden cell needs a reveals check';
      if (reveals(res.data ?? {})) return `the answer shows L1's data: ${shown}`;
      return null;
    case 'refuse':
      if (column === 'anonymous') return code === 'UNAUTHENTICATED' ? null : `expected UNAUTHENTICATED, got ${shown}`;
      return code && HIDING.has(code) ? null : `expected FORBIDDEN or NOT_FOUND, got ${shown}`;
    default:
      return code === expect ? null : `expected ${expect}, got ${shown}`;
  }
}

function judgeRest(expect: Expectation, column: Column, status: number): string | null {
  if (expect === 'allow') return status < 400 ? null : `expected it allowed, got HTTP ${status}`;
  if (column === 'anonymous') return status === 401 || status === 404 ? null : `expected 401 (or 404 for a secret URL), got HTTP ${status}`;
  return [401, 403, 404].includes(status) ? null : `expected 401, 403 or 404, got HTTP ${status}`;
}

const refuses = (e: Expectation) => e !== 'allow' && e !== 'hidden';

/** Mutations whose allowed cells change the same piece of L1's state (status, today's road map, a sign-up): one at a time. */
const SERIAL = new Set([
  'Mutation.setEnrollmentStatus',
  'Mutation.setEnrollmentStatuses',
  'Mutation.completeActivity',
  'Mutation.skipActivity',
  'Mutation.undoActivity',
  'Mutation.signUpForMorningSession',
  'Mutation.cancelMorningSessionSignUp',
]);

describe('the authorization matrix', () => {
  let t: TestApp;
  let w: World;
  let schema: GraphQLSchema;
  let adminDist: string;
  const operations = Object.keys(MATRIX);
  const totalCells = operations.length * COLUMNS.length;
  /** What the server has: the schema's root fields and the Express app's routes. */
  const existing = new Set<string>();

  beforeAll(async () => {
    // The console's files, so its routes exist as they do in production.
    adminDist = mkdtempSync(path.join(os.tmpdir(), 'waypoint-matrix-admin-'));
    writeFileSync(path.join(adminDist, 'index.html'), '<!doctype html><title>Waypoint</title>');
    mkdirSync(path.join(adminDist, 'assets'));
    writeFileSync(path.join(adminDist, 'assets', 'app.js'), 'console.log("waypoint")');
    // The API reference's files (npm run docs), so /docs is served as it is in production.
    const docsDist = mkdtempSync(path.join(os.tmpdir(), 'waypoint-matrix-docs-'));
    writeFileSync(path.join(docsDist, 'index.html'), '<!doctype html><title>Waypoint GraphQL API</title>');
    // GraphiQL's built files and the reference client's (npm run build, npm start), so their routes exist.
    const graphiqlDist = mkdtempSync(path.join(os.tmpdir(), 'waypoint-matrix-graphiql-'));
    writeFileSync(path.join(graphiqlDist, 'index.html'), '<!doctype html><title>GraphiQL</title>');
    mkdirSync(path.join(graphiqlDist, 'assets'));
    writeFileSync(path.join(graphiqlDist, 'assets', 'app.js'), 'console.log("graphiql")');
    const progressExampleDist = mkdtempSync(path.join(os.tmpdir(), 'waypoint-matrix-example-'));
    writeFileSync(path.join(progressExampleDist, 'index.html'), '<!doctype html><title>View Progress</title>');
    schema = await createSchema();
    t = await TestApp.start({ now: NOW, config: { huntrWebhookSecret: HUNTR_SECRET, adminDist, docsDist, graphiqlDist, progressExampleDist } });
    w = await seedWorld(t);
    for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.keys(type?.getFields() ?? {})) existing.add(`${type!.name}.${field}`);
    }
    for (const route of expressRoutes(t)) existing.add(route);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(adminDist, { recursive: true, force: true });
  });

  it('has a row for every Query and Mutation field and every REST route, and no row for anything that is gone', () => {
    expect({
      withoutRow: [...existing].filter((k) => !(k in MATRIX)).sort(),
      rowWithoutOperation: operations.filter((k) => !existing.has(k)).sort(),
      rowWithoutCall: operations.filter((k) => !(k in OPERATIONS)).sort(),
    }).toEqual({ withoutRow: [], rowWithoutOperation: [], rowWithoutCall: [] });
    expect([...existing].filter((k) => !/^(Query|Mutation|Subscription)\./.test(k)).length).toBeGreaterThanOrEqual(5);
  });

  it(`holds in all ${totalCells} cells (${operations.length} operations × ${COLUMNS.length} callers), refused calls writing nothing`, async () => {
    const started = Date.now();
    const cpu = process.cpuUsage();
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    let run = 0;
    const fail = (op: string, who: string, why: string) => failures.push(`${op} as ${who}: ${why}`);
    const tally = (e: Expectation) => {
      run++;
      counts[e] = (counts[e] ?? 0) + 1;
    };

    /** The caller's token, or a new session of the same user when the call asks for one (API keys stay as they are). */
    const tokenFor = (column: Column, call: Call): string | undefined => {
      const token = w.tokens[column];
      if (!call.freshSession || !token || token.split('.').length !== 3) return token;
      const { sub } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string };
      return signToken(sub, t.secret, 12, t.clock.now()).token;
    };

    /** One GraphQL row. Refused cells share one set of arguments: they must leave it, and everything else, as it was. */
    const runRow = async (op: string, how: GqlOp, checkWrites: boolean) => {
      const row = MATRIX[op];
      const refused = COLUMNS.filter((c) => refuses(row[c]));
      const allowed = COLUMNS.filter((c) => !refuses(row[c]));
      const fresh = op.startsWith('Mutation.');
      const call = await how.build(w);
      const before = checkWrites ? await t.snapshot() : '';
      // They write nothing (checked below), so they may run side by side.
      await Promise.all(
        refused.map(async (column) => {
          const res = await t.gql(call.query, call.variables, tokenFor(column, call));
          tally(row[column]);
          const why = judgeGql(row[column], column, res, call.reveals);
          if (why) fail(op, COLUMN_TITLES[column], why);
        }),
      );
      if (checkWrites && (await t.snapshot()) !== before) {
        fail(op, refused.map((c) => COLUMN_TITLES[c]).join(' or '), 'a refused call changed the database');
      }
      // The first allowed call may use the arguments the refused cells left untouched; other mutations get fresh
      // ones. Allowed cells run side by side too, except where they share one piece of L1's state.
      const allowedCell = async (column: Column, given?: Call) => {
        const own = given ?? (await how.build(w));
        const res = await t.gql(own.query, own.variables, tokenFor(column, own));
        tally(row[column]);
        const why = judgeGql(row[column], column, res, own.reveals);
        if (why) fail(op, COLUMN_TITLES[column], why);
      };
      if (SERIAL.has(op)) {
        for (const [i, column] of allowed.entries()) await allowedCell(column, i === 0 || !fresh ? call : undefined);
      } else {
        await Promise.all(allowed.map((column, i) => allowedCell(column, i === 0 || !fresh ? call : undefined)));
      }
    };

    // Reads: four rows at a time, the whole database compared before and after them all.
    // Only rows that name an operation the server has, and say how to call it, can run; the others lower coverage.
    const runnable = operations.filter((op) => existing.has(op) && op in OPERATIONS);
    const queries = runnable.filter((op) => op.startsWith('Query.'));
    const beforeReads = await t.snapshot();
    const pending = [...queries];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let op = pending.shift(); op; op = pending.shift()) await runRow(op, OPERATIONS[op] as GqlOp, false);
      }),
    );
    const afterReads = await t.snapshot();
    if (afterReads !== beforeReads) {
      const [was, now] = [JSON.parse(beforeReads), JSON.parse(afterReads)] as Record<string, string>[];
      fail('Query.*', 'anyone', `reading changed the database: ${Object.keys(now).filter((k) => now[k] !== was[k]).join(', ')}`);
    }

    // Writes: one row at a time, each row's refused calls between two snapshots.
    for (const op of runnable.filter((o) => o.startsWith('Mutation.'))) await runRow(op, OPERATIONS[op] as GqlOp, true);

    // REST routes: preparing a cell may write (a calendar feed is remade), so each refused request has its own snapshots.
    for (const op of runnable.filter((o) => !/^(Query|Mutation|Subscription)\./.test(o))) {
      const row = MATRIX[op];
      for (const column of COLUMNS) {
        const send = await (OPERATIONS[op] as RestOp).rest(w, column);
        const refused = refuses(row[column]);
        const before = refused ? await t.snapshot() : '';
        const res = await send();
        tally(row[column]);
        const why = judgeRest(row[column], column, res.status);
        if (why) fail(op, COLUMN_TITLES[column], why);
        if (refused && (await t.snapshot()) !== before) fail(op, COLUMN_TITLES[column], 'a refused request changed the database');
      }
    }

    // Subscriptions: every caller subscribes over WebSocket at once, something about L1 is written, and each socket is
    // judged by what it got: an event (allowed), nothing (hidden: someone else's), an error or a refused socket.
    for (const op of runnable.filter((o) => o.startsWith('Subscription.'))) {
      const how = OPERATIONS[op] as SubOp;
      const row = MATRIX[op];
      const cells = COLUMNS.map((column) => {
        const cell = { column, events: 0, errors: [] as unknown[], closedWith: 0 };
        const token = w.tokens[column];
        const client = createClient({
          url: `${t.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: token ? { authorization: `Bearer ${token}` } : {},
          retryAttempts: 0,
          on: { closed: (e) => (cell.closedWith = (e as { code: number }).code) },
        });
        client.subscribe({ query: how.subscription }, { next: (v) => (v.errors ? cell.errors.push(v.errors) : cell.events++), error: (e) => cell.errors.push(e), complete: () => undefined });
        return { cell, client };
      });
      await new Promise((r) => setTimeout(r, 500));
      await how.trigger(w);
      const expectEvent = cells.filter(({ cell }) => row[cell.column] === 'allow');
      for (let i = 0; i < 100 && expectEvent.some(({ cell }) => cell.events === 0); i++) await new Promise((r) => setTimeout(r, 30));
      await new Promise((r) => setTimeout(r, 300));
      for (const { cell, client } of cells) {
        await client.dispose();
        tally(row[cell.column]);
        const shown = JSON.stringify(cell.errors).slice(0, 200);
        const expected = row[cell.column];
        const why =
          expected === 'allow' ? (cell.errors.length || !cell.events ? `expected an event, got ${cell.events} and ${shown}` : null)
          : expected === 'hidden' ? (cell.errors.length || cell.events ? `expected no event about L1, got ${cell.events} and ${shown}` : null)
          : cell.column === 'anonymous' ? (cell.closedWith === 4403 ? null : `expected the socket refused (4403), got ${cell.closedWith} and ${shown}`)
          : /FORBIDDEN/.test(shown) || cell.closedWith === 4403 ? null : `expected FORBIDDEN, got ${cell.events} events and ${shown}`;
        if (why) fail(op, COLUMN_TITLES[cell.column], why);
      }
    }

    const used = process.cpuUsage(cpu);
    const seconds = `${((Date.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s of CPU in this process)`;
    const possible = existing.size * COLUMNS.length;
    console.log(
      `authorization matrix: ${run}/${possible} operation × caller cells covered (${existing.size} operations × ${COLUMNS.length} callers, ` +
        `${((100 * run) / possible).toFixed(0)}%): ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}; ${failures.length} failed; ${seconds}`,
    );
    expect(failures).toEqual([]);
    expect(run).toBe(possible);
  }, 300_000); // 30-60 s alone; minutes when the machine is shared

  it('lets a delivery signed with the Huntr secret in, once', async () => {
    const body = JSON.stringify(huntrAction(w, 'act_matrix_signed'));
    const signature = createHmac('sha256', HUNTR_SECRET).update(body).digest('base64');
    const send = () => fetch(`${t.url}/webhooks/huntr`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-huntr-hmac-sha256': signature }, body });
    expect(await (await send()).json()).toEqual({ status: 'APPLIED' });
    expect(await (await send()).json()).toEqual({ status: 'DUPLICATE' });
  });

  it("shows a learner only their own RSVP on a shared event, and coaches everyone's", async () => {
    await rsvpL1(w, w.ids.event);
    await as(w, w.l2.token, `mutation($e: ID!, $l: ID!) { rsvpEvent(eventId: $e, learnerId: $l) { id } }`, { e: w.ids.event, l: w.l2.learner.id });
    const query = `query($id: ID!) { CoachingEvent(id: $id) { rsvps { learner { id } } } upcomingEvents(to: "2027-06-01T00:00:00Z") { id rsvps { learner { id } } } }`;
    const rsvpsSeenBy = async (token: string) => {
      const res = await t.gql(query, { id: w.ids.event }, token);
      expect(res.errors).toBeUndefined();
      const seen = [...res.data!.CoachingEvent.rsvps, ...res.data!.upcomingEvents.flatMap((e: { rsvps: unknown[] }) => e.rsvps)];
      return [...new Set(seen.map((r: { learner: { id: string } }) => r.learner.id))].sort();
    };
    expect(await rsvpsSeenBy(w.l2.token)).toEqual([w.l2.learner.id]);
    expect(await rsvpsSeenBy(w.l1.token)).toEqual([L1(w)]);
    expect(await rsvpsSeenBy(w.tokens.coachOther!)).toEqual([L1(w), w.l2.learner.id].sort());
  });

  it('keeps an API key limited to a coach away from the learners of other coaches', async () => {
    const { createApiClient } = await staffDo(w, `mutation($c: ID!) { createApiClient(name: "Coach B's dashboard", scopes: ["progress:read", "learners:read"], coachId: $c) { key } }`, {
      c: w.coachB.id,
    });
    const key: string = createApiClient.key;
    await t.gql(`{ __typename }`, {}, key);
    const before = await t.snapshot();
    const one = await t.gql(`query($id: ID!) { Learner(id: $id) { id } }`, { id: L1(w) }, key);
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const progress = await t.gql(`query($id: ID!) { learnerProgress(learnerId: $id) { learnerId } }`, { id: L1(w) }, key);
    expect(progress.errors?.[0]?.extensions?.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    const lists = await t.gql(
      `query($ids: [ID!]) { allLearners(filter: { ids: $ids }) { id } _allLearnersMeta(filter: { ids: $ids }) { count } progress(filter: { ids: $ids }) { totalCount nodes { learnerId } } }`,
      { ids: [L1(w), w.l2.learner.id] },
      key,
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data).toEqual({
      allLearners: [{ id: w.l2.learner.id }],
      _allLearnersMeta: { count: 1 },
      progress: { totalCount: 1, nodes: [{ learnerId: w.l2.learner.id }] },
    });
    expect(await t.snapshot()).toBe(before);
  });
});

/** The REST routes the Express app serves: "METHOD path" for routes, "STATIC mount" for static file folders; routers the modules mount at the root included. */
function expressRoutes(t: TestApp): string[] {
  type Layer = { name: string; rawPath?: unknown; route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const app = t['app'].routes as unknown as { router: { stack: Layer[] } };
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) out.push(`${method.toUpperCase()} ${String(layer.route.path)}`);
      } else if (layer.name === 'serveStatic') {
        out.push(`STATIC ${String(layer.rawPath)}`);
      } else if (layer.name === 'router' && layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(app.router.stack);
  return out;
}
