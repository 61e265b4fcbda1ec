import { Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { PASSWORD_RULE } from '../../auth/password-policy';
import { normalizeEmail } from '../../common/query';
import { AppError } from '../../common/errors';
import { Role, User } from './user.entity';
import { ChangePasswordArgs, LoginArgs } from './user.inputs';
import { SignInService } from './sign-in.service';
import { csrfTokenOf } from '../../auth/token';
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

@ObjectType({ description: 'A browser session (signInWithCookie): its token is kept in an httpOnly cookie that scripts cannot read.' })
export class BrowserSession {
  @Field(() => String, {
    description: 'Send it as the X-CSRF-Token header with every request of this session: a request with the cookie and without it is not signed in.',
  })
  csrfToken: string;

  @Field(() => Date, { description: 'When the session ends; sign in again after it.' })
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
  login(@Args(() => LoginArgs) args: LoginArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    return signIn(args, ctx);
  }

  @Mutation(() => BrowserSession, {
    description:
      'Sign in from a browser page served by Waypoint (the console): the session token is set as an httpOnly, SameSite=Strict cookie ' +
      '(Secure in production) instead of being returned, and every later request must carry csrfToken as X-CSRF-Token. ' +
      'Same credentials, errors and throttling as login.',
  })
  async signInWithCookie(@Args(() => LoginArgs) args: LoginArgs, @Ctx() ctx: Context): Promise<BrowserSession> {
    const { token, expiresAt, sessionId, user } = await signIn(args, ctx);
    ctx.sessionCookie.set(token, expiresAt);
    return { csrfToken: csrfTokenOf(sessionId, ctx.config.authSecret), expiresAt, user };
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
  async changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    const session = ctx.session!;
    const changed = await new SignInService(ctx.em, ctx.config).changePassword(session.userId, session.id, args.currentPassword, args.newPassword, ctx.clock.now());
    // The console's session goes on in its cookie (same session, same CSRF token).
    if (session.viaCookie) ctx.sessionCookie.set(changed.token, changed.expiresAt);
    return changed;
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Mutation(() => Boolean, {
    description: 'Sign out of this session: its token (or the console\'s cookie) stops working at once, on every server. Your other sessions go on.',
  })
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    await new SignInService(ctx.em, ctx.config).signOut(ctx.session!, ctx.clock.now());
    if (ctx.session!.viaCookie) ctx.sessionCookie.clear();
    return true;
  }

  @Authorized(Role.STAFF, Role.COACH, Role.LEARNER)
  @Mutation(() => Boolean, { description: 'Sign out of every session, this one included: every token issued to you so far stops working.' })
  async signOutEverywhere(@Ctx() ctx: Context): Promise<boolean> {
    await new SignInService(ctx.em, ctx.config).signOutEverywhere(ctx.viewer!.userId, ctx.clock.now());
    if (ctx.session?.viaCookie) ctx.sessionCookie.clear();
    return true;
  }
}

/** Signs in with email and password; failed attempts hold back the email and the address (RATE_LIMITED, 429). */
async function signIn(args: LoginArgs, ctx: Context): Promise<{ token: string; expiresAt: Date; sessionId: string; user: User }> {
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
