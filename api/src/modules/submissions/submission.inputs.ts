import { Field, ID, InputType } from 'type-graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SubmissionKind } from './submission-kind';
import { ApplicationMaterial, JobSearchAnalysis, SmartGoals, WeeklyRetrospective } from './submission-content';

@InputType({
  description:
    'An assignment to send, with the content of its kind: smartGoals for SMART_GOALS, retrospective for WEEKLY_RETROSPECTIVE, ' +
    'analysis for JOB_SEARCH_ANALYSIS, material for APPLICATION_MATERIAL (exactly that one). To resubmit after NEEDS_WORK, name the ' +
    'previous version in previousSubmissionId.',
})
export class SubmitAssignmentInput {
  @Field(() => ID, { description: 'The learner sending it (learners: themselves; coaches and staff may record one on a learner\'s behalf).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => SubmissionKind, { description: 'What the assignment is.' })
  @IsEnum(SubmissionKind)
  kind: SubmissionKind;

  @Field(() => SmartGoals, { nullable: true, description: 'SMART goals (kind SMART_GOALS).' })
  @IsOptional()
  @ValidateNested()
  smartGoals?: SmartGoals;

  @Field(() => WeeklyRetrospective, { nullable: true, description: 'The retrospective (kind WEEKLY_RETROSPECTIVE).' })
  @IsOptional()
  @ValidateNested()
  retrospective?: WeeklyRetrospective;

  @Field(() => JobSearchAnalysis, { nullable: true, description: 'The analysis (kind JOB_SEARCH_ANALYSIS).' })
  @IsOptional()
  @ValidateNested()
  analysis?: JobSearchAnalysis;

  @Field(() => ApplicationMaterial, { nullable: true, description: 'The material (kind APPLICATION_MATERIAL).' })
  @IsOptional()
  @ValidateNested()
  material?: ApplicationMaterial;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Weekly retrospectives need no review unless the learner asks: true puts it in the review queue. Other kinds are always reviewed.',
  })
  @IsOptional()
  @IsBoolean()
  requestReview?: boolean;

  @Field(() => ID, { nullable: true, description: 'The version this resubmits: it must be the learner\'s own, of the same kind, and CHANGES_REQUESTED.' })
  @IsOptional()
  @IsUUID('all', { message: 'previousSubmissionId must be a UUID' })
  previousSubmissionId?: string;

  @Field(() => String, { nullable: true, description: 'A note for the coach, up to 20,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @Field(() => String, { nullable: true, description: 'An http(s) link to a document, if any.' })
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;
}
