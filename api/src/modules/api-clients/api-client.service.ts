import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiClient } from './api-client.entity';
import { Role, User } from '../users/user.entity';
import { API_CLIENT, API_SCOPES, isStaff, type ApiScope, type Viewer } from '../../auth/viewer';
import { badInput, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const looksLikeApiKey = (token: string) => token.startsWith('wp_');

/**
 * SQL true while the API client behind a key is still exactly this viewer: not revoked, the same key, scopes and
 * coach limit (viewerFromKey's rules, for a statement that checks the client in the snapshot it reads). `p` adds
 * a parameter and returns its placeholder.
 */
export function clientStillValidSql(keyHash: string, viewer: Viewer, p: (value: unknown) => string): string {
  const client = viewer.client!;
  return `exists (select 1 from api_clients c
                  where c.id = ${p(client.id)}::uuid and c.key_hash = ${p(keyHash)} and c.revoked_at is null
                    and c.scopes = ${p(`{${client.scopes.join(',')}}`)}::text[] and c.coach_id is not distinct from ${p(client.coachId)}::uuid)`;
}

/** API clients: created by staff with a key shown once, read by scope, revoked at once. */
export class ApiClientService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  async create(viewer: Viewer, name: string, scopes: string[], coachId?: string): Promise<{ client: ApiClient; key: string }> {
    if (!isStaff(viewer)) throw forbidden('Only staff create API clients');
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (!scopes.length || unknown.length) throw badInput('scopes', `scopes must be some of ${API_SCOPES.join(', ')}`);
    if (!name.trim() || name.length > 200) throw badInput('name', 'name must be 1 to 200 characters');
    let coach: User | null = null;
    if (coachId) {
      coach = await this.em.findOne(User, { id: requireId(coachId, 'coachId') });
      if (!coach || coach.role !== Role.COACH) throw badInput('coachId', 'coachId must name a coach');
    }
    const key = `wp_${randomBytes(32).toString('base64url')}`;
    const client = this.em.create(ApiClient, {
      name: name.trim(),
      keyPrefix: key.slice(0, 10),
      keyHash: hashKey(key),
      scopes: [...new Set(scopes)],
      coach,
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.now(),
    });
    await this.em.flush();
    return { client, key };
  }

  async revoke(viewer: Viewer, rawId: string): Promise<ApiClient> {
    if (!isStaff(viewer)) throw forbidden('Only staff revoke API clients');
    const id = requireId(rawId);
    const client = await this.em.findOne(ApiClient, { id });
    if (!client) throw notFound('API client', id);
    client.revokedAt ??= this.now();
    await this.em.flush();
    return client;
  }

  list(): Promise<ApiClient[]> {
    return this.em.find(ApiClient, {}, { orderBy: { revokedAt: 'desc nulls first', createdAt: 'desc' } });
  }

  /** The viewer behind a key, or null when no working client has it. Notes the use at most once a minute. */
  async viewerFromKey(key: string): Promise<Viewer | null> {
    const [row] = await this.em.execute<{ id: string; scopes: string[]; coach_id: string | null; created_by_id: string; last_used_at: Date | null }[]>(
      `select id, scopes, coach_id, created_by_id, last_used_at from api_clients where key_hash = ? and revoked_at is null`,
      [hashKey(key)],
    );
    if (!row) return null;
    const now = this.now();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.em.execute(`update api_clients set last_used_at = ? where id = ?`, [now, row.id]);
    }
    return { userId: row.created_by_id, role: API_CLIENT, learnerId: null, client: { id: row.id, scopes: row.scopes as ApiScope[], coachId: row.coach_id } };
  }
}
