import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { badInput } from '../../common/errors';
import { UUID_TEXT } from '../../common/validators';

@InputType({ description: 'Narrows progress; all given conditions must hold.' })
export class ProgressFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these learners (up to 200).' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  @ArrayMaxSize(200)
  ids?: string[];

  @Field(() => ID, { nullable: true, description: 'Only learners of this coach.' })
  @IsOptional()
  @IsUUID('all', { message: 'coachId must be a UUID' })
  coachId?: string;

  @Field(() => EnrollmentStatus, { nullable: true, description: 'Only learners with this status.' })
  @IsOptional()
  @IsEnum(EnrollmentStatus)
  status?: EnrollmentStatus;
}

@ArgsType()
export class ProgressArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' })
  @IsInt()
  @Min(1)
  @Max(200, { message: 'first must be at most 200' })
  first: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string;

  @Field(() => Int, { defaultValue: 7, description: 'Days in the rolling window, 1 to 366.' })
  @IsInt()
  @Min(1, { message: 'days must be from 1 to 366' })
  @Max(366, { message: 'days must be from 1 to 366' })
  days: number;
}

// A UUID, not just 36 of its characters: anything else would reach PostgreSQL's uuid cast and fail there (a 500).
const CURSOR = new RegExp(`^learner:(${UUID_TEXT})$`);

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = CURSOR.exec(text);
  if (!match) throw badInput('after', 'after must be an endCursor this API returned');
  return match[1];
}
