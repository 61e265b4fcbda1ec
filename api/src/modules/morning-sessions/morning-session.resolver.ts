import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsEnum, IsOptional, IsUUID, IsBoolean } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { MorningSessionService } from './morning-session.service';
import { MorningSessionView, PracticeType } from './morning-session.types';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';
import { localDate } from '../../common/module-time';

@ArgsType()
class SignUpArgs {
  @Field(() => ID, { description: 'The learner (learners: themselves; coaches and staff on a learner\'s behalf).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => LocalDateResolver, { description: 'The session date (YYYY-MM-DD, program time zone).' })
  date: string;
}

@ArgsType()
class SignUpWithPracticeArgs extends SignUpArgs {
  @Field(() => PracticeType, { description: 'What to practise.' })
  @IsEnum(PracticeType)
  practiceType: PracticeType;
}

@ArgsType()
class PairArgs {
  @Field(() => LocalDateResolver, { description: 'The session date (YYYY-MM-DD, program time zone).' })
  date: string;

  @Field(() => Boolean, { nullable: true, description: 'Put an odd one out into a group of three (default: the session\'s setting).' })
  @IsOptional()
  @IsBoolean()
  groupsOfThree?: boolean;
}

const service = (ctx: Context) =>
  new MorningSessionService(ctx.em, () => ctx.clock.now(), { programTimeZone: ctx.config.programTimeZone, morningCutoffMinutes: ctx.config.morningCutoffMinutes });

@Resolver(() => MorningSessionView)
export class MorningSessionResolver {
  @Authorized()
  @Query(() => MorningSessionView, {
    name: 'morningSession',
    nullable: true,
    description: "A date's morning session; null when that weekday has no MORNING_SESSION block. Learners see only their own sign-up and group.",
  })
  morningSession(
    @Arg('date', () => LocalDateResolver, { nullable: true, description: 'The date (YYYY-MM-DD, program time zone); default today.' }) date: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).view(ctx.viewer!, date ?? localDate(ctx.clock.now(), ctx.config.programTimeZone));
  }

  @Authorized()
  @Mutation(() => MorningSessionView, {
    description: 'Sign up for a morning session with a practice type, or change the practice type, until the cut-off (CONFLICT after it).',
  })
  signUpForMorningSession(@Args(() => SignUpWithPracticeArgs) args: SignUpWithPracticeArgs, @Ctx() ctx: Context) {
    return service(ctx).signUp(ctx.viewer!, args.learnerId, args.date, args.practiceType);
  }

  @Authorized()
  @Mutation(() => MorningSessionView, { description: 'Withdraw a sign-up before the cut-off.' })
  cancelMorningSessionSignUp(@Args(() => SignUpArgs) args: SignUpArgs, @Ctx() ctx: Context) {
    return service(ctx).cancel(ctx.viewer!, args.learnerId, args.date);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => MorningSessionView, { description: 'Choose whether an odd one out joins a group of three, before the pairs are made (staff).' })
  setMorningSessionGroupsOfThree(
    @Arg('date', () => LocalDateResolver, { description: 'The session date.' }) date: string,
    @Arg('groupsOfThree', () => Boolean, { description: 'True: an odd one out joins a pair.' }) groupsOfThree: boolean,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).setGroupsOfThree(ctx.viewer!, date, groupsOfThree);
  }

  @Authorized(Role.STAFF)
  @Mutation(() => MorningSessionView, {
    description: 'Make the pairs now instead of at the cut-off (staff). Pairs are made once: calling again returns them unchanged; sign-ups then close.',
  })
  async pairMorningSession(@Args(() => PairArgs) args: PairArgs, @Ctx() ctx: Context) {
    return (await service(ctx).pair(ctx.viewer!, args.date, args.groupsOfThree))!;
  }
}
