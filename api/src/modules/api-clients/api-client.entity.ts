import { randomUUID } from 'node:crypto';
import { ArrayType, OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

@ObjectType({
  description:
    'A third-party system that reads Waypoint with an API key (Authorization: Bearer wp_…). The key is shown once and stored hashed; ' +
    'scopes say what it may read; a coach limit keeps it to that coach\'s learners; revoking it refuses it at once.',
})
@Entity({ tableName: 'api_clients' })
export class ApiClient {
  [OptionalProps]?: 'revokedAt' | 'lastUsedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Who it is, e.g. "View Progress page".' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key, to recognise it ("wp_AbC1…").' })
  @Property({ type: 'string', length: 16 })
  keyPrefix!: string;

  /** SHA-256 of the key, hex. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash!: string;

  @Field(() => [String], { description: 'What it may read: progress:read, learners:read, events:read.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  scopes!: string[];

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'restrict' })
  coach?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;

  @Field(() => Date, { description: 'When it was created.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it works.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last used (updated at most once a minute).' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
