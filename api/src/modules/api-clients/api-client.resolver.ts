import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ApiClient, ApiClientKey, ApiKeyState } from './api-client.entity';
import { ApiClientService, keyState } from './api-client.service';
import { Role, User } from '../users/user.entity';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

@ObjectType({ description: 'A new API client and its key. The key is shown here only: store it now.' })
class NewApiClient {
  @Field(() => ApiClient, { description: 'The client.' })
  client: ApiClient;

  @Field(() => String, { description: 'The key (Authorization: Bearer <key>). Waypoint keeps only its hash.' })
  key: string;

  @Field(() => ApiClientKey, { description: "The key's record: its id (for revokeApiClientKey), prefix and expiry." })
  issued: ApiClientKey;
}

@ObjectType({ description: "An API client's new key, issued to replace the one in use. The key is shown here only: store it now." })
class NewApiClientKey {
  @Field(() => ApiClient, { description: 'The client, with both its keys.' })
  client: ApiClient;

  @Field(() => String, { description: 'The new key (Authorization: Bearer <key>). Waypoint keeps only its hash.' })
  key: string;

  @Field(() => ApiClientKey, { description: "The new key's record: its id, prefix and expiry." })
  issued: ApiClientKey;
}

/** A client's keys, newest first (loaded with the client on every path that returns one; loaded here otherwise). */
async function keysOf(client: ApiClient): Promise<ApiClientKey[]> {
  const keys = client.keys.isInitialized() ? client.keys.getItems() : await client.keys.loadItems();
  return [...keys].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
}

const EXPIRES_AT = {
  nullable: true,
  description: 'When the key stops working (UNAUTHENTICATED from then on): in the future, within 5 years. Omitted: it does not expire.',
} as const;

const service = (ctx: Context) => new ApiClientService(ctx.em, () => ctx.clock.now());

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Authorized(Role.STAFF)
  @Query(() => [ApiClient], { description: 'API clients, working ones first (staff).' })
  apiClients(@Ctx() ctx: Context) {
    return service(ctx).list();
  }

  @Authorized(Role.STAFF)
  @Mutation(() => NewApiClient, {
    description: 'Create an API client with scopes, optionally limited to one coach\'s learners, and its first key, optionally expiring (staff). The key is shown once.',
  })
  createApiClient(
    @Arg('name', () => String, { description: 'Who it is, 1 to 200 characters.' }) name: string,
    @Arg('scopes', () => [String], { description: 'progress:read, learners:read and/or events:read.' }) scopes: string[],
    @Arg('coachId', () => ID, { nullable: true, description: 'Limit it to this coach\'s learners.' }) coachId: string | undefined,
    @Arg('expiresAt', () => Date, EXPIRES_AT) expiresAt: Date | undefined,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).create(ctx.viewer!, name, scopes, coachId, expiresAt);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => NewApiClientKey, {
    description:
      'Rotate a key (staff): issue a second key for the client, shown once. Both work until the old one is revoked (revokeApiClientKey) or ' +
      'expires, so the client can switch without a gap. CONFLICT (clientId) while the client already has two working keys, or is revoked.',
  })
  rotateApiClientKey(
    @Arg('clientId', () => ID, { description: 'The client.' }) clientId: string,
    @Arg('expiresAt', () => Date, EXPIRES_AT) expiresAt: Date | undefined,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).rotate(ctx.viewer!, clientId, expiresAt);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ApiClient, { description: "Revoke one key of an API client (staff): it is refused from the next request; the client's other key keeps working." })
  revokeApiClientKey(@Arg('keyId', () => ID, { description: 'The key (ApiClient.keys.id).' }) keyId: string, @Ctx() ctx: Context) {
    return service(ctx).revokeKey(ctx.viewer!, keyId);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ApiClient, { description: 'Revoke an API client: all its keys are refused from the next request (staff).' })
  revokeApiClient(@Arg('id', () => ID, { description: 'The client.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).revoke(ctx.viewer!, id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The coach whose learners it is limited to, if any.' })
  coach(@Root() client: ApiClient, @Ctx() ctx: Context) {
    return client.coach ? ctx.loaders.userById.load(client.coach.id) : null;
  }

  @FieldResolver(() => [ApiClientKey], { description: 'Its keys, newest first: at most two work at once (state ACTIVE).' })
  keys(@Root() client: ApiClient): Promise<ApiClientKey[]> {
    return keysOf(client);
  }

  @FieldResolver(() => String, {
    description: 'The first characters of its newest working key (of its newest key when none works).',
    deprecationReason: 'A client has up to two keys: use keys { keyPrefix state }.',
  })
  async keyPrefix(@Root() client: ApiClient, @Ctx() ctx: Context): Promise<string> {
    const keys = await keysOf(client);
    return (keys.find((k) => keyState(k, client, ctx.clock.now()) === 'ACTIVE') ?? keys[0])?.keyPrefix ?? '';
  }

  @FieldResolver(() => Date, { nullable: true, description: 'The minute any of its keys was last used, exact to the minute; null: never used.' })
  async lastUsedAt(@Root() client: ApiClient): Promise<Date | null> {
    const times = (await keysOf(client)).map((k) => k.lastUsedAt?.getTime() ?? 0);
    const latest = Math.max(0, ...times);
    return latest ? new Date(latest) : null;
  }
}

@Resolver(() => ApiClientKey)
export class ApiClientKeyResolver {
  @FieldResolver(() => ApiKeyState, { description: 'Whether it works now: ACTIVE, EXPIRED or REVOKED (the key, or its whole client).' })
  async state(@Root() key: ApiClientKey, @Ctx() ctx: Context): Promise<ApiKeyState> {
    return keyState(key, await key.client.loadOrFail(), ctx.clock.now()) as ApiKeyState;
  }
}
