import type { Context } from '../../context';
import { ListArgs } from '../../common/pagination';
import { SubmissionFilter } from './review.inputs';
import { ReviewService } from './review.service';
import type { FieldScope } from '../../read/json-select';
import { readRoots, validInstance } from '../../read/root';

/** The queue's conditions, order and page for these arguments, as ReviewService.list has them; null if the arguments are invalid. */
async function queuePlan(args: Record<string, unknown>, ctx: Context, scope: FieldScope) {
  const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
  const filter = args.filter ? await validInstance(SubmissionFilter, args.filter as Record<string, unknown>) : undefined;
  if (!list || filter === null) return null;
  const plan = new ReviewService(ctx.rootEm, () => scope.params.clock).listPlan(ctx.viewer!, list, filter, true);
  return { ...plan, where: scope.params.inline(plan.where.sql, plan.where.params) };
}

/** The review queue compiled: the page (ReviewService.list) and the count behind it (ReviewService.count). */
readRoots({
  async reviewQueue(args, ctx, node, scope) {
    const plan = await queuePlan(args, ctx, scope);
    const item = plan && scope.object('Submission', node, 's');
    if (!plan || item === null) return null;
    const p = scope.params;
    const sql = `(select coalesce(json_agg(${item} order by ${plan.order}), '[]'::json)
             from (select s.* from submissions s where ${plan.where}
                   order by ${plan.order} limit ${p.add(plan.page.limit)} offset ${p.add(plan.page.offset)}) s)`;
    return sql;
  },

  async _reviewQueueMeta(args, ctx, node, scope) {
    const plan = await queuePlan(args, ctx, scope);
    const meta = plan && scope.object('ListMetadata', node, 'm');
    if (!plan || meta === null) return null;
    return `(select ${meta} from (select count(*)::int as count from submissions s where ${plan.where}) m)`;
  },
});
