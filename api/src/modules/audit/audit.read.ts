import { readType, through } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { ListArgs, toPage } from '../../common/pagination';
import { UserRead } from '../users/user.read';
import { AuditEntry } from './audit-entry.entity';
import { AuditFilter } from './audit.inputs';

/** An audit entry: its columns, and who did it through its actor (the one definition of the field and its resolver). */
export const AuditEntryRead = readType(AuditEntry, 'audit_log', {
  actor: through({ property: 'actor', target: () => UserRead, description: 'Who did it.' }),
});

/** Which entries `a` the log holds for a filter, as SQL with `?` parameters. */
function auditConditions(filter: AuditFilter = {}): { sql: string; params: unknown[] } {
  const and: string[] = [];
  const params: unknown[] = [];
  if (filter.action) and.push('a.action = ?'), params.push(filter.action);
  if (filter.actorId) and.push('a.actor_id = ?::uuid'), params.push(filter.actorId.toLowerCase());
  if (filter.subjectId) and.push('a.subject_id = ?'), params.push(filter.subjectId);
  return { sql: and.length ? and.join(' and ') : 'true', params };
}

/**
 * The audit log (`auditLog`), newest first (insertion order, `seq`), a page at a time: one statement, the page's
 * rows taken off the index on seq first, JSON for those rows only. Its resolver asks the same SQL for the page's
 * ids (listAnswer).
 */
export const auditRoots: Record<'auditLog', RootSql> = {
  async auditLog(args, _ctx, node, scope) {
    const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
    const filter = args.filter ? await validInstance(AuditFilter, args.filter as Record<string, unknown>) : undefined;
    if (!list || filter === null) return null;
    const where = auditConditions(filter);
    const page = toPage(list);
    return offsetListSql({ typeName: 'AuditEntry', table: 'audit_log', alias: 'a', where: scope.params.inline(where.sql, where.params) }, 'a.seq desc', page, node, scope);
  },
};

readRoots(auditRoots);
