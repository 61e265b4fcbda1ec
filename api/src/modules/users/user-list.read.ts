import { userConditions, userSort } from './user.service';
import { UserFilter } from './user.inputs';
import { ListArgs, toPage } from '../../common/pagination';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { countSql, offsetListSql } from '../../read/connection';
import type { FieldScope } from '../../read/json-select';

/**
 * The console's users list (`allUsers`, `_allUsersMeta`) compiled from the same conditions and order
 * (userConditions, userSort) UserService.list and count read: one statement for the page, page first.
 */
async function source(args: Record<string, unknown>, scope: FieldScope) {
  const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
  const filter = args.filter ? await validInstance(UserFilter, args.filter as Record<string, unknown>) : undefined;
  if (!list || filter === null) return null;
  const where = userConditions(filter);
  const page = toPage(list);
  return {
    source: { typeName: 'User', table: 'users', alias: 'u', where: scope.params.inline(where.sql, where.params) },
    order: userSort(list.sortField, page.direction),
    page,
  };
}

export const userRoots: Record<'allUsers' | '_allUsersMeta', RootSql> = {
  async allUsers(args, _ctx, node, scope) {
    const s = await source(args, scope);
    return s && offsetListSql(s.source, s.order, s.page, node, scope);
  },
  async _allUsersMeta(args, _ctx, node, scope) {
    const s = await source(args, scope);
    return s && countSql(s.source, node, scope);
  },
};

readRoots(userRoots);
