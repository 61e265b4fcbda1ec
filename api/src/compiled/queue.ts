import { ListArgs } from '../common/pagination';
import { SubmissionFilter } from '../modules/submissions/review.inputs';
import { ReviewService } from '../modules/submissions/review.service';
import { validInstance, type RootSql } from './root';

/** The review queue compiled: the same conditions, order and page as ReviewService.list. */
export const QUEUE_ROOTS: Record<string, RootSql> = {
  async reviewQueue(args, ctx, node, scope) {
    const list = await validInstance(ListArgs, { page: args.page, perPage: args.perPage, sortField: args.sortField, sortOrder: args.sortOrder });
    const filter = args.filter ? await validInstance(SubmissionFilter, args.filter as Record<string, unknown>) : undefined;
    if (!list || filter === null) return null;
    const plan = new ReviewService(ctx.em, () => scope.params.nowValueForConditions).listPlan(ctx.viewer!, list, filter, true);
    const item = scope.object('Submission', node, 's');
    if (item === null) return null;
    const p = scope.params;
    const sql = `(select coalesce(json_agg(${item} order by ${plan.order}), '[]'::json)
             from (select s.* from submissions s where ${p.inline(plan.where.sql, plan.where.params)}
                   order by ${plan.order} limit ${p.add(plan.page.limit)} offset ${p.add(plan.page.offset)}) s)`;
    // Submissions with their learners, logins, coaches, feedback and the review targets behind their due times.
    return { sql, tables: ['submissions', 'learners', 'users', 'feedback', 'review_targets'] };
  },
};
