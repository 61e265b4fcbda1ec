import type { EntityManager } from '@mikro-orm/postgresql';
import { ComplianceService } from '../compliance/compliance.service';
import type { RequiredActivityStatus } from '../compliance/compliance.types';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { Role } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput } from '../../common/errors';
import { pgArray, preparedQuery } from '../../common/sql';

/** How many module weeks back the weekly series goes. */
export const WEEKLY_SERIES_WEEKS = 12;

export interface DayCount {
  date: string;
  applications: number;
  interviews: number;
}

export interface WeekCount {
  moduleWeek: number;
  applications: number;
  interviews: number;
}

export interface GoalActual {
  area: string;
  statement: string;
  weeklyTarget: number | null;
  /** This module week's count where Waypoint measures the area (applications); null where it cannot. */
  actualThisWeek: number | null;
}

export interface LearnerProgressData {
  learnerId: string;
  status: EnrollmentStatus;
  moduleWeek: number | null;
  timeZone: string;
  days: number;
  windowStart: Date;
  windowEnd: Date;
  applications: number;
  interviews: number;
  daily: DayCount[];
  weekly: WeekCount[];
  goals: GoalActual[];
  requiredActivities: RequiredActivityStatus[];
  lastHuntrActionAt: Date | null;
  funnel: Funnel;
}

export interface Funnel {
  applications: number;
  phoneScreens: number;
  interviews: number;
  offers: number;
}

/**
 * The CTEs `args` (now, days), `page` (the learners' ids: condition, after the cursor, in id order, up to the
 * limit) and `w` (each learner with its local today, window start and module week), with `?` parameters in
 * this order: now, days, the condition's, the cursor (when `withAfter`), the limit.
 */
export function windowCtes(condition: string, withAfter: boolean): string {
  return `args as (select ?::timestamptz as now, ?::int as days),
       page as (select l.id from learners l where ${condition} ${withAfter ? 'and l.id > ?' : ''} order by l.id limit ?),
       w as (
         select l.id, l.time_zone, l.module_start_date, l.status, t.today, t.today - (args.days - 1) as first_day,
                ((t.today - (args.days - 1))::timestamp at time zone l.time_zone) as window_start,
                case when t.today >= l.module_start_date then (t.today - l.module_start_date) / 7 + 1 end as module_week
         from page join learners l on l.id = page.id cross join args
         cross join lateral (select (args.now at time zone l.time_zone)::date as today) t
       )`;
}

/** What a request asked for: only these parts are computed (the rest of the object stays empty). */
export type ProgressPart = 'total' | 'counts' | 'daily' | 'weekly' | 'goals' | 'required' | 'lastHuntr' | 'funnel';

/** Every part: for callers that want the whole object. */
export const ALL_PARTS: ReadonlySet<ProgressPart> = new Set(['total', 'counts', 'daily', 'weekly', 'goals', 'required', 'lastHuntr', 'funnel']);

/** The parts needed to answer these LearnerProgress fields. */
export function partsFor(fields: Set<string>, withTotal = false): Set<ProgressPart> {
  const parts = new Set<ProgressPart>();
  if (withTotal) parts.add('total');
  if (fields.has('applications') || fields.has('interviews')) parts.add('counts');
  if (fields.has('daily')) parts.add('daily');
  if (fields.has('weekly')) parts.add('weekly');
  if (fields.has('goals')) parts.add('goals');
  if (fields.has('requiredActivities')) parts.add('required');
  if (fields.has('lastHuntrActionAt') || fields.has('daysSinceHuntrAction')) parts.add('lastHuntr');
  if (fields.has('funnel')) parts.add('funnel');
  return parts;
}

/** Applications and interviews of the activities `a` matching a condition, as two int columns. */
const COUNTS = `count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews`;

/**
 * Rows (date, applications, interviews): one per learner-local day of the window of `w`, zeros included; the
 * activities come from an index range scan. Over `w` (the learner with its local today and window) and `args`.
 */
export const DAILY_ROWS = `select d.day::date::text as date, coalesce(x.applications, 0) as applications, coalesce(x.interviews, 0) as interviews
           from generate_series(w.first_day, w.today, interval '1 day') d(day)
           left join (select (a.occurred_at at time zone w.time_zone)::date as day, ${COUNTS}
                      from job_activities a where a.learner_id = w.id and a.occurred_at >= w.window_start and a.occurred_at <= args.now
                      group by 1) x on x.day = d.day::date`;

/** Rows (module_week, applications, interviews): the last WEEKLY_SERIES_WEEKS module weeks of `w` up to the current one. */
export const WEEKLY_ROWS = `select g.wk as module_week, coalesce(x.applications, 0) as applications, coalesce(x.interviews, 0) as interviews
            from generate_series(greatest(1, w.module_week - ${WEEKLY_SERIES_WEEKS - 1}), w.module_week) g(wk)
            left join (select ((a.occurred_at at time zone w.time_zone)::date - w.module_start_date) / 7 + 1 as wk, ${COUNTS}
                       from job_activities a
                       where a.learner_id = w.id and a.occurred_at <= args.now
                         and a.occurred_at >= ((w.module_start_date + 7 * (greatest(1, w.module_week - ${WEEKLY_SERIES_WEEKS - 1}) - 1))::timestamp at time zone w.time_zone)
                       group by 1) x on x.wk = g.wk`;

/** The window's applications and interviews of `w`, as two int columns. */
export const WINDOW_COUNTS = `select ${COUNTS} from job_activities a where a.learner_id = w.id and a.occurred_at >= w.window_start and a.occurred_at <= args.now`;

/** Per part, the select-list expressions over `w` and `args` (now, days). */
const PART_SQL: Record<Exclude<ProgressPart, 'total' | 'counts' | 'required'>, string> = {
  daily: `(select json_agg(json_build_object('date', d.date, 'applications', d.applications, 'interviews', d.interviews) order by d.date) from (${DAILY_ROWS}) d) as daily`,
  weekly: `(select coalesce(json_agg(json_build_object('moduleWeek', d.module_week, 'applications', d.applications, 'interviews', d.interviews) order by d.module_week), '[]'::json)
            from (${WEEKLY_ROWS}) d) as weekly`,
  // The latest SMART goals, and this module week's applications to hold them against.
  goals: `(select s.content -> 'smartGoals' -> 'goals' from submissions s
           where s.learner_id = w.id and s.kind = 'SMART_GOALS' order by s.submitted_at desc limit 1) as goals,
          (select count(*)::int from job_activities a
           where a.learner_id = w.id and a.kind = 'APPLICATION' and a.occurred_at <= args.now
             and a.occurred_at >= ((w.module_start_date + 7 * (w.module_week - 1))::timestamp at time zone w.time_zone)) as week_applications`,
  lastHuntr: `(select max(h.received_at) from huntr_actions h where h.learner_id = w.id) as last_huntr`,
  // All activity; offers are the offer alerts Huntr raised.
  funnel: `(select json_build_object(
              'applications', count(*) filter (where a.kind = 'APPLICATION'),
              'phoneScreens', count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN'),
              'interviews', count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN'),
              'offers', (select count(*) from coach_alerts o where o.learner_id = w.id))
            from job_activities a where a.learner_id = w.id) as funnel`,
};

interface LearnerRow {
  id: string;
  time_zone: string;
  status: EnrollmentStatus;
  module_week: number | null;
  window_start: Date;
  total?: number;
  applications?: number;
  interviews?: number;
  daily?: DayCount[];
  weekly?: WeekCount[];
  goals?: { area: string; statement: string; weeklyTarget?: number | null }[] | null;
  week_applications?: number | null;
  last_huntr?: Date | null;
  funnel?: Funnel;
}

export interface ProgressFilter {
  ids?: string[];
  coachId?: string;
  status?: EnrollmentStatus;
}

const NO_FUNNEL: Funnel = { applications: 0, phoneScreens: 0, interviews: 0, offers: 0 };

/**
 * Job-search progress of many learners: one statement for the page of learners and every part asked for
 * (counts, series, goals, freshness, funnel, each a correlated subquery on the learner's index range), and one
 * more for this week's required activities when they are asked for. The window is rolling: the last `days`
 * learner-local days, today included, up to now; the local dates are worked out in PostgreSQL.
 */
export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** BAD_USER_INPUT on `days` unless it is 1 to 366. */
  checkDays(days: number): void {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'days must be from 1 to 366');
  }

  /** One page of learners by id, after a cursor, with the total matching the filter when `parts` has 'total'. */
  async page(viewer: Viewer, filter: ProgressFilter, first: number, after: string | null, days: number, parts: ReadonlySet<ProgressPart> = ALL_PARTS) {
    this.checkDays(days);
    const { where, params } = this.conditions(viewer, filter);
    const rows = await this.rows(where, params, after, first + 1, days, parts);
    const hasNextPage = rows.length > first;
    const learners = rows.slice(0, first);
    const totalCount = parts.has('total') ? (rows[0]?.total ?? (await this.total(where, params))) : 0;
    return { items: await this.build(learners, days, parts), totalCount, hasNextPage };
  }

  /** Which learners `l` a viewer's page holds (learners: themselves; a key limited to a coach: that coach's), as SQL with `?` parameters. */
  conditions(viewer: Viewer, filter: ProgressFilter): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (viewer.role === Role.LEARNER) {
      where.push('l.id = ?');
      params.push(viewer.learnerId);
    }
    if (filter.ids?.length) {
      where.push('l.id = any(?::uuid[])');
      params.push(pgArray(filter.ids));
    }
    if (filter.coachId) {
      where.push('l.coach_id = ?');
      params.push(filter.coachId);
    }
    if (filter.status) {
      where.push('l.status = ?');
      params.push(filter.status);
    }
    if (viewer.client?.coachId) {
      where.push('l.coach_id = ?');
      params.push(viewer.client.coachId);
    }
    return { where, params };
  }

  /** The total when the page after the cursor is empty (no row carried it). */
  private async total(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.em.execute(`select count(*)::int as n from learners l ${where.length ? `where ${where.join(' and ')}` : ''}`, params);
    return row.n;
  }

  /** The progress of these learners (an API key limited to a coach sees only that coach's). */
  async forLearners(ids: string[], days: number, viewer?: Viewer, parts: ReadonlySet<ProgressPart> = ALL_PARTS): Promise<LearnerProgressData[]> {
    this.checkDays(days);
    const coach = viewer?.client?.coachId;
    const rows = await this.rows(
      ['l.id = any(?::uuid[])', ...(coach ? ['l.coach_id = ?'] : [])],
      [pgArray(ids), ...(coach ? [coach] : [])],
      null,
      ids.length,
      days,
      parts,
    );
    const built = await this.build(rows, days, parts);
    const byId = new Map(built.map((p) => [p.learnerId, p]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  /** The page's learners (by id, after the cursor) with each asked-for part, in one statement. */
  private rows(where: string[], params: unknown[], after: string | null, limit: number, days: number, parts: ReadonlySet<ProgressPart>): Promise<LearnerRow[]> {
    const condition = where.length ? where.join(' and ') : 'true';
    const select = (Object.keys(PART_SQL) as (keyof typeof PART_SQL)[]).filter((p) => parts.has(p)).map((p) => PART_SQL[p]);
    // The window's totals come with the daily series when it is asked for; alone they are one lateral count.
    const counts = parts.has('counts') && !parts.has('daily');
    return preparedQuery<LearnerRow>(
      this.em,
      `with ${windowCtes(condition, after !== null)}
       select w.id, w.time_zone, w.status, w.module_week, w.window_start
              ${parts.has('total') ? `, (select count(*)::int from learners l where ${condition}) as total` : ''}
              ${counts ? ', c.applications, c.interviews' : ''}
              ${select.map((s) => `, ${s}`).join('')}
       from w cross join args
       ${counts ? `left join lateral (${WINDOW_COUNTS}) c on true` : ''}
       order by w.id`,
      [this.now(), days, ...params, ...(after ? [after] : []), limit, ...(parts.has('total') ? params : [])],
    );
  }

  private async build(learners: LearnerRow[], days: number, parts: ReadonlySet<ProgressPart>): Promise<LearnerProgressData[]> {
    if (!learners.length) return [];
    const now = this.now();
    const withWeek = learners.filter((l): l is LearnerRow & { module_week: number } => l.module_week !== null);
    const required = parts.has('required')
      ? await new ComplianceService(this.em, this.now).statusFor(withWeek.map((l) => ({ learnerId: l.id, week: l.module_week })))
      : [];
    const requiredById = new Map(required.map((r, i) => [withWeek[i].id, r]));
    return learners.map((l) => {
      const daily = l.daily ?? [];
      return {
        learnerId: l.id,
        status: l.status,
        moduleWeek: l.module_week,
        timeZone: l.time_zone,
        days,
        windowStart: new Date(l.window_start),
        windowEnd: now,
        applications: l.applications ?? daily.reduce((n, d) => n + d.applications, 0),
        interviews: l.interviews ?? daily.reduce((n, d) => n + d.interviews, 0),
        daily,
        weekly: l.weekly ?? [],
        goals: (l.goals ?? []).map((g) => ({
          area: g.area,
          statement: g.statement,
          weeklyTarget: g.weeklyTarget ?? null,
          actualThisWeek: g.area === 'APPLICATIONS' ? (l.week_applications ?? 0) : null,
        })),
        requiredActivities: requiredById.get(l.id) ?? [],
        lastHuntrActionAt: l.last_huntr ? new Date(l.last_huntr) : null,
        funnel: l.funnel ?? NO_FUNNEL,
      };
    });
  }
}

/** The funnel summed over a coach's learners (or all learners), in one statement. */
export async function coachFunnel(em: EntityManager, coachId: string | null): Promise<Funnel> {
  const [row] = await em.execute<Funnel[]>(
    `select count(*) filter (where a.kind = 'APPLICATION')::int as "applications",
            count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN')::int as "phoneScreens",
            count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN')::int as "interviews",
            (select count(*)::int from coach_alerts o join learners ol on ol.id = o.learner_id where ?::uuid is null or ol.coach_id = ?::uuid) as "offers"
     from job_activities a join learners l on l.id = a.learner_id
     where ?::uuid is null or l.coach_id = ?::uuid`,
    [coachId, coachId, coachId, coachId],
  );
  return row;
}
