import type { FieldNode } from 'graphql';
import { ID, Int } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { computed, extendReadType, sqlType } from '../../read/declare';
import { column, isoSql, SqlParams, type FieldScope } from '../../read/json-select';
import { compilerFor, fieldNode, readRoots } from '../../read/root';
import { preparedQuery } from '../../common/sql';
import { LearnerRead, moduleWeekSql } from '../learners/learner.read';
import { SubmissionKind } from '../submissions/submission-kind';
import { RequiredActivityStatus } from './compliance.types';

/** Module week N of learner `l` as instants: local midnights, so daylight-saving changes never move the edges. */
export const weekStart = (l: string, week: string) => `((${l}.module_start_date + 7 * (${week} - 1))::timestamp at time zone ${l}.time_zone)`;
export const weekEnd = (l: string, week: string) => `((${l}.module_start_date + 7 * ${week})::timestamp at time zone ${l}.time_zone)`;

/**
 * The rule, in SQL, that a required activity `r` (required_activities) applies to a learner-week `w` (with week,
 * week_start and week_end): the week is its module week (or the rule is for every week), the week started at or
 * after the rule came into force and ended before it was retired.
 */
export const ruleApplies = (r: string, w: string) => `(${r}.module_week is null or ${r}.module_week = ${w}.week)
  and ${r}.applies_from <= ${w}.week_start and (${r}.retired_at is null or ${r}.retired_at >= ${w}.week_end)`;

const col = (type: () => object, name: string, description: string, nullable = false) => ({ type, nullable, description, sql: column(name), reads: [] as string[] });

/** RequiredActivityStatus over one row of requiredActivitiesSql's rows (`x`). */
const RequiredActivityStatusRead = sqlType(RequiredActivityStatus, {
  requiredActivityId: col(() => ID, 'required_activity_id', 'The rule (RequiredActivity) this comes from.'),
  kind: col(() => SubmissionKind, 'kind', 'The kind of submission that meets it.'),
  title: col(() => String, 'title', 'As learners read it, e.g. "Weekly retrospective".'),
  description: col(() => String, 'description', 'More detail (may be empty).'),
  moduleWeek: col(() => Int, 'module_week', 'The module week this is for.'),
  weekStartsAt: { type: () => Date, description: 'Start of the module week (learner-local midnight).', sql: (x) => isoSql(`${x}.week_start`), reads: [] },
  dueAt: {
    type: () => Date,
    description: 'End of the module week: the learner-local midnight after its last day. A submission counts if sent before this instant.',
    sql: (x) => isoSql(`${x}.week_end`),
    reads: [],
  },
  dueLocal: {
    type: () => String,
    description: 'The last minute of the week as the learner reads it, e.g. "2026-11-22 23:59 (America/Bogota)".',
    sql: (x) => `to_char((${x}.week_end - interval '1 minute') at time zone ${x}.time_zone, 'YYYY-MM-DD HH24:MI') || ' (' || ${x}.time_zone || ')'`,
    reads: [],
  },
  met: { type: () => Boolean, description: 'True when a submission of this kind was sent within the week (a review is not needed).', sql: (x) => `(${x}.submission_id is not null)`, reads: [] },
  submissionId: col(() => ID, 'submission_id', 'The first submission that met it, if any.', true),
  metAt: { type: () => Date, nullable: true, description: 'When that submission was sent.', sql: (x) => isoSql(`${x}.submitted_at`), reads: [] },
});

readRoots({}, [RequiredActivityStatusRead]);

/** Every field of RequiredActivityStatus: what a resolver (no selection of its own) is given. */
const WHOLE = fieldNode('requiredActivities { requiredActivityId kind title description moduleWeek weekStartsAt dueAt dueLocal met submissionId metAt }');

/**
 * The required activities of module week `week` (SQL, an integer; null: none) of learner `l` (a learners row, or
 * any row with id, time_zone and module_start_date), each with whether it is met, as a JSON array built for the
 * selection `node` (every field when undefined). The one definition: the learner's and the progress page's
 * `requiredActivities`, and the road map's, are this SQL.
 */
export function requiredActivitiesSql(l: string, week: string, scope: FieldScope, node: FieldNode | undefined): string | null {
  const [n, k, r, s, x] = ['n', 'k', 'r', 's', 'x'].map((p) => scope.params.alias(p));
  const object = scope.object('RequiredActivityStatus', node ?? WHOLE, x);
  if (object === null) return null;
  return `(select coalesce(json_agg(${object} order by ${x}.rule_week nulls last, ${x}.kind, ${x}.title, ${x}.required_activity_id), '[]'::json)
     from (select ${r}.id as required_activity_id, ${r}.kind, ${r}.title, ${r}.description, ${r}.module_week as rule_week, ${k}.week as module_week,
                  ${k}.week_start, ${k}.week_end, ${l}.time_zone, ${s}.id as submission_id, ${s}.submitted_at
           from (select ${n}.week, ${weekStart(l, `${n}.week`)} as week_start, ${weekEnd(l, `${n}.week`)} as week_end
                 from (select (${week})::int as week) ${n} where ${n}.week is not null) ${k}
           join required_activities ${r} on ${ruleApplies(r, k)}
           left join lateral (
             select ${s}.id, ${s}.submitted_at from submissions ${s}
             where ${s}.learner_id = ${l}.id and ${s}.kind = ${r}.kind and ${s}.submitted_at >= ${k}.week_start and ${s}.submitted_at < ${k}.week_end
             order by ${s}.submitted_at limit 1) ${s} on true) ${x})`;
}

const MAX_WEEK = 520;

extendReadType(LearnerRead, {
  requiredActivities: computed({
    type: () => [RequiredActivityStatus],
    description:
      "The required activities of a module week and whether each is met. Default: this week, in the learner's zone; empty before the module starts.",
    args: {
      moduleWeek: {
        type: () => Int,
        description: 'Which module week (default: the current one).',
        check: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_WEEK ? null : `moduleWeek must be from 1 to ${MAX_WEEK}`),
      },
    },
    sql: (l, scope, node, args) =>
      requiredActivitiesSql(l, args.moduleWeek != null ? `${scope.params.add(args.moduleWeek)}::int` : moduleWeekSql(l, scope.params.now), scope, node),
    reads: ['required_activities', 'submissions'],
    clock: true,
  }),
});

/** One learner's required activities of a module week (the road map's), every field. One statement. */
export async function requiredActivitiesOf(em: EntityManager, now: Date, learnerId: string, week: number): Promise<RequiredActivityStatus[]> {
  const params = new SqlParams(now);
  const scope = compilerFor(em).scope(params, {}, { userId: '', role: '' });
  const sql = requiredActivitiesSql('l', `${params.add(week)}::int`, scope, undefined)!;
  const [row] = await preparedQuery<{ v: RequiredActivityStatus[] }>(em, `select ${sql} as v from learners l where l.id = ${params.add(learnerId)}::uuid`, params.values);
  return row?.v ?? [];
}
