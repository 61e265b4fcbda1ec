import type { EntityManager } from '@mikro-orm/postgresql';
import { ActivityState, type Roadmap, type RoadmapActivity, type RoadmapBlock } from './roadmap.types';
import { clockTime, type BlockKind } from './schedule-block.entity';
import { assertCanReadLearner, LearnerService } from '../learners/learner.service';
import type { Learner } from '../learners/learner.entity';
import { requiredActivitiesOf } from '../compliance/compliance.read';
import type { Viewer } from '../../auth/viewer';
import { badInput, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { atLocalTime, isoWeekday, localDate, localDayRange, moduleWeekAt, type LocalDate } from '../../common/module-time';

interface Row {
  block_id: string;
  block_title: string;
  kind: BlockKind;
  starts_at: string;
  ends_at: string;
  activity_id: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  minutes: number | null;
  required: boolean | null;
  state: 'DONE' | 'SKIPPED' | null;
  recorded_at: Date | null;
}

/**
 * A learner's daily road map: the template for the date's weekday with the learner's state for each activity.
 * Learners record their own states; coaches and staff may record them on a learner's behalf.
 */
export class RoadmapService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly programTimeZone: string,
  ) {}

  private moduleWeekOf(learner: Pick<Learner, 'moduleStartDate'>, date: LocalDate): number {
    if (date < learner.moduleStartDate) {
      throw badInput('date', `date must be on or after the learner's module start (${learner.moduleStartDate})`);
    }
    // Noon UTC of the date is on that date in every zone between UTC-12 and UTC+12; the week only depends on the date.
    return moduleWeekAt(learner.moduleStartDate, 'UTC', new Date(`${date}T12:00:00Z`))!;
  }

  /**
   * Two statements (plus the viewer's own lookup): the learner with the day's blocks, activities and states in
   * one, the week's required activities in the other.
   */
  async roadmap(viewer: Viewer, rawLearnerId: string, date: LocalDate): Promise<Roadmap> {
    const learnerId = requireId(rawLearnerId, 'learnerId');
    assertCanReadLearner(viewer, learnerId);
    const weekday = isoWeekday(date);
    const rows = await this.em.execute<(Row & { learner_id: string; time_zone: string; module_start_date: string })[]>(
      `select l.id as learner_id, l.time_zone, l.module_start_date::text as module_start_date, x.*
       from learners l
       left join lateral (
         select b.id as block_id, b.title as block_title, b.kind, b.starts_at, b.ends_at, b.position as block_position,
                a.id as activity_id, a.title, a.description, a.link, a.minutes, a.required, a.position as activity_position,
                p.state, p.recorded_at
         from schedule_blocks b
         left join schedule_activities a on a.block_id = b.id
         left join activity_progress p on p.activity_id = a.id and p.learner_id = l.id and p.date = ?::date
         where p.state is not null
            or (b.weekday = ? and (b.retired_at is null or b.retired_at > (?::date)::timestamp at time zone l.time_zone)
                and (a.id is null or a.retired_at is null or a.retired_at > (?::date)::timestamp at time zone l.time_zone))
       ) x on true
       where l.id = ?
       order by x.starts_at, x.block_position, x.activity_position`,
      [date, weekday, date, date, learnerId],
    );
    if (!rows.length) throw notFound('learner', learnerId, 'learnerId');
    const learner = { id: learnerId, timeZone: rows[0].time_zone, moduleStartDate: rows[0].module_start_date };
    const moduleWeek = this.moduleWeekOf(learner, date);
    const blocks = new Map<string, RoadmapBlock>();
    for (const r of rows) {
      if (!r.block_id) continue;
      let block = blocks.get(r.block_id);
      if (!block) {
        block = {
          blockId: r.block_id,
          title: r.block_title,
          kind: r.kind,
          startTime: clockTime(r.starts_at),
          endTime: clockTime(r.ends_at),
          startsAt: atLocalTime(date, r.starts_at, this.programTimeZone),
          endsAt: atLocalTime(date, r.ends_at, this.programTimeZone),
          activities: [],
        };
        blocks.set(r.block_id, block);
      }
      if (r.activity_id) block.activities.push(toActivity(r));
    }
    const all = [...blocks.values()].flatMap((b) => b.activities);
    const requiredActivities = await requiredActivitiesOf(this.em, this.now(), learner.id, moduleWeek);
    return {
      learnerId: learner.id,
      date,
      weekday,
      moduleWeek,
      isToday: date === localDate(this.now(), learner.timeZone),
      programTimeZone: this.programTimeZone,
      blocks: [...blocks.values()],
      requiredActivities,
      doneCount: all.filter((a) => a.state === ActivityState.DONE).length,
      skippedCount: all.filter((a) => a.state === ActivityState.SKIPPED).length,
      pendingCount: all.filter((a) => a.state === ActivityState.PENDING).length,
    };
  }

  /**
   * Records DONE or SKIPPED for an activity on a date, or PENDING to undo. Refused, with nothing written: another
   * learner's road map (FORBIDDEN), an unknown activity (NOT_FOUND), an activity not on that date's road map, a date
   * before the module or after today, skipping a required activity, and undoing on any day but the same day.
   */
  async record(viewer: Viewer, learnerId: string, rawActivityId: string, date: LocalDate, state: ActivityState): Promise<RoadmapActivity> {
    const activityId = requireId(rawActivityId, 'activityId');
    return this.em.transactional(async (em) => {
      const learner = await new LearnerService(em, this.now).get(viewer, learnerId, 'learnerId');
      this.moduleWeekOf(learner, date);
      const today = localDate(this.now(), learner.timeZone);
      if (date > today) throw badInput('date', `date is in the future for the learner (today is ${today} in ${learner.timeZone})`);
      const { start: dayStart } = localDayRange(date, learner.timeZone);
      const [activity] = await em.execute<(Row & { weekday: number; block_retired_at: Date | null; retired_at: Date | null })[]>(
        `select a.id as activity_id, a.title, a.description, a.link, a.minutes, a.required, a.retired_at,
                b.weekday, b.retired_at as block_retired_at, p.state, p.recorded_at
         from schedule_activities a join schedule_blocks b on b.id = a.block_id
         left join activity_progress p on p.activity_id = a.id and p.learner_id = ? and p.date = ?
         where a.id = ?`,
        [learner.id, date, activityId],
      );
      if (!activity) throw notFound('schedule activity', activityId, 'activityId');
      const retired = (activity.retired_at && activity.retired_at <= dayStart) || (activity.block_retired_at && activity.block_retired_at <= dayStart);
      if (!activity.state && (activity.weekday !== isoWeekday(date) || retired)) {
        throw badInput('activityId', `"${activity.title}" is not on the road map for ${date}`);
      }
      if (state === ActivityState.SKIPPED && activity.required) {
        throw badInput('activityId', `"${activity.title}" is required and cannot be skipped`);
      }
      if (state === ActivityState.PENDING) {
        if (date !== today) throw badInput('date', 'A recorded state can only be undone on the same day');
        await em.execute(`delete from activity_progress where learner_id = ? and date = ? and activity_id = ?`, [learner.id, date, activityId]);
        return toActivity({ ...activity, state: null, recorded_at: null });
      }
      const now = this.now();
      await em.execute(
        `insert into activity_progress (learner_id, date, activity_id, state, recorded_at, recorded_by_id) values (?, ?, ?, ?, ?, ?)
         on conflict (learner_id, date, activity_id) do update set state = excluded.state, recorded_at = excluded.recorded_at, recorded_by_id = excluded.recorded_by_id`,
        [learner.id, date, activityId, state, now, viewer.userId],
      );
      return toActivity({ ...activity, state, recorded_at: now });
    });
  }
}

function toActivity(r: Pick<Row, 'activity_id' | 'title' | 'description' | 'link' | 'minutes' | 'required' | 'state' | 'recorded_at'>): RoadmapActivity {
  return {
    activityId: r.activity_id!,
    title: r.title!,
    description: r.description ?? '',
    link: r.link,
    minutes: r.minutes,
    required: Boolean(r.required),
    state: (r.state as ActivityState | null) ?? ActivityState.PENDING,
    stateChangedAt: r.recorded_at ? new Date(r.recorded_at) : null,
  };
}
