import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { EnrollmentStatus } from './enrollment-status';
import { IsIanaTimeZone, NotBlank } from '../../common/validators';
import { IsAcceptablePassword, PASSWORD_RULE } from '../../auth/password-policy';

@InputType({ description: 'Narrows allLearners; all given conditions must hold.' })
export class LearnerFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these learners.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  @ArrayMaxSize(1000)
  ids?: string[];

  @Field(() => String, { nullable: true, description: 'Text search in name and email (case-insensitive, substring).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only learners with this status.' })
  @IsOptional()
  @IsEnum(EnrollmentStatus)
  status?: EnrollmentStatus;

  @Field(() => ID, { nullable: true, description: 'Only learners assigned to this coach.' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => Int, { nullable: true, description: 'Only learners in this module week today (each in their own time zone).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  moduleWeek?: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Among the learners the weekly evaluation covers (ENROLLED, AT_RISK, SUSPENDED): true, those with a required activity of this ' +
      'module week not yet met; false, those with all met so far. PAUSED, HIRED and WITHDRAWN learners match neither.',
  })
  @IsOptional()
  @IsBoolean()
  missingRequiredActivity?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: learners with no Huntr action in the last 5 days (or none ever): "no Huntr activity for 5 days", the rule of ' +
      'Learner.quietInHuntr; false: those with one.',
  })
  @IsOptional()
  @IsBoolean()
  quietInHuntr?: boolean;
}

@ArgsType()
export class CreateLearnerArgs {
  @Field(() => String, { description: 'Full name, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  name: string;

  @Field(() => String, { description: 'Sign-in email; must not belong to another user (case-insensitive).' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { description: 'IANA time zone the learner lives in, e.g. America/Bogota.' })
  @IsIanaTimeZone()
  timeZone: string;

  @Field(() => LocalDateResolver, { description: 'First day of module week 1 (YYYY-MM-DD), learner-local.' })
  moduleStartDate: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The first module week compliance judges, for a learner who was in the program before Waypoint (1 to judge every week). Unset: the first week that begins after now.',
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'judgeFromWeek must be 1 or later' })
  @Max(520, { message: 'judgeFromWeek must be at most 520' })
  judgeFromWeek?: number;

  @Field(() => ID, { description: 'The assigned career coach (a user with role COACH).' })
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId: string;

  @Field(() => String, { nullable: true, description: `Initial password (${PASSWORD_RULE}); without one the learner cannot sign in yet.` })
  @IsOptional()
  @IsAcceptablePassword()
  password?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The cohort staff put the learner in, trimmed, 1 to 60 characters, as updateLearner(cohort:) takes it; null, blank or ' +
      'unset: the cohort of their module start month. Staff only: a coach who names one gets FORBIDDEN.',
  })
  @IsOptional()
  @IsString({ message: 'cohort must be text' })
  cohort?: string | null;
}

@ArgsType()
export class UpdateLearnerArgs {
  @Field(() => ID, { description: 'The learner to change.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New full name.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New sign-in email.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true, description: 'New IANA time zone.' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'New module start date (YYYY-MM-DD).' })
  @IsOptional()
  moduleStartDate?: string;

  @Field(() => ID, { nullable: true, description: 'New assigned coach (a user with role COACH).' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The cohort staff put the learner in, trimmed, 1 to 60 characters; null or blank clears it (the learner is then in their ' +
      'module start month\'s cohort). Staff only: a coach may send the current value but not change it (FORBIDDEN).',
  })
  @IsOptional()
  @IsString({ message: 'cohort must be text' })
  cohort?: string | null;
}

@ArgsType()
export class SetEnrollmentStatusArgs {
  @Field(() => ID, { description: 'The learner.' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => EnrollmentStatus, { description: 'The new status; it must differ from the current one.' })
  @IsEnum(EnrollmentStatus)
  status: EnrollmentStatus;

  @Field(() => String, { description: 'Why, in a sentence the learner may read (1 to 2,000 characters). Required.' })
  @NotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

@ArgsType()
export class SetEnrollmentStatusesArgs {
  @Field(() => [ID], { description: 'The learners (1 to 200).' })
  @ArrayMinSize(1, { message: 'learnerIds must name at least one learner' })
  @ArrayMaxSize(200, { message: 'learnerIds may name at most 200 learners' })
  @IsUUID('all', { each: true, message: 'learnerIds must be UUIDs' })
  learnerIds: string[];

  @Field(() => EnrollmentStatus, { description: 'The new status; learners already in it are left as they are.' })
  @IsEnum(EnrollmentStatus)
  status: EnrollmentStatus;

  @Field(() => String, { description: 'One reason for all of them (1 to 2,000 characters). Required.' })
  @NotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

@ArgsType()
export class UpdateMyProfileArgs {
  @Field(() => String, { nullable: true, description: 'Your full name, as coaches and learners see it (1 to 200 characters).' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Your IANA time zone, e.g. America/New_York: days, weeks and times are shown and counted in it.' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}
