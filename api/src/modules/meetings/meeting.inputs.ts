import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MeetingOutcome, MeetingStatus, MeetingTopic } from './meeting.enums';
import { NotBlank } from '../../common/validators';

const LINK = /^https?:\/\/\S+$/;

@InputType({ description: 'A time range the learner can meet in (UTC instants; send them with an offset or Z).' })
export class TimeWindowInput {
  @Field(() => Date, { description: 'Start, in the future.' })
  startsAt: Date;

  @Field(() => Date, { description: 'End, at least 15 minutes after the start.' })
  endsAt: Date;
}

@InputType({ description: 'A request for a 1:1 meeting with a coach.' })
export class RequestMeetingInput {
  @Field(() => ID, { description: 'The learner asking (learners: themselves).' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId: string;

  @Field(() => MeetingTopic, { description: 'What it is about; OFFER is urgent.' })
  @IsEnum(MeetingTopic)
  topic: MeetingTopic;

  @Field(() => String, { nullable: true, description: 'A note for the coach, up to 2,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @Field(() => [TimeWindowInput], { description: '1 to 5 preferred windows, each in the future and at least 15 minutes long.' })
  @ArrayMinSize(1, { message: 'windows must hold at least one window' })
  @ArrayMaxSize(5, { message: 'windows may hold at most 5 windows' })
  @ValidateNested({ each: true })
  windows: TimeWindowInput[];
}

@ArgsType()
export class ScheduleMeetingArgs {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => Date, { description: 'Start; the whole meeting must fit inside one of the learner\'s windows.' })
  startsAt: Date;

  @Field(() => Int, { description: 'Length in minutes, 15 to 480.' })
  @IsInt()
  @Min(15, { message: 'durationMinutes must be at least 15' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes: number;

  @Field(() => String, { description: 'The video link (http or https).' })
  @Matches(LINK, { message: 'videoLink must be an http(s) URL' })
  @MaxLength(2048)
  videoLink: string;

  @Field(() => ID, { nullable: true, description: 'Schedule it for this coach instead of yourself (staff only).' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Schedule outside the coach\'s working hours (staff only).' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

@ArgsType()
export class RescheduleMeetingArgs {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => Date, { description: 'New start, in the future (agreed with the learner; it need not be in a window).' })
  startsAt: Date;

  @Field(() => Int, { description: 'Length in minutes, 15 to 480.' })
  @IsInt()
  @Min(15, { message: 'durationMinutes must be at least 15' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes: number;

  @Field(() => String, { nullable: true, description: 'A new video link.' })
  @IsOptional()
  @Matches(LINK, { message: 'videoLink must be an http(s) URL' })
  @MaxLength(2048)
  videoLink?: string;

  @Field(() => Boolean, { nullable: true, description: 'Outside the coach\'s working hours (staff only).' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

@ArgsType()
export class MeetingReasonArgs {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => String, { description: 'Why, 1 to 2,000 characters (the learner reads it).' })
  @NotBlank({ message: 'reason must not be empty' })
  @MaxLength(2000)
  reason: string;
}

@ArgsType()
export class CompleteMeetingArgs {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => MeetingOutcome, { description: 'COMPLETED or NO_SHOW.' })
  @IsEnum(MeetingOutcome)
  outcome: MeetingOutcome;

  @Field(() => String, { nullable: true, description: 'Notes, up to 5,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

@InputType({ description: 'Narrows allMeetings; all given conditions must hold.' })
export class MeetingFilter {
  @Field(() => [MeetingStatus], { nullable: true, description: 'Only these statuses.' })
  @IsOptional()
  @IsEnum(MeetingStatus, { each: true })
  statuses?: MeetingStatus[];

  @Field(() => ID, { nullable: true, description: 'Only this coach\'s (the assigned coach until scheduled, then the one who scheduled).' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only mine (as the coach).' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only this learner\'s.' })
  @IsOptional()
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId?: string;
}

@InputType({ description: 'A span of working time on a weekday, in the coach\'s zone.' })
export class WorkingHoursInput {
  @Field(() => Int, { description: '1 = Monday … 7 = Sunday.' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @Field(() => String, { description: 'Start, "HH:MM".' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM' })
  startTime: string;

  @Field(() => String, { description: 'End, "HH:MM", after the start.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'endTime must be HH:MM' })
  endTime: string;
}
