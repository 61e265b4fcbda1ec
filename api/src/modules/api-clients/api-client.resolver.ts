import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ApiClient } from './api-client.entity';
import { ApiClientService } from './api-client.service';
import { Role, User } from '../users/user.entity';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

@ObjectType({ description: 'A new API client and its key. The key is shown here only: store it now.' })
class NewApiClient {
  @Field(() => ApiClient, { description: 'The client.' })
  client: ApiClient;

  @Field(() => String, { description: 'The key (Authorization: Bearer <key>). Waypoint keeps only its hash.' })
  key: string;
}

const service = (ctx: Context) => new ApiClientService(ctx.em, () => ctx.clock.now());

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Authorized(Role.STAFF)
  @Query(() => [ApiClient], { description: 'API clients, working ones first (staff).' })
  apiClients(@Ctx() ctx: Context) {
    return service(ctx).list();
  }

  @Authorized(Role.STAFF)
  @Mutation(() => NewApiClient, { description: 'Create an API client with scopes, optionally limited to one coach\'s learners (staff). The key is shown once.' })
  createApiClient(
    @Arg('name', () => String, { description: 'Who it is, 1 to 200 characters.' }) name: string,
    @Arg('scopes', () => [String], { description: 'progress:read, learners:read and/or events:read.' }) scopes: string[],
    @Arg('coachId', () => ID, { nullable: true, description: 'Limit it to this coach\'s learners.' }) coachId: string | undefined,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).create(ctx.viewer!, name, scopes, coachId);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => ApiClient, { description: 'Revoke an API client: its key is refused from the next request (staff).' })
  revokeApiClient(@Arg('id', () => ID, { description: 'The client.' }) id: string, @Ctx() ctx: Context) {
    return service(ctx).revoke(ctx.viewer!, id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The coach whose learners it is limited to, if any.' })
  coach(@Root() client: ApiClient, @Ctx() ctx: Context) {
    return client.coach ? ctx.loaders.userById.load(client.coach.id) : null;
  }
}
