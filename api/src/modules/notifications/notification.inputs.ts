import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DeliveryStatus } from './notification-kind';

/** A page of your notifications. */
@ArgsType()
export class NotificationArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1, { message: 'first must be from 1 to 100' })
  @Max(100, { message: 'first must be from 1 to 100' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Only unread ones.' })
  @IsBoolean()
  unreadOnly!: boolean;
}

/** The staff logs' page: the newest `first`. */
@ArgsType()
export class LogArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many, newest first, 1 to 200.' })
  @IsInt()
  @Min(1, { message: 'first must be from 1 to 200' })
  @Max(200, { message: 'first must be from 1 to 200' })
  first!: number;
}

@ArgsType()
export class DeliveryLogArgs {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this endpoint.' })
  @IsOptional()
  @IsUUID('all', { message: 'endpointId must be a UUID' })
  endpointId?: string;

  @Field(() => DeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;

  @Field(() => Int, { defaultValue: 50, description: 'How many, newest first, 1 to 200.' })
  @IsInt()
  @Min(1, { message: 'first must be from 1 to 200' })
  @Max(200, { message: 'first must be from 1 to 200' })
  first!: number;
}
