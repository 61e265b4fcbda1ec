import { Field, InputType, Int } from 'type-graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { BlockKind } from './schedule-block.entity';
import { NotBlank } from '../../common/validators';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

@InputType({ description: 'A new block of the schedule template.' })
export class ScheduleBlockInput {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday.' })
  @IsInt()
  @Min(1, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  weekday: number;

  @Field(() => String, { description: 'Title, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  title: string;

  @Field(() => BlockKind, { description: 'What the block is for. A weekday has at most one MORNING_SESSION block.' })
  @IsEnum(BlockKind)
  kind: BlockKind;

  @Field(() => String, { description: 'Start, "HH:MM" (24 h) in the program time zone.' })
  @Matches(CLOCK_TIME, { message: 'startTime must be HH:MM (24-hour), e.g. 09:00' })
  startTime: string;

  @Field(() => String, { description: 'End, "HH:MM" (24 h) in the program time zone; after startTime.' })
  @Matches(CLOCK_TIME, { message: 'endTime must be HH:MM (24-hour), e.g. 10:00' })
  endTime: string;

  @Field(() => Int, { nullable: true, description: 'Where in the day (0 = first); default last.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

@InputType({ description: 'Changes to a block; omitted fields stay as they are.' })
export class ScheduleBlockPatch {
  @Field(() => Int, { nullable: true, description: 'Move the block to another day (it goes last there).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  weekday?: number;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  title?: string;

  @Field(() => BlockKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  @IsEnum(BlockKind)
  kind?: BlockKind;

  @Field(() => String, { nullable: true, description: 'New start, "HH:MM".' })
  @IsOptional()
  @Matches(CLOCK_TIME, { message: 'startTime must be HH:MM (24-hour), e.g. 09:00' })
  startTime?: string;

  @Field(() => String, { nullable: true, description: 'New end, "HH:MM".' })
  @IsOptional()
  @Matches(CLOCK_TIME, { message: 'endTime must be HH:MM (24-hour), e.g. 10:00' })
  endTime?: string;
}

@InputType({ description: 'A new activity inside a block.' })
export class ScheduleActivityInput {
  @Field(() => String, { description: 'What to do, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'How to do it, up to 5,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'An http(s) link to the lesson or tool.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;

  @Field(() => Int, { nullable: true, description: 'Estimated minutes, 1 to 600.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  minutes?: number;

  @Field(() => Boolean, { nullable: true, description: 'True: cannot be skipped. Default false (skippable).' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @Field(() => Int, { nullable: true, description: 'Where in the block (0 = first); default last.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

@InputType({ description: 'Changes to an activity; omitted fields stay as they are. Send link: "" to remove the link.' })
export class ScheduleActivityPatch {
  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New http(s) link; "" removes it.' })
  @IsOptional()
  @Matches(/^$|^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;

  @Field(() => Int, { nullable: true, description: 'New estimate in minutes, 1 to 600; null clears it.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  minutes?: number;

  @Field(() => Boolean, { nullable: true, description: 'Required (true) or skippable (false). Applies from now on; states already recorded stay.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}
