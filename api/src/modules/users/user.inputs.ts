import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Role } from './user.entity';
import { IsIanaTimeZone, NotBlank } from '../../common/validators';
import { IsAcceptablePassword, PASSWORD_RULE } from '../../auth/password-policy';

@InputType({ description: 'Narrows allUsers; all given conditions must hold.' })
export class UserFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these users.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  ids?: string[];

  @Field(() => String, { nullable: true, description: 'Text search in name and email (case-insensitive, substring).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Field(() => Role, { nullable: true, description: 'Only users with this role.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) users.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class LoginArgs {
  @Field(() => String, { description: 'Sign-in email (any case).' })
  @IsString()
  @MaxLength(254)
  email: string;

  @Field(() => String, { description: 'Password.' })
  @IsString()
  @MaxLength(200)
  password: string;
}

@ArgsType()
export class CreateUserArgs {
  @Field(() => String, { description: 'Sign-in email; must not belong to another user (case-insensitive).' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { description: 'Full name, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  name: string;

  @Field(() => Role, { description: 'STAFF or COACH; learners are created with createLearner.' })
  @IsEnum(Role)
  role: Role;

  @Field(() => String, { description: `Initial password: ${PASSWORD_RULE}.` })
  @IsAcceptablePassword()
  password: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone (default UTC).' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

@ArgsType()
export class UpdateUserArgs {
  @Field(() => ID, { description: 'The user to change.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => String, { nullable: true, description: 'New sign-in email.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true, description: 'New full name.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  name?: string;

  @Field(() => Role, { nullable: true, description: 'New role (STAFF or COACH; a learner stays a learner).' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => String, { nullable: true, description: 'New IANA time zone.' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => String, { nullable: true, description: `New password: ${PASSWORD_RULE}; it ends the user's sessions.` })
  @IsOptional()
  @IsAcceptablePassword()
  password?: string;
}

/** changePassword's arguments. */
@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String, { description: 'Your password now.' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @Field(() => String, { description: `The new password: ${PASSWORD_RULE}.` })
  @IsAcceptablePassword()
  newPassword: string;
}
