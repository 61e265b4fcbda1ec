import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A session signed out before its token expired: the token names its session (claim `sid`), and a session listed
 * here is refused. Only ended sessions are written, so signing in writes nothing; a row is useless once its token
 * would have expired anyway, and is removed then.
 */
@Entity({ tableName: 'ended_sessions' })
export class EndedSession {
  /** The token's `sid`. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime' })
  endedAt!: Date;

  /** When the token would have expired: the row is removed after it. */
  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;
}
