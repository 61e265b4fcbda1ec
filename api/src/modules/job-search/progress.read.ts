import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { column, flatten, isoSql, toOne, type FieldScope, type FieldSql, type JsonType } from '../../read/json-select';
import { LearnerRead } from '../learners/learner.read';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { checkDays, DAILY_ROWS, progressConditions, WEEKLY_ROWS, WINDOW_COUNTS, windowCtes } from './progress.sql';
import { decodeCursor, ProgressArgs, ProgressFilter } from './progress.inputs';
import { assertCanReadLearner } from '../learners/learner.service';
import { requireId } from '../../common/query';

/**
 * Job-search progress, one definition per field: the window CTEs (`args`, `page`, `w`) and each LearnerProgress
 * field as the SQL that builds it. Compiled reads answer with it whole; the resolvers ask it for the fields a
 * document names (progressSelection). Only requiredActivities (the compliance rules) and learner have resolvers
 * of their own.
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

const GoalActualJson: JsonType = {
  name: 'GoalActual',
  from: () => '',
  fields: { area: column('area'), statement: column('statement'), weeklyTarget: column('weekly_target'), actualThisWeek: column('actual_this_week') },
};

/** The goals of `w`'s latest SMART goals submission, in its order, with this module week's applications against APPLICATIONS. */
const goalRows = (w: string) => `select x.ord, x.goal ->> 'area' as area, x.goal ->> 'statement' as statement, (x.goal ->> 'weeklyTarget')::int as weekly_target,
         case when x.goal ->> 'area' = 'APPLICATIONS' then
           (select count(*)::int from job_activities a
            where a.learner_id = ${w}.id and a.kind = 'APPLICATION' and a.occurred_at <= args.now
              and a.occurred_at >= ((${w}.module_start_date + 7 * (${w}.module_week - 1))::timestamp at time zone ${w}.time_zone))
         end as actual_this_week
  from jsonb_array_elements(coalesce((select s.content -> 'smartGoals' -> 'goals' from submissions s
                                      where s.learner_id = ${w}.id and s.kind = 'SMART_GOALS' order by s.submitted_at desc limit 1), '[]'::jsonb))
       with ordinality x(goal, ord)`;

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
    goals: (w, scope, node) => {
      const obj = scope.object('GoalActual', node, 'g');
      return obj === null ? null : `(select coalesce(json_agg(${obj} order by g.ord), '[]'::json) from (${goalRows(w)}) g)`;
    },
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

const PROGRESS_TYPES: JsonType[] = [DayCountJson, WeekCountJson, GoalActualJson, FunnelJson, LearnerProgressJson];

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

/** The whole of each nested object: a resolver's selection asks for all of it (they are a few numbers each). */
const NESTED: Record<string, string> = {
  daily: 'daily { date applications interviews }',
  weekly: 'weekly { moduleWeek applications interviews }',
  goals: 'goals { area statement weeklyTarget actualThisWeek }',
  funnel: 'funnel { applications phoneScreens interviews offers }',
};

const parsedNodes = new Map<string, FieldNode>();

/**
 * The selection a resolver asks the roots for, keyed by field name: the LearnerProgress fields the document names
 * (under any alias or fragment) that the SQL builds, with learnerId and moduleWeek always (the learner and
 * requiredActivities resolvers read them). `connection`: wrapped as a ProgressConnection's nodes.
 */
export function progressSelection(root: 'progress' | 'learnerProgress', fields: ReadonlySet<string>, connection?: { totalCount: boolean }): FieldNode {
  const names = new Set(['learnerId', 'moduleWeek', ...[...fields].filter((f) => f in LearnerProgressJson.fields && f !== 'learner')]);
  const nodes = [...names].map((n) => NESTED[n] ?? n).join(' ');
  const text = connection ? `${root} { ${connection.totalCount ? 'totalCount ' : ''}nodes { ${nodes} } pageInfo { endCursor hasNextPage } }` : `${root} { ${nodes} }`;
  let node = parsedNodes.get(text);
  if (!node) {
    node = (parse(`{ ${text} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    if (parsedNodes.size >= 1_000) parsedNodes.clear();
    parsedNodes.set(text, node);
  }
  return node;
}

/** The SQL of the progress roots: compiled reads answer with it, and so do the resolvers (progressSelection). */
export const progressRoots: Record<'progress' | 'learnerProgress', RootSql> = {
  async progress(args, ctx, node, scope) {
    const page = await validInstance(ProgressArgs, { first: args.first, after: args.after, days: args.days });
    const filter = args.filter ? await validInstance(ProgressFilter, args.filter as Record<string, unknown>) : {};
    if (!page || !filter || !node.selectionSet) return null;
    const after = page.after ? decodeCursor(page.after) : null;
    const { where, params } = progressConditions(ctx.viewer!, filter);
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
    checkDays(days);
    const coach = ctx.viewer!.client?.coachId;
    const p = scope.params;
    const ctes = p.inline(windowCtes(`l.id = ?::uuid${coach ? ' and l.coach_id = ?' : ''}`, false), [p.clock, days, id, ...(coach ? [coach] : []), 1]);
    const nodes = nodesSql(node, scope, '1');
    // No such learner (or not this key's): null, which the caller turns into the resolvers' NOT_FOUND.
    return nodes === null ? null : `(with ${ctes} select ${nodes} -> 0)`;
  },
};

readRoots(progressRoots, PROGRESS_TYPES);
