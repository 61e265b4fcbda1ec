import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { Viewer } from './auth/viewer';
import type { AuthProblem, PendingViewer, RequestSession } from './auth/viewers';
import type { Limits } from './common/rate-limit';
import type { LiveHub } from './common/live';
import { createReadBatch } from './read/batch';
import { createUserLoaders } from './modules/users/user.loaders';
import { createLearnerLoaders } from './modules/learners/learner.loaders';
import { createSubmissionLoaders } from './modules/submissions/submission.loaders';
import { createScheduleLoaders } from './modules/schedule/schedule.loaders';
import { createComplianceLoaders } from './modules/compliance/compliance.loaders';
import { createEventLoaders } from './modules/events/coaching-event.loaders';
import { createMeetingLoaders } from './modules/meetings/meeting.loaders';
import { createJobSearchLoaders } from './modules/job-search/job-activity.loaders';

/** Per-request batching: each module's loaders, and the declared fields' batch (read/batch.ts). */
export function createLoaders(em: EntityManager, now: () => Date, viewer: () => Viewer | null = () => null) {
  const users = createUserLoaders(em);
  const learners = createLearnerLoaders(em);
  const loaders = {
    ...users,
    ...learners,
    ...createSubmissionLoaders(em),
    ...createScheduleLoaders(em, now),
    ...createComplianceLoaders(em, now),
    ...createEventLoaders(em, now, viewer),
    ...createMeetingLoaders(em),
    ...createJobSearchLoaders(em, now),
  };
  const read = createReadBatch(em, now, viewer, { User: users.userById, Learner: learners.learnerById });
  return {
    ...loaders,
    read,
    /** After a write: later fields of the same request (e.g. a second mutation) must not see cached rows. */
    clearAll(): void {
      for (const loader of Object.values(loaders)) loader.clearAll();
      read.clearAll();
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Everything one GraphQL request may use. Built fresh per request. */
export interface Context {
  /** A fork of the EntityManager for this request alone: its own identity map and unit of work. */
  em: EntityManager;
  viewer: Viewer | null;
  /**
   * A presented viewer not read yet (a verified sign-in token, or an API key read less than a minute ago): the
   * request plugin reads it, or checks it inside a compiled read's statement, before anything runs, and then
   * sets `viewer`.
   */
  pending: PendingViewer | null;
  /** Why a presented token was not accepted (null when none was sent). */
  authProblem: AuthProblem;
  /** The sign-in session presented (a user's token or the console's cookie), if any. */
  session: RequestSession | null;
  /** Sets or clears the console's session cookie on this request's answer. */
  sessionCookie: { set(token: string, expiresAt: Date): void; clear(): void };
  loaders: Loaders;
  /** Sets the viewer once it is known (and forgets the pending one). */
  setViewer(viewer: Viewer | null, problem: Context['authProblem']): void;
  clock: Clock;
  config: Config;
  log: Logger;
  requestId: string;
  /** Where clients reach this server (PUBLIC_URL, or the request's own host), for links it hands out. */
  publicUrl: string;
  /** The client's address (behind a trusted proxy: the one it reports). */
  ip: string;
  /** Who the request counts against: a verified user or API client, else the address. */
  caller: string;
  /** Request and sign-in limits, shared across replicas. */
  limits: Limits;
  /** Live updates (subscriptions over WebSocket only; common/live.ts). */
  live?: LiveHub;
}

export function buildContext(parts: Omit<Context, 'loaders' | 'setViewer'>): Context {
  // Apollo hands resolvers a shallow copy of the context: the loaders read the viewer from state both share.
  const auth = { viewer: parts.viewer };
  return {
    ...parts,
    loaders: createLoaders(parts.em, () => parts.clock.now(), () => auth.viewer),
    setViewer(this: Context, viewer, problem) {
      this.viewer = viewer;
      this.authProblem = problem;
      this.pending = null;
      auth.viewer = viewer;
    },
  };
}
