import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { helper, Utils } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Context } from '../../context';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput, conflict } from '../../common/errors';

/** The argument every creating mutation takes. */
export const IDEMPOTENCY_KEY_ARG = 'idempotencyKey';

/** How long a key holds its first answer. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

const KEY = /^[\x21-\x7e]{1,255}$/;

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional key that makes a retry safe (a UUID is a good one; 1 to 255 visible ASCII characters). The first call that succeeds with it ' +
  'keeps its answer for 24 hours: a retry by the same user or API client with the same key and the same arguments writes nothing and ' +
  'answers with the same object (as it is now); the same key with other arguments, or for another mutation, is CONFLICT (field ' +
  'idempotencyKey). Concurrent retries wait for the first and then answer the same. A call that fails keeps nothing, so it can be retried ' +
  'with the same key.';

/**
 * The `idempotencyKey` argument of a creating mutation, described once. It also puts the mutation behind the key
 * check (`replayOrRun`), which schema.ts runs inside the mutation's transaction; the resolver itself ignores it.
 */
export function IdempotencyKeyArg(): ParameterDecorator {
  return (prototype, propertyKey, index) => {
    if (typeof propertyKey !== 'string') throw new Error('IdempotencyKeyArg goes on a resolver method');
    Arg(IDEMPOTENCY_KEY_ARG, () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })(prototype, propertyKey, index);
    UseMiddleware(replayOrRun)(prototype, propertyKey, Object.getOwnPropertyDescriptor(prototype, propertyKey)!);
  };
}

/** Contexts whose mutation answered from a key's first answer: nothing of theirs is new (schema.ts skips the audit entry). */
const replays = new WeakSet<object>();
export const answeredFromKey = (context: object) => replays.has(context);

/** Who a key belongs to: the same key from two users (or API clients) is two keys. */
const principalOf = (viewer: Viewer) => (viewer.client ? `client:${viewer.client.id}` : `user:${viewer.userId}`);

/** JSON with sorted keys, dates as ISO strings and null or missing arguments alike: equal arguments, equal text. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== null && (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Keyed with AUTH_SECRET: the arguments may hold a password (createLearner), which a plain hash would expose to guessing. */
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** An answer as stored: entities by class and primary key (replayed as they are then), dates marked, the rest as is. */
function encode(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (Utils.isEntity<object>(value)) {
    const wrapped = helper(value);
    return { $entity: wrapped.__meta.className, pk: wrapped.getPrimaryKey() };
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

async function decode(em: EntityManager, value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => decode(em, v)));
  if (!value || typeof value !== 'object') return value;
  const marked = value as { $date?: string; $entity?: string; pk?: unknown };
  if (typeof marked.$date === 'string') return new Date(marked.$date);
  if (typeof marked.$entity === 'string') {
    const meta = em.getMetadata().getByClassName(marked.$entity);
    const found = await em.findOne(meta.class, marked.pk as never);
    if (!found) throw conflict(`What this idempotencyKey first created (${marked.$entity} ${JSON.stringify(marked.pk)}) no longer exists`, { field: IDEMPOTENCY_KEY_ARG });
    return found;
  }
  const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await decode(em, v)] as const));
  return Object.fromEntries(entries);
}

/**
 * The stored answer is encrypted with a key only the client's own idempotency key (with AUTH_SECRET) derives: a
 * createApiClient answer holds an API key, which must not sit readable in the database.
 */
function cipherKey(secret: string, principal: string, key: string): Buffer {
  return createHmac('sha256', secret).update(`idempotency\u0000${principal}\u0000${key}`).digest();
}

function seal(secret: string, principal: string, key: string, answer: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cipherKey(secret, principal, key), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(encode(answer)), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(secret: string, principal: string, key: string, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', cipherKey(secret, principal, key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'));
}

/** Expired keys are deleted now and then (a few at a time, never waiting on a row another call holds). */
let lastSweep = 0;
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * The key check of a creating mutation (type-graphql middleware, after the guard): the first call with a key takes
 * it (a row in the mutation's own transaction, so a call that fails leaves no key behind), runs, and stores its
 * answer; a retry finds the row and answers the same, or CONFLICT when its arguments differ. A retry that comes
 * while the first is still running waits on the row (PostgreSQL's unique index) and then answers from it.
 */
export const replayOrRun: MiddlewareFn<Context> = async ({ args, context, info }, next) => {
  const key: unknown = args[IDEMPOTENCY_KEY_ARG];
  if (key === undefined || key === null) return next();
  if (typeof key !== 'string' || !KEY.test(key)) throw badInput(IDEMPOTENCY_KEY_ARG, 'idempotencyKey must be 1 to 255 visible ASCII characters (a UUID, say)');
  const { em, viewer } = context;
  // schema.ts opens the transaction before any mutation given a key runs: the key and the write commit together.
  if (!viewer || !em.isInTransaction()) throw new AppError('INTERNAL_SERVER_ERROR', 'An idempotency key needs a signed-in viewer and a transaction');
  const principal = principalOf(viewer);
  const keyHash = sha256(key);
  const operation = info.fieldName;
  const { [IDEMPOTENCY_KEY_ARG]: _key, ...rest } = args;
  const now = context.clock.now();
  const secret = context.config.authSecret;
  const requestHash = hmac(secret, JSON.stringify({ operation, args: canonical(rest) }));

  if (now.getTime() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now.getTime();
    await em.execute(
      `delete from idempotency_keys where ctid in (select ctid from idempotency_keys where expires_at <= ? limit 1000 for update skip locked)`,
      [now],
    );
  }

  // Taken, or taken over from an expired key; else the live row (committed: a concurrent first call has finished).
  const taken = await em.execute<{ principal: string }[]>(
    `insert into idempotency_keys (principal, key_hash, operation, request_hash, answer, created_at, expires_at) values (?, ?, ?, ?, null, ?, ?)
     on conflict (principal, key_hash) do update
       set operation = excluded.operation, request_hash = excluded.request_hash, answer = null, created_at = excluded.created_at, expires_at = excluded.expires_at
       where idempotency_keys.expires_at <= excluded.created_at
     returning principal`,
    [principal, keyHash, operation, requestHash, now, new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000)],
  );
  if (!taken.length) {
    const [first] = await em.execute<{ operation: string; request_hash: string; answer: string | null; created_at: Date }[]>(
      `select operation, request_hash, answer, created_at from idempotency_keys where principal = ? and key_hash = ?`,
      [principal, keyHash],
    );
    if (!first?.answer) throw conflict('A call with this idempotencyKey is still being handled: retry in a moment', { field: IDEMPOTENCY_KEY_ARG, retryAfterSeconds: 1 });
    if (first.operation !== operation || first.request_hash !== requestHash) {
      throw conflict(
        first.operation !== operation
          ? `This idempotencyKey was used for ${first.operation} at ${new Date(first.created_at).toISOString()}; use a new key for another call`
          : `This idempotencyKey was used at ${new Date(first.created_at).toISOString()} with other arguments; use a new key for another call`,
        { field: IDEMPOTENCY_KEY_ARG },
      );
    }
    replays.add(context);
    return decode(em, open(secret, principal, key, first.answer));
  }

  const answer = await next();
  await em.execute(`update idempotency_keys set answer = ? where principal = ? and key_hash = ?`, [seal(secret, principal, key, answer), principal, keyHash]);
  return answer;
};
