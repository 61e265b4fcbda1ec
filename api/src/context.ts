import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { Viewer } from './auth/viewer';
import type { TokenClaims } from './auth/token';
import { createLoaders, type Loaders } from './loaders';

/** Everything one GraphQL request may use. Built fresh per request. */
export interface Context {
  /** A fork of the EntityManager for this request alone: its own identity map and unit of work. */
  em: EntityManager;
  viewer: Viewer | null;
  /**
   * A verified sign-in token (signature and expiry) whose user has not been read yet: the request plugin reads
   * it (or checks it inside a compiled read's statement) before anything runs, and then sets `viewer`.
   */
  session: TokenClaims | null;
  /** Likewise an API key whose client was read less than a minute ago: the client as then, to be re-checked. */
  pendingClient: { key: string; keyHash: string; viewer: Viewer } | null;
  /** Why a presented token was not accepted (null when none was sent). */
  authProblem: 'expired' | 'invalid' | 'inactive' | null;
  loaders: Loaders;
  /** Sets the viewer once the session's user is known (and forgets the session). */
  setViewer(viewer: Viewer | null, problem: Context['authProblem']): void;
  clock: Clock;
  config: Config;
  log: Logger;
  requestId: string;
  /** Where clients reach this server (PUBLIC_URL, or the request's own host), for links it hands out. */
  publicUrl: string;
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
      this.session = null;
      this.pendingClient = null;
      auth.viewer = viewer;
    },
  };
}
