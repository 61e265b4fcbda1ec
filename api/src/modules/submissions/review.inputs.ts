import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { SubmissionKind } from './submission-kind';
import { FeedbackDecision, SubmissionStatus } from './submission-status';
import { NotBlank } from '../../common/validators';

@InputType({ description: 'Narrows allSubmissions and reviewQueue; all given conditions must hold.' })
export class SubmissionFilter {
  @Field(() => [SubmissionStatus], { nullable: true, description: 'Only these statuses.' })
  @IsOptional()
  @IsEnum(SubmissionStatus, { each: true })
  @ArrayMaxSize(5)
  statuses?: SubmissionStatus[];

  @Field(() => SubmissionKind, { nullable: true, description: 'Only this kind.' })
  @IsOptional()
  @IsEnum(SubmissionKind)
  kind?: SubmissionKind;

  @Field(() => ID, { nullable: true, description: 'Only this learner\'s.' })
  @IsOptional()
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId?: string;

  @Field(() => ID, { nullable: true, description: 'Only those assigned to this coach (the learner\'s coach when sent).' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only those assigned to me.' })
  @IsOptional()
  @IsBoolean()
  assignedToMe?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only those I have claimed.' })
  @IsOptional()
  @IsBoolean()
  claimedByMe?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only unclaimed ones (SUBMITTED).' })
  @IsOptional()
  @IsBoolean()
  unclaimed?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only those I may claim now (mine, or open to all coaches).' })
  @IsOptional()
  @IsBoolean()
  claimableByMe?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'true: only waiting ones past their review target; false: only waiting ones within it.' })
  @IsOptional()
  @IsBoolean()
  breached?: boolean;
}

@ArgsType()
export class FeedbackArgs {
  @Field(() => ID, { description: 'The submission.' })
  @IsUUID('all', { message: 'submissionId must be a UUID' })
  submissionId: string;

  @Field(() => FeedbackDecision, { description: 'APPROVED or NEEDS_WORK.' })
  @IsEnum(FeedbackDecision)
  decision: FeedbackDecision;

  @Field(() => String, { description: 'What to tell the learner, 1 to 20,000 characters.' })
  @NotBlank({ message: 'body must not be empty' })
  @MaxLength(20000)
  body: string;

  @Field(() => Int, { description: 'The submission\'s revision as you loaded it; if it changed since, you get CONFLICT and nothing is written.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  revision: number;
}
