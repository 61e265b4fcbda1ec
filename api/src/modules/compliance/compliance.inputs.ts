import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { SubmissionKind } from '../submissions/submission-kind';
import { NotBlank } from '../../common/validators';

@InputType({ description: 'A new required activity. It applies to learner-weeks that start after it is created.' })
export class RequiredActivityInput {
  @Field(() => SubmissionKind, { description: 'The kind of submission that meets it.' })
  @IsEnum(SubmissionKind)
  kind: SubmissionKind;

  @Field(() => String, { description: 'As learners read it, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'More detail, up to 2,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field(() => Int, { nullable: true, description: 'Required in this module week only (1 to 520); omit for every week.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(520)
  moduleWeek?: number;
}

@InputType({ description: 'Wording changes to a required activity. To change what it requires, retire it and add a new one.' })
export class RequiredActivityPatch {
  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

@ArgsType()
export class ExcuseWeekArgs {
  @Field(() => ID, { description: 'The learner.' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => Int, { description: 'The module week to excuse (1 or later).' })
  @IsInt()
  @Min(1, { message: 'moduleWeek must be 1 or later' })
  @Max(520, { message: 'moduleWeek must be at most 520' })
  moduleWeek: number;

  @Field(() => String, { description: 'Why, in a sentence the learner may read (1 to 2,000 characters).' })
  @NotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}
