import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { EventType } from './coaching-event.entity';
import { NotBlank } from '../../common/validators';

@InputType({ description: 'A new coaching event.' })
export class CoachingEventInput {
  @Field(() => EventType, { description: 'What kind.' })
  @IsEnum(EventType)
  type: EventType;

  @Field(() => String, { description: 'Title, 1 to 200 characters.' })
  @NotBlank()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'Description, up to 5,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => ID, { description: 'The coach who facilitates it (their meeting calendar is blocked for it).' })
  @IsUUID('all', { message: 'facilitatorId must be a UUID' })
  facilitatorId: string;

  @Field(() => Date, { description: 'Start, in the future.' })
  startsAt: Date;

  @Field(() => Int, { description: 'Length in minutes, 15 to 480.' })
  @IsInt()
  @Min(15, { message: 'durationMinutes must be at least 15' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes: number;

  @Field(() => Int, { description: 'Seats, 1 to 1,000; past it learners join a waitlist.' })
  @IsInt()
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(1000, { message: 'capacity must be at most 1000' })
  capacity: number;

  @Field(() => String, { nullable: true, description: 'Where to join (http or https).' })
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;
}

@InputType({ description: 'Changes to an event; omitted fields stay. Attendees see the change in their calendar feeds.' })
export class CoachingEventPatch {
  @Field(() => EventType, { nullable: true, description: 'New type.' })
  @IsOptional()
  @IsEnum(EventType)
  type?: EventType;

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

  @Field(() => ID, { nullable: true, description: 'New facilitator.' })
  @IsOptional()
  @IsUUID('all', { message: 'facilitatorId must be a UUID' })
  facilitatorId?: string;

  @Field(() => Date, { nullable: true, description: 'New start, in the future.' })
  @IsOptional()
  startsAt?: Date;

  @Field(() => Int, { nullable: true, description: 'New length in minutes, 15 to 480.' })
  @IsOptional()
  @IsInt()
  @Min(15, { message: 'durationMinutes must be at least 15' })
  @Max(480, { message: 'durationMinutes must be at most 480 (8 hours)' })
  durationMinutes?: number;

  @Field(() => Int, { nullable: true, description: 'New capacity; raising it seats the waitlist in order, it cannot go below the seats taken.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(1000, { message: 'capacity must be at most 1000' })
  capacity?: number;

  @Field(() => String, { nullable: true, description: 'New link; "" removes it.' })
  @IsOptional()
  @Matches(/^$|^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;
}
