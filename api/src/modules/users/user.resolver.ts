import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role, User } from './user.entity';
import { CreateUserArgs, UpdateUserArgs, UserFilter } from './user.inputs';
import { UserService } from './user.service';
import { ListArgs } from '../../common/pagination';
import { ListMetadata } from '../../common/list-metadata';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';
import './user-list.read';

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.STAFF, Role.COACH)
  @Query(() => User, { nullable: true, name: 'User', description: 'One user by id (staff and coaches).' })
  async user(@Arg('id', () => ID, { description: 'User id.' }) id: string, @Ctx() ctx: Context): Promise<User> {
    return new UserService(ctx.em).get(id);
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Query(() => [User], { description: 'Users, a page at a time. sortField: name, email, role, createdAt, active. One SQL statement a page when every field selected is built in SQL.' })
  async allUsers(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Conditions the users must meet.' }) filter: UserFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<User[]> {
    return new UserService(ctx.em).list(args, filter);
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Query(() => ListMetadata, { name: '_allUsersMeta', description: 'How many users match the filter.' })
  async allUsersMeta(
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Conditions the users must meet.' }) filter: UserFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<ListMetadata> {
    return { count: await new UserService(ctx.em).count(filter) };
  }

  @Authorized(Role.STAFF)
  @Mutation(() => User, { description: 'Create a staff member or coach (staff only). Learners are created with createLearner.' })
  async createUser(@Args(() => CreateUserArgs) args: CreateUserArgs, @IdempotencyKeyArg() _idempotencyKey: string | undefined, @Ctx() ctx: Context): Promise<User> {
    return new UserService(ctx.em).create(args);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => User, { description: 'Change a user\'s name, email, role, time zone or password (staff only).' })
  async updateUser(@Args(() => UpdateUserArgs) args: UpdateUserArgs, @Ctx() ctx: Context): Promise<User> {
    return new UserService(ctx.em, () => ctx.clock.now()).update(ctx.viewer!, args);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => User, { description: 'Stop a user from signing in; their existing tokens stop working at once (staff only).' })
  async deactivateUser(@Arg('id', () => ID, { description: 'User id.' }) id: string, @Ctx() ctx: Context): Promise<User> {
    return new UserService(ctx.em, () => ctx.clock.now()).setActive(ctx.viewer!, id, false);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => User, { description: 'Let a deactivated user sign in again (staff only).' })
  async reactivateUser(@Arg('id', () => ID, { description: 'User id.' }) id: string, @Ctx() ctx: Context): Promise<User> {
    return new UserService(ctx.em, () => ctx.clock.now()).setActive(ctx.viewer!, id, true);
  }
}
