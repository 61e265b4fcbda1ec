import type { EntityManager } from '@mikro-orm/postgresql';
import { databaseUnavailable, isDatabaseUnavailable } from '../common/unavailable';
import { AuthService, sessionStillValidSql, type Session } from './auth.service';
import { csrfTokenMatches, verifyToken } from './token';
import { sessionCookieOf } from './session-cookie';
import type { Viewer } from './viewer';

/**
 * Why a presented token was not accepted (null when none was sent, or it was); csrf: a session cookie without its CSRF
 * token; key-invalid, key-expired: an API key unknown or revoked, or past its expiry.
 */
export type AuthProblem = 'expired' | 'invalid' | 'inactive' | 'csrf' | 'key-invalid' | 'key-expired' | null;

/** The sign-in session a request presents (a user's token, in the Authorization header or the console's cookie). */
export interface RequestSession {
  id: string;
  userId: string;
  expiresAt: Date;
  /** Presented as the console's cookie: signing out also clears it, and a new token goes back in it. */
  viaCookie: boolean;
}

/** The headers that can authenticate a GraphQL request. */
export interface Credentials {
  authorization?: string;
  /** The Cookie header: the console's session cookie, used only when there is no Authorization header. */
  cookie?: string;
  /** The X-CSRF-Token header a cookie session must carry. */
  csrf?: string;
}

/** A viewer presented with the request whose record has not been read yet. */
export interface PendingViewer {
  /** The viewer as this process last read it, if it has: a compiled read may assume it, checking `stillValid` in its statement. */
  assumed: Viewer | undefined;
  /** SQL true while the assumed viewer still stands (`p` adds a parameter and returns its placeholder). */
  stillValid(p: (value: unknown) => string): string;
  /** Reads the viewer afresh (one statement) and remembers it; 503 when the database is away. */
  read(): Promise<{ viewer: Viewer | null; problem: AuthProblem }>;
}

/** What API keys are to auth: the api-clients module answers (it owns the keys' table); app.ts wires it in. */
export interface ApiKeys {
  looksLike(token: string): boolean;
  hash(key: string): string;
  /** The client behind a key, read now (and its last use noted), or why the key is refused. */
  read(em: EntityManager, now: Date, key: string): Promise<{ viewer: Viewer | null; problem: AuthProblem }>;
  /** SQL true while the client behind `keyHash` is still exactly this viewer (its key neither revoked nor expired at `now`). */
  stillValidSql(keyHash: string, viewer: Viewer, p: (value: unknown) => string, now: Date): string;
}

/** The request's entity manager, or how to make it when first needed (a compiled read may need none). */
export type EmSource = EntityManager | (() => EntityManager);
const emOf = (em: EmSource): EntityManager => (typeof em === 'function' ? em() : em);

const BEARER = /^Bearer\s+(\S+)$/i;

/** What a request's Authorization header presents. `caller` names a verified caller (a user whose token checks out, a known API client) for the rate limit; null: count the address. */
export interface Presented {
  viewer: Viewer | null;
  problem: AuthProblem;
  pending: PendingViewer | null;
  caller: string | null;
  session: RequestSession | null;
}

/**
 * Who is asking, from the Authorization header: a sign-in token (verified here, its user read once the document
 * is valid) or an API key (read at most a minute ago). Who each user and client was when last read is
 * remembered, so a compiled read can assume it and check it in its own statement; never trusted on its own.
 */
export function createViewers(deps: { authSecret: string; apiKeys: ApiKeys }) {
  const { authSecret, apiKeys } = deps;
  const knownUsers = new Map<string, Viewer>();
  const knownClients = new Map<string, { viewer: Viewer; readAt: number }>();

  const clientOf = async (key: string, keyHash: string, em: EmSource, now: Date): Promise<{ viewer: Viewer | null; problem: AuthProblem }> => {
    const { viewer, problem } = await apiKeys.read(emOf(em), now, key);
    if (knownClients.size >= 10_000) knownClients.clear();
    if (viewer) knownClients.set(keyHash, { viewer, readAt: now.getTime() });
    else knownClients.delete(keyHash);
    return { viewer, problem: viewer ? null : (problem ?? 'key-invalid') };
  };

  /** A verified sign-in token's user: deactivation, role changes and sign-out apply to tokens already out. */
  const pendingUser = (session: Session, em: EmSource): PendingViewer => {
    const assumed = knownUsers.get(session.sub);
    return {
      assumed,
      stillValid: (p) => sessionStillValidSql(session, assumed!, p),
      read: async () => {
        const found = await new AuthService(emOf(em)).viewerOfSession(session);
        if (knownUsers.size >= 10_000) knownUsers.clear();
        if (found.viewer) knownUsers.set(session.sub, found.viewer);
        else knownUsers.delete(session.sub);
        return found;
      },
    };
  };

  /** The user session a token presents, verified (signature, expiry), its user to be read later. */
  const userSession = (token: string, em: EmSource, now: Date, viaCookie: boolean, csrf?: string): Presented => {
    const check = verifyToken(token, authSecret, now);
    if (!check.ok) return { viewer: null, problem: check.reason, pending: null, caller: null, session: null };
    const claims = check.claims;
    // A cookie rides along with any request to this site; only the console's own scripts can add the CSRF token.
    if (viaCookie && !csrfTokenMatches(csrf, claims.sid, authSecret)) return { viewer: null, problem: 'csrf', pending: null, caller: null, session: null };
    const session = { id: claims.sid, userId: claims.sub, expiresAt: new Date(claims.exp * 1000), viaCookie };
    return { viewer: null, problem: null, pending: pendingUser(claims, em), caller: `u:${claims.sub}`, session };
  };

  /** What the headers present: nothing, a token refused outright, an API client read now, or a viewer to read later. */
  const presented = async (credentials: Credentials, em: EmSource, now: Date): Promise<Presented> => {
    const header = credentials.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) {
      const cookie = header === undefined ? sessionCookieOf(credentials.cookie) : undefined;
      return cookie ? userSession(cookie, em, now, true, credentials.csrf) : { viewer: null, problem: null, pending: null, caller: null, session: null };
    }
    if (apiKeys.looksLike(token)) {
      const keyHash = apiKeys.hash(token);
      const known = knownClients.get(keyHash);
      // Read in every clock minute it is used (which keeps its last-used time exact to the minute), else re-checked
      // in the statement, expiry included.
      if (known && Math.floor(now.getTime() / 60_000) === Math.floor(known.readAt / 60_000)) {
        const pending: PendingViewer = {
          assumed: known.viewer,
          stillValid: (p) => apiKeys.stillValidSql(keyHash, known.viewer, p, now),
          read: () => clientOf(token, keyHash, em, now),
        };
        return { viewer: null, problem: null, pending, caller: `k:${known.viewer.client!.id}`, session: null };
      }
      const read = await clientOf(token, keyHash, em, now);
      return { ...read, pending: null, caller: read.viewer ? `k:${read.viewer.client!.id}` : null, session: null };
    }
    return userSession(token, em, now, false);
  };

  return {
    presented: (credentials: Credentials, em: EmSource, now: Date) => orUnavailable(presented(credentials, em, now)),
    /**
     * The viewer behind a page load (GraphiQL's page and its scripts, which hold no data): a navigation cannot carry
     * X-CSRF-Token, so here the console's cookie counts without it. SameSite=Strict keeps other sites' links and forms
     * from sending the cookie at all; every request that reads or writes data still needs the header.
     */
    async authenticatePage(credentials: Credentials, em: EmSource, now: Date): Promise<{ viewer: Viewer | null; problem: AuthProblem }> {
      const cookie = credentials.authorization === undefined ? sessionCookieOf(credentials.cookie) : undefined;
      const found = cookie ? userSession(cookie, em, now, false) : await presented(credentials, em, now);
      return orUnavailable(found.pending ? found.pending.read() : Promise.resolve(found));
    },
    /** The viewer behind a request's credentials, read now (REST routes). */
    async authenticate(credentials: Credentials, em: EmSource, now: Date): Promise<{ viewer: Viewer | null; problem: AuthProblem }> {
      const found = await presented(credentials, em, now);
      return found.pending ? found.pending.read() : found;
    },
  };
}

export type Viewers = ReturnType<typeof createViewers>;

/** A database outage while reading the viewer, as the GraphQL error clients retry on (503). */
export async function orUnavailable<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (e) {
    if (isDatabaseUnavailable(e)) throw databaseUnavailable();
    throw e;
  }
}
