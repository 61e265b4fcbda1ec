import { createHash, randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiClient, ApiClientKey } from './api-client.entity';
import { Role, User } from '../users/user.entity';
import { API_CLIENT, API_SCOPES, isStaff, type ApiScope, type Viewer } from '../../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const looksLikeApiKey = (token: string) => token.startsWith('wp_');

/** A client holds at most this many working keys: the one in use and its replacement while clients rotate. */
export const LIVE_KEYS_PER_CLIENT = 2;

/** Why a presented API key is refused: unknown or revoked, or past its expiry. */
export type KeyProblem = 'key-invalid' | 'key-expired';

/** The start of the minute `at` falls in: "last used" is kept exact to the minute, written at most once a minute. */
export const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * SQL true while the API client behind a key is still exactly this viewer: the key neither revoked nor expired at
 * `now`, the client not revoked, the same scopes and coach limit (viewerFromKey's rules, for a statement that
 * checks the client in the snapshot it reads). `p` adds a parameter and returns its placeholder.
 */
export function clientStillValidSql(keyHash: string, viewer: Viewer, p: (value: unknown) => string, now: Date): string {
  const client = viewer.client!;
  return `exists (select 1 from api_clients c join api_client_keys k on k.client_id = c.id
                  where c.id = ${p(client.id)}::uuid and k.key_hash = ${p(keyHash)} and c.revoked_at is null and k.revoked_at is null
                    and (k.expires_at is null or k.expires_at > ${p(now)}::timestamptz)
                    and c.scopes = ${p(`{${client.scopes.join(',')}}`)}::text[] and c.coach_id is not distinct from ${p(client.coachId)}::uuid)`;
}

/** Whether a key works now. */
export function keyState(key: Pick<ApiClientKey, 'revokedAt' | 'expiresAt'>, client: Pick<ApiClient, 'revokedAt'>, now: Date): 'ACTIVE' | 'EXPIRED' | 'REVOKED' {
  if (key.revokedAt || client.revokedAt) return 'REVOKED';
  if (key.expiresAt && key.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

/** API clients: created by staff with a key shown once, read by scope, keys rotated two at a time, revoked at once. */
export class ApiClientService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private checkExpiry(expiresAt: Date | null | undefined): void {
    if (!expiresAt) return;
    if (expiresAt <= this.now()) throw badInput('expiresAt', 'expiresAt must be in the future');
    if (expiresAt.getTime() - this.now().getTime() > 5 * 366 * 86_400_000) throw badInput('expiresAt', 'expiresAt must be within 5 years');
  }

  /** A new key for `client` (flushed by the caller); the key in the clear is returned here only. */
  private issue(em: EntityManager, client: ApiClient, expiresAt: Date | null | undefined): { key: string; issued: ApiClientKey } {
    const key = `wp_${randomBytes(32).toString('base64url')}`;
    const issued = em.create(ApiClientKey, {
      client,
      keyPrefix: key.slice(0, 10),
      keyHash: hashKey(key),
      createdAt: this.now(),
      expiresAt: expiresAt ?? null,
    });
    return { key, issued };
  }

  async create(viewer: Viewer, name: string, scopes: string[], coachId?: string, expiresAt?: Date | null): Promise<{ client: ApiClient; key: string; issued: ApiClientKey }> {
    if (!isStaff(viewer)) throw forbidden('Only staff create API clients');
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (!scopes.length || unknown.length) throw badInput('scopes', `scopes must be some of ${API_SCOPES.join(', ')}`);
    if (!name.trim() || name.length > 200) throw badInput('name', 'name must be 1 to 200 characters');
    this.checkExpiry(expiresAt);
    let coach: User | null = null;
    if (coachId) {
      coach = await this.em.findOne(User, { id: requireId(coachId, 'coachId') });
      if (!coach || coach.role !== Role.COACH) throw badInput('coachId', 'coachId must name a coach');
    }
    const client = this.em.create(ApiClient, {
      name: name.trim(),
      scopes: [...new Set(scopes)],
      coach,
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.now(),
    });
    const { key, issued } = this.issue(this.em, client, expiresAt);
    await this.em.flush();
    return { client, key, issued };
  }

  /**
   * Issues a second key for a client, to replace the one in use without a gap: both work until the old one is
   * revoked (revokeKey) or expires. CONFLICT while the client already has two working keys, or is revoked.
   */
  async rotate(viewer: Viewer, rawId: string, expiresAt?: Date | null): Promise<{ client: ApiClient; key: string; issued: ApiClientKey }> {
    if (!isStaff(viewer)) throw forbidden('Only staff issue API keys');
    const id = requireId(rawId, 'clientId');
    this.checkExpiry(expiresAt);
    // The client's row locked, so two rotations at once cannot both find room for a key.
    return this.em.transactional(async (em) => {
      const client = await em.findOne(ApiClient, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!client) throw notFound('API client', id, 'clientId');
      await client.keys.init();
      if (client.revokedAt) throw conflict('This API client is revoked: create a new client', { field: 'clientId' });
      const live = client.keys.getItems().filter((k) => keyState(k, client, this.now()) === 'ACTIVE');
      if (live.length >= LIVE_KEYS_PER_CLIENT) {
        throw conflict(`This API client already has ${LIVE_KEYS_PER_CLIENT} working keys: revoke the old one first (revokeApiClientKey)`, { field: 'clientId' });
      }
      const { key, issued } = this.issue(em, client, expiresAt);
      await em.flush();
      return { client, key, issued };
    });
  }

  /** Revokes one key of a client (its other key keeps working); revoking it again changes nothing. */
  async revokeKey(viewer: Viewer, rawId: string): Promise<ApiClient> {
    if (!isStaff(viewer)) throw forbidden('Only staff revoke API keys');
    const id = requireId(rawId, 'keyId');
    const key = await this.em.findOne(ApiClientKey, { id }, { populate: ['client.keys'] });
    if (!key) throw notFound('API key', id, 'keyId');
    key.revokedAt ??= this.now();
    await this.em.flush();
    return key.client.getEntity();
  }

  async revoke(viewer: Viewer, rawId: string): Promise<ApiClient> {
    if (!isStaff(viewer)) throw forbidden('Only staff revoke API clients');
    const id = requireId(rawId);
    const client = await this.em.findOne(ApiClient, { id }, { populate: ['keys'] });
    if (!client) throw notFound('API client', id);
    client.revokedAt ??= this.now();
    await this.em.flush();
    return client;
  }

  list(): Promise<ApiClient[]> {
    return this.em.find(ApiClient, {}, { orderBy: { revokedAt: 'desc nulls first', createdAt: 'desc' }, populate: ['keys'] });
  }

  /**
   * The viewer behind a key, or why it is refused. Notes the key's use, exact to the minute: the stored time is the
   * start of the minute of the latest use, written at most once a minute (and once across replicas).
   */
  async viewerFromKey(key: string): Promise<{ viewer: Viewer | null; problem: KeyProblem | null }> {
    const [row] = await this.em.execute<{ id: string; key_id: string; scopes: string[]; coach_id: string | null; created_by_id: string; expires_at: Date | null }[]>(
      `select c.id, k.id as key_id, c.scopes, c.coach_id, c.created_by_id, k.expires_at
       from api_client_keys k join api_clients c on c.id = k.client_id
       where k.key_hash = ? and k.revoked_at is null and c.revoked_at is null`,
      [hashKey(key)],
    );
    if (!row) return { viewer: null, problem: 'key-invalid' };
    const now = this.now();
    if (row.expires_at && new Date(row.expires_at) <= now) return { viewer: null, problem: 'key-expired' };
    const minute = minuteOf(now);
    await this.em.execute(`update api_client_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)`, [minute, row.key_id, minute]);
    return {
      viewer: { userId: row.created_by_id, role: API_CLIENT, learnerId: null, client: { id: row.id, scopes: row.scopes as ApiScope[], coachId: row.coach_id } },
      problem: null,
    };
  }
}
