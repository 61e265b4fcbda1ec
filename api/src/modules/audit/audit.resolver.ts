import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { AuditEntry } from './audit-entry.entity';
import { AuditFilter } from './audit.inputs';
import { auditRoots } from './audit.read';
import { Role } from '../users/user.entity';
import { ListArgs } from '../../common/pagination';
import { listAnswer, rowsByIds } from '../../read/connection';
import type { Context } from '../../context';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.STAFF)
  @Query(() => [AuditEntry], { description: 'Privileged actions, newest first (staff). Nobody can edit or delete them.' })
  auditLog(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => AuditFilter, { nullable: true, description: 'Conditions the entries must meet.' }) filter: AuditFilter | undefined,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    // The compiled read's own SQL for the page's ids (audit.read.ts); the entries then by id, with their actors.
    return listAnswer(auditRoots.auditLog, { ...args, filter }, ctx, 'auditLog', (ids) => rowsByIds(ctx.em, AuditEntry, ids, ['actor']));
  }
}
