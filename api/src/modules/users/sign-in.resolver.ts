import { Args, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { User } from './user.entity';
import { LoginArgs } from './user.inputs';
import { SignInService } from './sign-in.service';
import type { Context } from '../../context';

@ObjectType({ description: 'A signed-in session.' })
export class AuthPayload {
  @Field(() => String, { description: 'Bearer token: send it as "Authorization: Bearer <token>".' })
  token: string;

  @Field(() => Date, { description: 'When the token stops working; sign in again after it.' })
  expiresAt: Date;

  @Field(() => User, { description: 'Who signed in.' })
  user: User;
}

@Resolver()
export class SignInResolver {
  @Mutation(() => AuthPayload, {
    description: 'Sign in with email and password. Wrong credentials and deactivated accounts get UNAUTHENTICATED.',
  })
  async login(@Args(() => LoginArgs) args: LoginArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    return new SignInService(ctx.em, ctx.config).login(args.email, args.password, ctx.clock.now());
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when the request carries no valid token.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    return ctx.loaders.userById.load(ctx.viewer.userId);
  }
}
