import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { BlockKind, ScheduleBlock } from './schedule-block.entity';
import { ScheduleActivity } from './schedule-activity.entity';
import type { ScheduleActivityInput, ScheduleActivityPatch, ScheduleBlockInput, ScheduleBlockPatch } from './schedule.inputs';
import { badInput, conflict, notFound } from '../../common/errors';
import { requireId } from '../../common/query';

/** A new order for a list of rows: `moved` goes to `position` (clamped), everyone else keeps their relative order. */
function reorder<T extends { id: string; position: number }>(rows: T[], moved: T | null, position: number | undefined): void {
  const others = rows.filter((r) => r !== moved).sort((a, b) => a.position - b.position);
  if (moved) others.splice(Math.min(position ?? others.length, others.length), 0, moved);
  others.forEach((row, i) => (row.position = i));
}

/**
 * The schedule template: blocks per weekday and their activities. Edits run in a transaction with the day's
 * blocks (or the block's activities) locked, so concurrent reorders never leave two rows at one position.
 * Nothing is deleted: retired rows keep learners' recorded states meaningful.
 */
export class ScheduleService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
  ) {}

  /** Every block not retired, by weekday and position. */
  liveBlocks(): Promise<ScheduleBlock[]> {
    return this.em.find(ScheduleBlock, { retiredAt: null }, { orderBy: { weekday: 'asc', position: 'asc' } });
  }

  /** The live activities of each block, in order: one statement for any number of blocks. */
  async activitiesOf(blockIds: readonly string[]): Promise<ScheduleActivity[][]> {
    const rows = await this.em.find(ScheduleActivity, { retiredAt: null, block: { $in: [...blockIds] } }, { orderBy: { position: 'asc' } });
    const byBlock = new Map<string, ScheduleActivity[]>(blockIds.map((id) => [id, []]));
    for (const a of rows) byBlock.get(a.block.id)?.push(a);
    return blockIds.map((id) => byBlock.get(id)!);
  }

  private async dayBlocks(em: EntityManager, weekday: number): Promise<ScheduleBlock[]> {
    return em.find(ScheduleBlock, { weekday, retiredAt: null }, { orderBy: { position: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  private async liveBlock(em: EntityManager, rawId: string, field: string): Promise<ScheduleBlock> {
    const id = requireId(rawId, field);
    const block = await em.findOne(ScheduleBlock, { id, retiredAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!block) throw notFound('schedule block', id, field);
    return block;
  }

  private checkTimes(start: string, end: string): void {
    if (end.slice(0, 5) <= start.slice(0, 5)) throw badInput('endTime', 'The end time must be after the start time');
  }

  private checkOneMorningSession(day: ScheduleBlock[], block: ScheduleBlock): void {
    if (block.kind !== BlockKind.MORNING_SESSION) return;
    const other = day.find((b) => b !== block && b.kind === BlockKind.MORNING_SESSION);
    if (other) throw conflict(`This day already has a morning session ("${other.title}")`, { field: 'kind' });
  }

  async createBlock(input: ScheduleBlockInput): Promise<ScheduleBlock> {
    this.checkTimes(input.startTime, input.endTime);
    return this.em.transactional(async (em) => {
      const day = await this.dayBlocks(em, input.weekday);
      const block = em.create(ScheduleBlock, {
        weekday: input.weekday,
        position: day.length,
        title: input.title.trim(),
        kind: input.kind,
        startsAt: input.startTime,
        endsAt: input.endTime,
      });
      this.checkOneMorningSession(day, block);
      reorder([...day, block], block, input.position);
      await em.flush();
      return block;
    });
  }

  async updateBlock(rawId: string, patch: ScheduleBlockPatch): Promise<ScheduleBlock> {
    return this.em.transactional(async (em) => {
      const block = await this.liveBlock(em, rawId, 'id');
      const start = patch.startTime ?? block.startsAt;
      const end = patch.endTime ?? block.endsAt;
      this.checkTimes(start, end);
      if (patch.title !== undefined) block.title = patch.title.trim();
      if (patch.kind) block.kind = patch.kind;
      block.startsAt = start;
      block.endsAt = end;
      if (patch.weekday && patch.weekday !== block.weekday) {
        const oldDay = await this.dayBlocks(em, block.weekday);
        reorder(oldDay, null, undefined);
        const newDay = await this.dayBlocks(em, patch.weekday);
        block.weekday = patch.weekday;
        reorder([...newDay, block], block, undefined);
      }
      this.checkOneMorningSession(await this.dayBlocks(em, block.weekday), block);
      await em.flush();
      return block;
    });
  }

  async moveBlock(rawId: string, position: number): Promise<ScheduleBlock[]> {
    return this.em.transactional(async (em) => {
      const block = await this.liveBlock(em, rawId, 'id');
      const day = await this.dayBlocks(em, block.weekday);
      reorder(day, day.find((b) => b.id === block.id)!, position);
      await em.flush();
      return day.sort((a, b) => a.position - b.position);
    });
  }

  /** Retires the block and its activities; the day's other blocks close the gap. */
  async deleteBlock(rawId: string): Promise<ScheduleBlock> {
    return this.em.transactional(async (em) => {
      const block = await this.liveBlock(em, rawId, 'id');
      const now = this.now();
      block.retiredAt = now;
      await em.nativeUpdate(ScheduleActivity, { block: block.id, retiredAt: null }, { retiredAt: now });
      reorder((await this.dayBlocks(em, block.weekday)).filter((b) => b.id !== block.id), null, undefined);
      await em.flush();
      return block;
    });
  }

  private async blockActivities(em: EntityManager, blockId: string): Promise<ScheduleActivity[]> {
    return em.find(ScheduleActivity, { block: blockId, retiredAt: null }, { orderBy: { position: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  private async liveActivity(em: EntityManager, rawId: string): Promise<ScheduleActivity> {
    const id = requireId(rawId, 'id');
    const activity = await em.findOne(ScheduleActivity, { id, retiredAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!activity) throw notFound('schedule activity', id);
    return activity;
  }

  async createActivity(blockId: string, input: ScheduleActivityInput): Promise<ScheduleActivity> {
    return this.em.transactional(async (em) => {
      const block = await this.liveBlock(em, blockId, 'blockId');
      const siblings = await this.blockActivities(em, block.id);
      const activity = em.create(ScheduleActivity, {
        block,
        position: siblings.length,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        link: input.link || null,
        minutes: input.minutes ?? null,
        required: input.required ?? false,
      });
      reorder([...siblings, activity], activity, input.position);
      await em.flush();
      return activity;
    });
  }

  async updateActivity(rawId: string, patch: ScheduleActivityPatch): Promise<ScheduleActivity> {
    return this.em.transactional(async (em) => {
      const activity = await this.liveActivity(em, rawId);
      if (patch.title !== undefined) activity.title = patch.title.trim();
      if (patch.description !== undefined) activity.description = patch.description.trim();
      if (patch.link !== undefined) activity.link = patch.link || null;
      if (patch.minutes !== undefined) activity.minutes = patch.minutes;
      if (patch.required !== undefined) activity.required = patch.required;
      await em.flush();
      return activity;
    });
  }

  /** Moves an activity to a position, optionally into another live block (it keeps its id and recorded states). */
  async moveActivity(rawId: string, position: number, rawBlockId?: string): Promise<ScheduleActivity> {
    return this.em.transactional(async (em) => {
      const activity = await this.liveActivity(em, rawId);
      const fromBlock = activity.block.id;
      const toBlock = rawBlockId ? (await this.liveBlock(em, rawBlockId, 'blockId')).id : fromBlock;
      if (toBlock !== fromBlock) {
        reorder((await this.blockActivities(em, fromBlock)).filter((a) => a.id !== activity.id), null, undefined);
        activity.block = em.getReference(ScheduleBlock, toBlock, { wrapped: true });
        const siblings = (await this.blockActivities(em, toBlock)).filter((a) => a.id !== activity.id);
        reorder([...siblings, activity], activity, position);
      } else {
        const siblings = await this.blockActivities(em, toBlock);
        reorder(siblings, siblings.find((a) => a.id === activity.id)!, position);
      }
      await em.flush();
      return activity;
    });
  }

  async deleteActivity(rawId: string): Promise<ScheduleActivity> {
    return this.em.transactional(async (em) => {
      const activity = await this.liveActivity(em, rawId);
      activity.retiredAt = this.now();
      reorder((await this.blockActivities(em, activity.block.id)).filter((a) => a.id !== activity.id), null, undefined);
      await em.flush();
      return activity;
    });
  }
}
