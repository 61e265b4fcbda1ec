import { Field, ID, InputType } from 'type-graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { JobActivityKind } from './job-activity.entity';
import { NotBlank } from '../../common/validators';

@InputType({ description: 'An application or interview recorded by hand (when Huntr missed it).' })
export class RecordJobActivityInput {
  @Field(() => ID, { description: 'The learner (learners: themselves; coaches and staff for a learner).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => JobActivityKind, { description: 'Application or interview.' })
  @IsEnum(JobActivityKind)
  kind: JobActivityKind;

  @Field(() => String, { description: 'The employer, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  company: string;

  @Field(() => String, { description: 'The role, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  role: string;

  @Field(() => Date, { description: 'When it happened; not in the future.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'A note, up to 2,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@InputType({ description: 'Corrections to an activity recorded by hand: only the fields given change.' })
export class UpdateJobActivityInput {
  @Field(() => JobActivityKind, { nullable: true, description: 'Application or interview.' })
  @IsOptional()
  @IsEnum(JobActivityKind)
  kind?: JobActivityKind;

  @Field(() => String, { nullable: true, description: 'The employer, 1 to 200 characters.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  company?: string;

  @Field(() => String, { nullable: true, description: 'The role, 1 to 200 characters.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  role?: string;

  @Field(() => Date, { nullable: true, description: 'When it happened; not in the future.' })
  @IsOptional()
  occurredAt?: Date;

  @Field(() => String, { nullable: true, description: 'A note, up to 2,000 characters (empty clears it).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
