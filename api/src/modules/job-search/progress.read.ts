import type { FieldNode } from 'graphql';
import { column, flatten, isoSql, toOne, type FieldScope, type FieldSql, type JsonType } from '../../read/json-select';
import { LearnerRead } from '../learners/learner.read';
import { readRoots, validInstance } from '../../read/root';
import { DAILY_ROWS, ProgressService, WEEKLY_ROWS, WINDOW_COUNTS, windowCtes } from './progress.service';
import { decodeCursor, ProgressArgs, ProgressFilter } from './progress.resolver';
import { assertCanReadLearner } from '../learners/learner.service';
import { requireId } from '../../common/query';

/**
 * Job-search progress compiled: the same window CTEs as ProgressService (`args`, `page`, `w`), with each
 * LearnerProgress field built in the statement. requiredActivities and goals are not compiled (a document
 * asking for them runs through the resolvers).
 */

/** A list of rows of `type` from `rowsSql` (aliased `d`), in `order`; [] when there are none. */
const listOf =
  (typeName: string, rowsSql: string, order: string): FieldSql =>
  (_a, scope, node) => {
    const obj = scope.object(typeName, node, 'd');
    return obj === null ? null : `(select coalesce(json_agg(${obj} order by d.${order}), '[]'::json) from (${rowsSql}) d)`;
  };

const DayCountJson: JsonType = {
  name: 'DayCount',
  from: () => '',
  fields: { date: column('date'), applications: column('applications'), interviews: column('interviews') },
};

const WeekCountJson: JsonType = {
  name: 'WeekCount',
  from: () => '',
  fields: { moduleWeek: column('module_week'), applications: column('applications'), interviews: column('interviews') },
};

const FunnelJson: JsonType = {
  name: 'FunnelView',
  from: () => '',
  fields: { applications: column('applications'), phoneScreens: column('phone_screens'), interviews: column('interviews'), offers: column('offers') },
};

/** The learner's last Huntr action, as the ORM reads it (milliseconds). */
const lastHuntr = (w: string) => `(select date_trunc('milliseconds', max(h.received_at)) from huntr_actions h where h.learner_id = ${w}.id)`;

export const LearnerProgressJson: JsonType = {
  name: 'LearnerProgress',
  from: () => '',
  fields: {
    learnerId: column('id'),
    status: column('status'),
    moduleWeek: column('module_week'),
    timeZone: column('time_zone'),
    days: () => 'args.days',
    windowStart: (w) => isoSql(`${w}.window_start`),
    windowEnd: () => isoSql('args.now'),
    // From the lateral count the nodes join in (see nodesSql).
    applications: () => 'c.applications',
    interviews: () => 'c.interviews',
    daily: listOf('DayCount', DAILY_ROWS, 'date'),
    weekly: listOf('WeekCount', WEEKLY_ROWS, 'module_week'),
    lastHuntrActionAt: (w) => isoSql(lastHuntr(w)),
    daysSinceHuntrAction: (w) => `floor(extract(epoch from (args.now - ${lastHuntr(w)})) / 86400)::int`,
    funnel: (w, scope, node) => {
      const obj = scope.object('FunnelView', node, 'f');
      return obj === null
        ? null
        : `(select ${obj} from (select count(*) filter (where a.kind = 'APPLICATION')::int as applications,
                                       count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN')::int as phone_screens,
                                       count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN')::int as interviews,
                                       (select count(*)::int from coach_alerts o where o.learner_id = ${w}.id) as offers
                                from job_activities a where a.learner_id = ${w}.id) f)`;
    },
    learner: toOne(() => ({ name: LearnerRead.name, from: (a) => `${LearnerRead.table} ${a}`, fields: {} }), (w, l) => `${l}.id = ${w}.id`),
  },
};

const PROGRESS_TYPES: JsonType[] = [DayCountJson, WeekCountJson, FunnelJson, LearnerProgressJson];

/** The JSON array of the first `first` learners of `w`, each a LearnerProgress object for `node`'s selection. */
function nodesSql(node: FieldNode, scope: FieldScope, first: string): string | null {
  const obj = scope.object('LearnerProgress', node, 'w');
  if (obj === null) return null;
  const fields = node.selectionSet ? flatten(node.selectionSet, scope.fragments, 'LearnerProgress') : null;
  const counts = fields?.some((f) => f.name === 'applications' || f.name === 'interviews');
  return `(select coalesce(json_agg(${obj} order by w.id), '[]'::json)
           from (select * from w order by w.id limit ${first}) w cross join args
           ${counts ? `left join lateral (${WINDOW_COUNTS}) c on true` : ''})`;
}

readRoots(
  {
  async progress(args, ctx, node, scope) {
    const page = await validInstance(ProgressArgs, { first: args.first, after: args.after, days: args.days });
    const filter = args.filter ? await validInstance(ProgressFilter, args.filter as Record<string, unknown>) : {};
    if (!page || !filter || !node.selectionSet) return null;
    const after = page.after ? decodeCursor(page.after) : null;
    const { where, params } = new ProgressService(ctx.em, () => ctx.clock.now()).conditions(ctx.viewer!, filter);
    const condition = where.length ? where.join(' and ') : 'true';
    const p = scope.params;
    // Added when a part that pages is selected: a parameter the statement never uses has no type PostgreSQL can infer.
    let firstParam: string | undefined;
    const first = () => (firstParam ??= p.add(page.first));
    const ctes = p.inline(windowCtes(condition, after !== null), [p.clock, page.days, ...params, ...(after ? [after] : []), page.first + 1]);
    const fields = flatten(node.selectionSet, scope.fragments, 'ProgressConnection');
    if (!fields) return null;
    const pairs: string[] = [];
    for (const f of fields) {
      let sql: string | null = null;
      if (f.name === '__typename') sql = `'ProgressConnection'`;
      else if (f.name === 'totalCount') sql = `(select count(*)::int from learners l where ${p.inline(condition, params)})`;
      else if (f.name === 'nodes') sql = nodesSql(f.node, scope, first());
      else if (f.name === 'pageInfo' && f.node.selectionSet) {
        const info = flatten(f.node.selectionSet, scope.fragments, 'ProgressPageInfo');
        if (!info) return null;
        const parts: string[] = [];
        for (const i of info) {
          if (i.name === '__typename') parts.push(`'${i.key}'`, `'ProgressPageInfo'`);
          else if (i.name === 'hasNextPage') parts.push(`'${i.key}'`, `((select count(*) from w) > ${first()})`);
          else if (i.name === 'endCursor') {
            parts.push(`'${i.key}'`, `(select translate(encode(convert_to('learner:' || x.id, 'UTF8'), 'base64'), E'+/=\\n', '-_')
                                       from (select id from w order by id limit ${first()}) x order by x.id desc limit 1)`);
          } else return null;
        }
        sql = `json_build_object(${parts.join(', ')})`;
      }
      if (sql === null) return null;
      pairs.push(`'${f.key}'`, sql);
    }
    return `(with ${ctes} select json_build_object(${pairs.join(', ')}))`;
  },

  async learnerProgress(args, ctx, node, scope) {
    const id = requireId(String(args.learnerId), 'learnerId');
    assertCanReadLearner(ctx.viewer!, id);
    const days = args.days as number;
    new ProgressService(ctx.em, () => ctx.clock.now()).checkDays(days); // throws: the resolvers give the error
    const coach = ctx.viewer!.client?.coachId;
    const p = scope.params;
    const ctes = p.inline(windowCtes(`l.id = ?::uuid${coach ? ' and l.coach_id = ?' : ''}`, false), [p.clock, days, id, ...(coach ? [coach] : []), 1]);
    const nodes = nodesSql(node, scope, '1');
    // No such learner (or not this key's): null, which the caller turns into the resolvers' NOT_FOUND.
    return nodes === null ? null : `(with ${ctes} select ${nodes} -> 0)`;
  },
},
  PROGRESS_TYPES,
);
