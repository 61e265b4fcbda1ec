import DataLoader from 'dataloader';
import type { EntityManager, Ref } from '@mikro-orm/postgresql';
import { inMemory, type MaybePromise } from '../../read/batch';
import { User } from './user.entity';

/** Per-request batching of users: the lookups of one response in one query. */
export function createUserLoaders(em: EntityManager) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

/** The user behind a relation: already loaded with the row (returned at once), or one batched lookup for the whole response. */
export function userOf(ref: Ref<User>, ctx: { loaders: ReturnType<typeof createUserLoaders> }): MaybePromise<User> {
  return inMemory(ref) ?? (ctx.loaders.userById.load(ref.id) as Promise<User>);
}
