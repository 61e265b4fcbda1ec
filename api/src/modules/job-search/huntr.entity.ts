import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A Huntr action Waypoint could not map yet (a member no learner is, a category or action type it does not know):
 * kept with the body as it came and the reason, shown to staff, and tried again when the mapping may have changed
 * (staff tie a member to a learner; each sync run). Once applied it moves to huntr_actions and leaves this table.
 */
@Entity({ tableName: 'huntr_kept_actions' })
export class HuntrKeptAction {
  @PrimaryKey({ type: 'string', length: 200 })
  id!: string;

  @Property({ type: 'string', length: 60 })
  actionType!: string;

  @Property({ type: 'string', length: 254, nullable: true })
  @Index()
  memberEmail?: string | null;

  /** UNKNOWN_MEMBER, UNKNOWN_CATEGORY, UNKNOWN_ACTION_TYPE or PARSER_CHANGED (taken in before Waypoint read Huntr's documented shape). */
  @Property({ type: 'string', length: 30 })
  reason!: string;

  /** The reason in words, e.g. the category name Huntr sent. */
  @Property({ type: 'text' })
  detail!: string;

  /** The action exactly as it came (the webhook's raw body, or the API's JSON for it). */
  @Property({ type: 'text' })
  rawBody!: string;

  /** WEBHOOK or SYNC. */
  @Property({ type: 'string', length: 10 })
  source!: string;

  @Property({ type: 'datetime' })
  @Index()
  arrivedAt!: Date;

  @Property({ type: 'datetime' })
  lastTriedAt!: Date;

  @Property({ type: 'integer', default: 1 })
  attempts!: number;
}

/** A member of the Huntr organization as its API lists them (the pull-sync keeps this current). */
@Entity({ tableName: 'huntr_members' })
export class HuntrMember {
  @PrimaryKey({ type: 'string', length: 100 })
  id!: string;

  @Property({ type: 'string', length: 254 })
  @Index()
  email!: string;

  @Property({ type: 'string', length: 400 })
  name!: string;

  @Property({ type: 'boolean' })
  isActive!: boolean;

  @Property({ type: 'datetime' })
  seenAt!: Date;
}

/** Where the pull-sync stands: one row ("actions"). */
@Entity({ tableName: 'huntr_sync_state' })
export class HuntrSyncState {
  @PrimaryKey({ type: 'string', length: 20 })
  id!: string;

  /** Every action created in Huntr up to this instant has been taken in: the next run asks from here (less an overlap). */
  @Property({ type: 'datetime', nullable: true })
  syncedThrough?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastRunAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastSuccessAt?: Date | null;

  /** The last run's error (null when it succeeded). */
  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'integer', default: 0 })
  lastPulled!: number;

  @Property({ type: 'integer', default: 0 })
  lastApplied!: number;

  @Property({ type: 'integer', default: 0 })
  lastKept!: number;

  @Property({ type: 'integer', default: 0 })
  members!: number;
}
