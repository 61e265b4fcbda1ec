import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A client's idempotency key, taken by the first call of a creating mutation that named it, in that call's own
 * transaction: a retry with the same key by the same principal replays `answer`, and the key is free again once
 * `expiresAt` has passed. Neither the key nor the answer is kept in the clear (only the key's SHA-256, and the
 * answer encrypted with a key derived from the client's key and AUTH_SECRET).
 */
@Entity({ tableName: 'idempotency_keys' })
@Index({ name: 'idempotency_keys_expires_at_index', properties: ['expiresAt'] })
export class IdempotencyKey {
  [PrimaryKeyProp]?: ['principal', 'keyHash'];

  /** Who used it: "user:<id>" or "client:<id>" (an API client). */
  @PrimaryKey({ type: 'string', length: 60 })
  principal!: string;

  /** SHA-256 of the key the client sent, hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  keyHash!: string;

  /** The mutation it was first used with. */
  @Property({ type: 'string', length: 100 })
  operation!: string;

  /** HMAC-SHA256 (AUTH_SECRET) of the mutation's name and arguments (the key left out): a retry must match it. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** The first answer, encrypted (AES-256-GCM); null only inside the first call's transaction. */
  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
