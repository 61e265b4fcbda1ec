import type { FieldNode } from 'graphql';
import { ID, Int } from 'type-graphql';
import { sqlType } from '../../read/declare';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { GoalArea } from '../submissions/submission-content';
import { DayCount, FunnelView, GoalActual, LearnerProgress, WeekCount } from './progress.types';
import { column, flatten, isoSql, toOne, type FieldScope, type FieldSql, type JsonType } from '../../read/json-select';
import { LearnerRead } from '../learners/learner.read';
import { requiredActivitiesSql } from '../compliance/compliance.read';
import { RequiredActivityStatus } from '../compliance/compliance.types';
import { fieldNode, readRoots, validInstance, type RootSql } from '../../read/root';
import { checkDays, DAILY_ROWS, progressConditions, WEEKLY_ROWS, WINDOW_COUNTS, windowCtes } from './progress.sql';
import { decodeCursor, ProgressArgs, ProgressFilter } from './progress.inputs';
import { assertCanReadLearner } from '../learners/learner.service';
import { requireId } from '../../common/query';

/**
 * Job-search progress, one definition per field: the window CTEs (`args`, `page`, `w`) and each LearnerProgress
 * field as the SQL that builds it. Compiled reads answer with it whole; the resolvers ask it for the fields a
 * document names (progressSelection). Only learner (an entity, batched by id) has a resolver of its own.
 */

/** A list of rows of `type` from `rowsSql` (aliased `d`), in `order`; [] when there are none. */
const listOf =
  (typeName: string, rowsSql: string, order: string): FieldSql =>
  (_a, scope, node) => {
    const obj = scope.object(typeName, node, 'd');
    return obj === null ? null : `(select coalesce(json_agg(${obj} order by d.${order}), '[]'::json) from (${rowsSql}) d)`;
  };

/** A plain column of the row under the alias. */
const col = (type: () => object, name: string, description: string, nullable = false) =>
  ({ type, nullable, description, sql: column(name), reads: [] as string[] });

const DayCountRead = sqlType(DayCount, {
  date: col(() => String, 'date', 'The date (YYYY-MM-DD), learner-local.'),
  applications: col(() => Int, 'applications', 'Applications that day.'),
  interviews: col(() => Int, 'interviews', 'Interviews that day.'),
});

const WeekCountRead = sqlType(WeekCount, {
  moduleWeek: col(() => Int, 'module_week', 'The module week.'),
  applications: col(() => Int, 'applications', 'Applications that week.'),
  interviews: col(() => Int, 'interviews', 'Interviews that week.'),
});

const GoalActualRead = sqlType(GoalActual, {
  area: col(() => GoalArea, 'area', 'The area.'),
  statement: col(() => String, 'statement', 'The goal as the learner wrote it.'),
  weeklyTarget: col(() => Int, 'weekly_target', 'The weekly target, if the goal has one.', true),
  actualThisWeek: col(() => Int, 'actual_this_week', 'This module week so far, where Waypoint measures the area (applications); null elsewhere.', true),
});

const FunnelRead = sqlType(FunnelView, {
  applications: col(() => Int, 'applications', 'Applications.'),
  phoneScreens: col(() => Int, 'phone_screens', 'Phone screens.'),
  interviews: col(() => Int, 'interviews', 'Interviews after the screen (phone or on site; interviews of unknown stage count here).'),
  offers: col(() => Int, 'offers', 'Offers received (from Huntr).'),
});

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

/** The learner's last Huntr action, as the ORM reads it (milliseconds). */
const lastHuntr = (w: string) => `(select date_trunc('milliseconds', max(h.received_at)) from huntr_actions h where h.learner_id = ${w}.id)`;

/**
 * LearnerProgress over `w` (a learner with its window, windowCtes) and `args` (now, days); applications and
 * interviews come from the lateral count `c` that nodesSql joins in when they are selected.
 */
export const LearnerProgressRead = sqlType(
  LearnerProgress,
  {
    learnerId: col(() => ID, 'id', 'The learner.'),
    status: col(() => EnrollmentStatus, 'status', 'Enrollment status.'),
    moduleWeek: { ...col(() => Int, 'module_week', 'Module week today; null before the module starts.', true), clock: true },
    timeZone: col(() => String, 'time_zone', "The learner's time zone (the days are counted in it)."),
    days: { type: () => Int, description: 'Days in the window.', sql: () => 'args.days', reads: [] },
    windowStart: { type: () => Date, description: 'Start of the window: learner-local midnight, `days - 1` days before today.', sql: (w) => isoSql(`${w}.window_start`), reads: [], clock: true },
    windowEnd: { type: () => Date, description: 'End of the window: now.', sql: () => isoSql('args.now'), reads: [], clock: true },
    applications: { type: () => Int, description: 'Applications in the window.', sql: () => 'c.applications', reads: ['job_activities'], clock: true },
    interviews: { type: () => Int, description: 'Interviews in the window.', sql: () => 'c.interviews', reads: ['job_activities'], clock: true },
    daily: { type: () => [DayCount], description: 'One entry per day of the window, oldest first (zeros included).', sql: listOf('DayCount', DAILY_ROWS, 'date'), reads: ['job_activities'], clock: true },
    weekly: { type: () => [WeekCount], description: 'The last 12 module weeks, oldest first, the current one included.', sql: listOf('WeekCount', WEEKLY_ROWS, 'module_week'), reads: ['job_activities'], clock: true },
    goals: {
      type: () => [GoalActual],
      description: 'Goals from the latest SMART goals submission, against actual.',
      sql: (w, scope, node) => {
        const obj = scope.object('GoalActual', node, 'g');
        return obj === null ? null : `(select coalesce(json_agg(${obj} order by g.ord), '[]'::json) from (${goalRows(w)}) g)`;
      },
      reads: ['submissions', 'job_activities'],
      clock: true,
    },
    requiredActivities: {
      type: () => [RequiredActivityStatus],
      description: "This module week's required activities and whether each is met.",
      sql: (w, scope, node) => requiredActivitiesSql(w, `${w}.module_week`, scope, node),
      reads: ['required_activities', 'submissions'],
      clock: true,
    },
    lastHuntrActionAt: { type: () => Date, nullable: true, description: "When the learner's last Huntr action happened in Huntr (null: never).", sql: (w) => isoSql(lastHuntr(w)), reads: ['huntr_actions'] },
    daysSinceHuntrAction: {
      type: () => Int,
      nullable: true,
      description: 'Whole days since then ("no Huntr activity for 5 days"); null if never.',
      sql: (w) => `floor(extract(epoch from (args.now - ${lastHuntr(w)})) / 86400)::int`,
      reads: ['huntr_actions'],
      clock: true,
    },
    funnel: {
      type: () => FunnelView,
      description: "The learner's funnel over all their activity.",
      sql: (w, scope, node) => {
        const obj = scope.object('FunnelView', node, 'f');
        return obj === null
          ? null
          : `(select ${obj} from (select count(*) filter (where a.kind = 'APPLICATION')::int as applications,
                                         count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN')::int as phone_screens,
                                         count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN')::int as interviews,
                                         (select count(*)::int from coach_alerts o where o.learner_id = ${w}.id) as offers
                                  from job_activities a where a.learner_id = ${w}.id) f)`;
      },
      reads: ['job_activities', 'coach_alerts'],
    },
  },
  // The learner itself: its GraphQL field is the resolver's (an entity, batched by id).
  { learner: toOne(() => ({ name: LearnerRead.name, from: (a) => `${LearnerRead.table} ${a}`, fields: {} }), (w, l) => `${l}.id = ${w}.id`) },
);

const PROGRESS_TYPES: JsonType[] = [DayCountRead, WeekCountRead, GoalActualRead, FunnelRead, LearnerProgressRead];

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
  requiredActivities: 'requiredActivities { requiredActivityId kind title description moduleWeek weekStartsAt dueAt dueLocal met submissionId metAt }',
};

/**
 * The selection a resolver asks the roots for, keyed by field name: the LearnerProgress fields the document names
 * (under any alias or fragment) that the SQL builds, with learnerId always (the learner resolver reads it). `connection`: wrapped as a ProgressConnection's nodes.
 */
export function progressSelection(root: 'progress' | 'learnerProgress', fields: ReadonlySet<string>, connection?: { totalCount: boolean }): FieldNode {
  const names = new Set(['learnerId', ...[...fields].filter((f) => f in LearnerProgressRead.fields && f !== 'learner')]);
  const nodes = [...names].map((n) => NESTED[n] ?? n).join(' ');
  const text = connection ? `${root} { ${connection.totalCount ? 'totalCount ' : ''}nodes { ${nodes} } pageInfo { endCursor hasNextPage } }` : `${root} { ${nodes} }`;
  return fieldNode(text);
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
