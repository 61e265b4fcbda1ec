import { type Ref } from '@mikro-orm/core';
import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity';

/** A user's secret calendar URL, kept as a SHA-256 hash: the URL is shown once, when it is made. */
@Entity({ tableName: 'calendar_feeds' })
export class CalendarFeed {
  @OneToOne(() => User, { ref: true, primary: true, owner: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
