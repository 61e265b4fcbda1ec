import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { User } from '../users/user.entity';

@ObjectType({ description: 'One privileged action, as it was asked for: who, when, which operation, on what. Append-only: the database refuses edits and deletes.' })
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['at'] })
@Index({ properties: ['seq'] })
export class AuditEntry {
  [OptionalProps]?: 'seq';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime' })
  at!: Date;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  @Index()
  actor!: Ref<User>;

  @Field(() => String, { description: 'The operation, e.g. setEnrollmentStatus, giveFeedback, updateUser.' })
  @Property({ type: 'string', length: 100 })
  @Index()
  action!: string;

  @Field(() => ID, { nullable: true, description: 'The id of what it acted on (the result\'s id), when it has one.' })
  @Property({ type: 'string', length: 100, nullable: true })
  subjectId?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The arguments as sent, with secrets (passwords) removed.' })
  @Property({ type: 'json' })
  details!: Record<string, unknown>;

  @Field(() => String, { description: 'The request id, to find the request in the server logs.' })
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  /** Insertion order. */
  @Property({ type: 'bigint', columnType: 'bigserial', autoincrement: true, hidden: true })
  seq?: string;
}
