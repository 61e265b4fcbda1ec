import { Field, ID, InputType } from 'type-graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SubmissionKind } from './submission-kind';

@InputType({ description: 'An assignment to send. Give text, a link, or both.' })
export class SubmitAssignmentInput {
  @Field(() => ID, { description: 'The learner sending it (learners: themselves; coaches and staff may record one on a learner\'s behalf).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => SubmissionKind, { description: 'What the assignment is.' })
  @IsEnum(SubmissionKind)
  kind: SubmissionKind;

  @Field(() => String, { nullable: true, description: 'The assignment text, up to 20,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @Field(() => String, { nullable: true, description: 'An http(s) link to the document.' })
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;
}
