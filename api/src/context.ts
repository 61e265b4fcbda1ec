import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import type { Viewer } from './auth/viewer';
import { createLoaders, type Loaders } from './loaders';

/** Everything one GraphQL request may use. Built fresh per request. */
export interface Context {
  /** A fork of the EntityManager for this request alone: its own identity map and unit of work. */
  em: EntityManager;
  viewer: Viewer | null;
  /** Why a presented token was not accepted (null when none was sent). */
  authProblem: 'expired' | 'invalid' | 'inactive' | null;
  loaders: Loaders;
  clock: Clock;
  config: Config;
  log: Logger;
  requestId: string;
  /** Where clients reach this server (PUBLIC_URL, or the request's own host), for links it hands out. */
  publicUrl: string;
}

export function buildContext(parts: Omit<Context, 'loaders'>): Context {
  return { ...parts, loaders: createLoaders(parts.em, () => parts.clock.now(), parts.viewer) };
}
