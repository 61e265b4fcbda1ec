import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A dated morning session: created with its first sign-up (or when staff pair it), from that weekday's MORNING_SESSION block. */
@Entity({ tableName: 'morning_sessions' })
@Index({ name: 'morning_sessions_due_index', expression: 'create index "morning_sessions_due_index" on "morning_sessions" ("cutoff_at") where "paired_at" is null' })
export class MorningSession {
  [OptionalProps]?: 'groupsOfThree' | 'pairedAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'date', unique: true })
  date!: string;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'datetime' })
  cutoffAt!: Date;

  @Property({ type: 'boolean', default: false })
  groupsOfThree: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  pairedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
