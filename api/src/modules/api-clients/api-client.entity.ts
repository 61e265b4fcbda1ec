import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../users/user.entity';

@ObjectType({
  description:
    'A third-party system that reads Waypoint with an API key (Authorization: Bearer wp_…). Each key is shown once and stored hashed; ' +
    'scopes say what it may read; a coach limit keeps it to that coach\'s learners; revoking it refuses all its keys at once. ' +
    'It holds at most two working keys, so a key can be rotated without a gap (rotateApiClientKey, then revokeApiClientKey on the old one).',
})
@Entity({ tableName: 'api_clients' })
export class ApiClient {
  [OptionalProps]?: 'revokedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Who it is, e.g. "View Progress page".' })
  @Property({ type: 'string', length: 200 })
  name!: string;

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

  @OneToMany(() => ApiClientKey, (k) => k.client)
  keys = new Collection<ApiClientKey>(this);
}

export enum ApiKeyState {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiKeyState, {
  name: 'ApiKeyState',
  description: 'Whether a key works: ACTIVE, EXPIRED (past its expiresAt) or REVOKED (the key, or its whole client).',
  valuesConfig: {
    ACTIVE: { description: 'It works.' },
    EXPIRED: { description: 'Past its expiresAt: refused with UNAUTHENTICATED.' },
    REVOKED: { description: 'Revoked, alone or with its client: refused with UNAUTHENTICATED.' },
  },
});

@ObjectType({
  description:
    'One key of an API client. The key itself is shown once, when it is issued; Waypoint keeps its SHA-256 and its first characters. ' +
    'A client has at most two working keys at once, for rotation.',
})
@Entity({ tableName: 'api_client_keys' })
@Index({ name: 'api_client_keys_client_id_index', properties: ['client'] })
export class ApiClientKey {
  [OptionalProps]?: 'revokedAt' | 'lastUsedAt' | 'expiresAt';

  @Field(() => ID, { description: 'Stable identifier (UUID); revokeApiClientKey takes it.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ApiClient, { ref: true, deleteRule: 'cascade' })
  client!: Ref<ApiClient>;

  @Field(() => String, { description: 'The first characters of the key, to recognise it ("wp_AbC1…").' })
  @Property({ type: 'string', length: 16 })
  keyPrefix!: string;

  /** SHA-256 of the key, hex. */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  keyHash!: string;

  @Field(() => Date, { description: 'When it was issued.' })
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it stops working (UNAUTHENTICATED from then on); null: it does not expire.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is not.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The minute it was last used, exact to the minute (the start of that minute, UTC); null: never used.',
  })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
