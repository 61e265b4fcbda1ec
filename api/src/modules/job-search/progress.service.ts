import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { ComplianceService } from '../compliance/compliance.service';
import type { RequiredActivityStatus } from '../compliance/compliance.types';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { Role } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput } from '../../common/errors';
import { moduleWeekAt } from '../../common/module-time';
import { pgArray } from '../../common/sql';

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

/** SQL: the funnel of learner `l` over all its activity (offers are the offer alerts Huntr raised). */
const FUNNEL_SQL = `(select json_build_object(
    'applications', count(*) filter (where a.kind = 'APPLICATION'),
    'phoneScreens', count(*) filter (where a.kind = 'INTERVIEW' and a.stage = 'PHONE_SCREEN'),
    'interviews', count(*) filter (where a.kind = 'INTERVIEW' and a.stage is distinct from 'PHONE_SCREEN'),
    'offers', (select count(*) from coach_alerts o where o.learner_id = l.id))
  from job_activities a where a.learner_id = l.id)`;

interface LearnerRow {
  id: string;
  time_zone: string;
  module_start_date: string;
  status: EnrollmentStatus;
  last_huntr: Date | null;
  goals: { area: string; statement: string; weeklyTarget?: number | null }[] | null;
  funnel: Funnel;
  total?: number;
}

export interface ProgressFilter {
  ids?: string[];
  coachId?: string;
  status?: EnrollmentStatus;
}

/**
 * Job-search progress of many learners in three statements whatever their number: the learners (with their
 * latest SMART goals and data freshness), their applications and interviews per learner-local day, and this
 * week's required activities. The window is rolling: the last `days` learner-local days, today included, up to now.
 */
export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  private checkDays(days: number): void {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'days must be from 1 to 366');
  }

  /** One page of learners by id, after a cursor, with the total matching the filter. */
  async page(viewer: Viewer, filter: ProgressFilter, first: number, after: string | null, days: number) {
    this.checkDays(days);
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
    const rows = await this.learnerRows(where, params, after, first + 1);
    const hasNextPage = rows.length > first;
    const learners = rows.slice(0, first);
    return { items: await this.build(learners, days), totalCount: Number(rows[0]?.total ?? (after ? await this.total(where, params) : 0)), hasNextPage };
  }

  /** The total when the page after the cursor is empty (the window function had no row to ride on). */
  private async total(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.em.execute(`select count(*)::int as n from learners l ${where.length ? `where ${where.join(' and ')}` : ''}`, params);
    return row.n;
  }

  /** The progress of these learners (an API key limited to a coach sees only that coach's). */
  async forLearners(ids: string[], days: number, viewer?: Viewer): Promise<LearnerProgressData[]> {
    this.checkDays(days);
    const coach = viewer?.client?.coachId;
    const rows = await this.learnerRows(
      ['l.id = any(?::uuid[])', ...(coach ? ['l.coach_id = ?'] : [])],
      [pgArray(ids), ...(coach ? [coach] : [])],
      null,
      ids.length,
    );
    const built = await this.build(rows, days);
    const byId = new Map(built.map((p) => [p.learnerId, p]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  /** The page's ids (with the filter's total, before the cursor) first; the details only for those. */
  private learnerRows(where: string[], params: unknown[], after: string | null, limit: number): Promise<LearnerRow[]> {
    return this.em.execute<LearnerRow[]>(
      `with page as (
         select id, total from (select l.id, count(*) over () as total from learners l ${where.length ? `where ${where.join(' and ')}` : ''}) f
         ${after ? 'where f.id > ?' : ''} order by f.id limit ?
       )
       select l.id, l.time_zone, l.module_start_date::text as module_start_date, l.status, page.total,
              (select max(h.received_at) from huntr_actions h where h.learner_id = l.id) as last_huntr,
              (select s.content -> 'smartGoals' -> 'goals' from submissions s
                where s.learner_id = l.id and s.kind = 'SMART_GOALS' order by s.submitted_at desc limit 1) as goals,
              ${FUNNEL_SQL} as funnel
       from page join learners l on l.id = page.id
       order by l.id`,
      [...params, ...(after ? [after] : []), limit],
    );
  }

  private async build(learners: LearnerRow[], days: number): Promise<LearnerProgressData[]> {
    if (!learners.length) return [];
    const now = this.now();
    // Far enough back for both the window and the weekly series.
    const lookbackDays = WEEKLY_SERIES_WEEKS * 7 + 7;
    const idList = pgArray(learners.map((l) => l.id));
    // Per learner-local day inside the window, and per module week for the weekly series: few rows per learner.
    const local = `(a.occurred_at at time zone l.time_zone)::date`;
    const today = `(?::timestamptz at time zone l.time_zone)::date`;
    const counts = await this.em.execute<{ learner_id: string; k: 'd' | 'w'; bucket: string; applications: number; interviews: number }[]>(
      `select a.learner_id, 'd' as k, ${local}::text as bucket,
              count(*) filter (where a.kind = 'APPLICATION')::int as applications, count(*) filter (where a.kind = 'INTERVIEW')::int as interviews
       from job_activities a join learners l on l.id = a.learner_id
       where a.learner_id = any(?::uuid[]) and a.occurred_at <= ? and ${local} > ${today} - ?
       group by 1, 2, 3
       union all
       select a.learner_id, 'w', (floor((${local} - l.module_start_date) / 7) + 1)::int::text,
              count(*) filter (where a.kind = 'APPLICATION')::int, count(*) filter (where a.kind = 'INTERVIEW')::int
       from job_activities a join learners l on l.id = a.learner_id
       where a.learner_id = any(?::uuid[]) and a.occurred_at <= ? and ${local} >= l.module_start_date and ${local} > ${today} - ?
       group by 1, 2, 3`,
      [idList, now, now, days, idList, now, now, lookbackDays],
    );
    const weeks = learners.map((l) => ({ learnerId: l.id, week: moduleWeekAt(l.module_start_date, l.time_zone, now) }));
    const required = await new ComplianceService(this.em, this.now).statusFor(
      weeks.filter((w): w is { learnerId: string; week: number } => w.week !== null),
    );
    const requiredById = new Map(weeks.filter((w) => w.week !== null).map((w, i) => [w.learnerId, required[i]]));
    const daysOf = new Map<string, Map<string, { applications: number; interviews: number }>>();
    const weeksOf = new Map<string, Map<number, { applications: number; interviews: number }>>();
    for (const c of counts) {
      const value = { applications: c.applications, interviews: c.interviews };
      if (c.k === 'd') {
        if (!daysOf.has(c.learner_id)) daysOf.set(c.learner_id, new Map());
        daysOf.get(c.learner_id)!.set(c.bucket, value);
      } else {
        if (!weeksOf.has(c.learner_id)) weeksOf.set(c.learner_id, new Map());
        weeksOf.get(c.learner_id)!.set(Number(c.bucket), value);
      }
    }
    return learners.map((l) => {
      const perDay = daysOf.get(l.id) ?? new Map();
      const perWeek = weeksOf.get(l.id) ?? new Map();
      const today = DateTime.fromJSDate(now, { zone: l.time_zone }).startOf('day');
      const daily: DayCount[] = Array.from({ length: days }, (_, i) => {
        const date = today.minus({ days: days - 1 - i }).toISODate()!;
        return { date, ...(perDay.get(date) ?? { applications: 0, interviews: 0 }) };
      });
      const week = moduleWeekAt(l.module_start_date, l.time_zone, now);
      const weekly: WeekCount[] = [];
      for (let w = Math.max(1, (week ?? 0) - WEEKLY_SERIES_WEEKS + 1); week !== null && w <= week; w++) {
        weekly.push({ moduleWeek: w, ...(perWeek.get(w) ?? { applications: 0, interviews: 0 }) });
      }
      const thisWeek = weekly.find((x) => x.moduleWeek === week);
      return {
        learnerId: l.id,
        status: l.status,
        moduleWeek: week,
        timeZone: l.time_zone,
        days,
        windowStart: today.minus({ days: days - 1 }).toJSDate(),
        windowEnd: now,
        applications: daily.reduce((n, d) => n + d.applications, 0),
        interviews: daily.reduce((n, d) => n + d.interviews, 0),
        daily,
        weekly,
        goals: (l.goals ?? []).map((g) => ({
          area: g.area,
          statement: g.statement,
          weeklyTarget: g.weeklyTarget ?? null,
          actualThisWeek: g.area === 'APPLICATIONS' ? (thisWeek?.applications ?? 0) : null,
        })),
        requiredActivities: requiredById.get(l.id) ?? [],
        lastHuntrActionAt: l.last_huntr ? new Date(l.last_huntr) : null,
        funnel: l.funnel,
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
