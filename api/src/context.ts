import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { Viewer } from './auth/viewer';
import type { AuthProblem, PendingViewer, RequestSession } from './auth/viewers';
import type { Limits } from './common/rate-limit';
import type { LiveHub } from './common/live';
import type { CompiledText } from './read/plugin';
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
export function createLoaders(em: EntityManager, now: () => Date, viewer: () => Viewer | null = () => null, publicUrl = '') {
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
  const read = createReadBatch(em, now, viewer, { User: users.userById, Learner: learners.learnerById }, publicUrl);
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
  /**
   * The application's root entity manager, for statements that need no unit of work (a compiled read builds and
   * runs one statement); it refuses entity work (MikroORM's allowGlobalContext is off), so a misuse fails loudly.
   */
  rootEm: EntityManager;
  /** Over HTTP: where a compiled read's JSON text goes, sent as it is (graphql-http.ts). */
  compiledText?: CompiledText;
  /** Over HTTP: aborted when the client goes away before its answer; a compiled read's statement is then cancelled. */
  signal?: AbortSignal;
}

/**
 * A request's context. The entity manager (a fork: its own identity map and unit of work) and the loaders are
 * made the first time something uses them: a compiled read needs neither. They are getters on the prototype, so
 * Apollo's copy of the context (Object.assign onto the same prototype) and contextWith share what was made.
 */
class RequestContext {
  constructor(
    parts: Omit<Context, 'loaders' | 'setViewer' | 'em' | 'log'>,
    private readonly made: {
      em?: EntityManager;
      loaders?: Loaders;
      log?: Logger;
      fork: () => EntityManager;
      logger: () => Logger;
      auth: { viewer: Viewer | null };
    },
  ) {
    Object.assign(this, parts);
  }

  /** The request's logger (bound to its id), made when something logs. */
  get log(): Logger {
    return (this.made.log ??= this.made.logger());
  }

  get em(): EntityManager {
    return (this.made.em ??= this.made.fork());
  }

  get loaders(): Loaders {
    const ctx = this as unknown as Context;
    // Apollo hands resolvers a copy of the context: the loaders read the viewer from state both share.
    return (this.made.loaders ??= createLoaders(this.em, () => ctx.clock.now(), () => this.made.auth.viewer, ctx.publicUrl));
  }

  setViewer(viewer: Viewer | null, problem: Context['authProblem']): void {
    const ctx = this as unknown as Context;
    ctx.viewer = viewer;
    ctx.authProblem = problem;
    ctx.pending = null;
    this.made.auth.viewer = viewer;
  }
}

/** A request's context; `em` and `log` may be functions that make them when first needed. */
export function buildContext(
  parts: Omit<Context, 'loaders' | 'setViewer' | 'em' | 'log'> & { em: EntityManager | (() => EntityManager); log: Logger | (() => Logger) },
): Context {
  const { em, log, ...rest } = parts;
  const fork = typeof em === 'function' ? em : () => em;
  const logger = typeof log === 'function' ? log : () => log;
  return new RequestContext(rest, { fork, logger, auth: { viewer: parts.viewer } }) as unknown as Context;
}

/** The same context with some of its values replaced (a transaction's entity manager, a viewer), sharing the rest. */
export function contextWith(ctx: Context, values: Partial<Context>): Context {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx)) as Context, ctx);
  for (const [key, value] of Object.entries(values)) Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}
