import { Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { PASSWORD_RULE } from '../../auth/password-policy';
import { normalizeEmail } from '../../common/query';
import { AppError } from '../../common/errors';
import { Role, User } from './user.entity';
import { ChangePasswordArgs, LoginArgs } from './user.inputs';
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
    description:
      'Sign in with email and password. Wrong credentials and deactivated accounts get UNAUTHENTICATED. After repeated failures for an ' +
      'email or from an address, sign-in is held back (RATE_LIMITED, HTTP 429, with retryAfterSeconds).',
  })
  async login(@Args(() => LoginArgs) args: LoginArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    // Failed attempts hold back the email and the address (a quarter of an hour, then a day): RATE_LIMITED, 429.
    const email = normalizeEmail(args.email);
    await ctx.limits.beforeSignIn(email, ctx.ip);
    try {
      const signedIn = await new SignInService(ctx.em, ctx.config).login(args.email, args.password, ctx.clock.now());
      await ctx.limits.signedIn(email);
      return signedIn;
    } catch (e) {
      if (e instanceof AppError && e.extensions.code === 'UNAUTHENTICATED') await ctx.limits.failedSignIn(email, ctx.ip);
      throw e;
    }
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null when the request carries no valid token.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    return ctx.loaders.userById.load(ctx.viewer.userId);
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Mutation(() => AuthPayload, {
    description:
      `Change your own password (${PASSWORD_RULE}). Your other sessions end; this one goes on with the token returned. ` +
      'A wrong currentPassword gets BAD_USER_INPUT.',
  })
  changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    return new SignInService(ctx.em, ctx.config).changePassword(ctx.viewer!.userId, args.currentPassword, args.newPassword, ctx.clock.now());
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Mutation(() => Boolean, { description: 'Sign out of every session, this one included: every token issued to you so far stops working.' })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<boolean> {
    await new SignInService(ctx.em, ctx.config).signOutEverywhere(ctx.viewer!.userId, ctx.clock.now());
    return true;
  }
}
