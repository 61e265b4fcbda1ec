import { Arg, Args, Authorized, Ctx, FieldResolver, InputType, Field, Query, Resolver, Root, ID } from 'type-graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AuditEntry } from './audit-entry.entity';
import { Role, User } from '../users/user.entity';
import { ListArgs, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import { userOf } from '../users/user.loaders';

@InputType({ description: 'Narrows auditLog.' })
class AuditFilter {
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

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.STAFF)
  @Query(() => [AuditEntry], { description: 'Privileged actions, newest first (staff). Nobody can edit or delete them.' })
  auditLog(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => AuditFilter, { nullable: true, description: 'Conditions the entries must meet.' }) filter: AuditFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    const page = toPage(args);
    const where: Record<string, unknown> = {};
    if (filter?.action) where.action = filter.action;
    if (filter?.actorId) where.actor = filter.actorId.toLowerCase();
    if (filter?.subjectId) where.subjectId = filter.subjectId;
    return ctx.em.find(AuditEntry, where, { orderBy: { seq: 'desc' }, limit: page.limit, offset: page.offset, populate: ['actor'] });
  }

  @FieldResolver(() => User, { description: 'Who did it.' })
  async actor(@Root() entry: AuditEntry, @Ctx() ctx: Context): Promise<User> {
    return userOf(entry.actor, ctx);
  }
}
