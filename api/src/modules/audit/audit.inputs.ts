import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@InputType({ description: 'Narrows auditLog.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Only this operation, e.g. setEnrollmentStatus.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field(() => ID, { nullable: true, description: 'Only what this user did.' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @Field(() => ID, { nullable: true, description: 'Only actions on this subject (its id).' })
  @IsOptional()
  @MaxLength(100)
  subjectId?: string;
}
