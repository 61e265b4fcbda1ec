import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../auth/roles';

// Roles are auth's (the authChecker decides by them); the user carries one.
export { Role };

@ObjectType({ description: 'A person who signs in to Waypoint: staff, a career coach or a job searcher.' })
@Entity({ tableName: 'users' })
// Pages of learners by name (the learners connection's NAME orders): read off this index, ties by the user's id.
@Index({ properties: ['name', 'id'] })
@Check({ name: 'users_email_lower_case', expression: 'email = lower(email)' })
export class User {
  [OptionalProps]?: 'active' | 'timeZone' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Sign-in email, stored lower-case; unique regardless of case.' })
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field(() => String, { description: 'Full name as shown to coaches and learners.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Role, { description: 'What this person may do.' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  @Index()
  role!: Role;

  /** scrypt hash; null until a password is set (the person cannot sign in yet). Never exposed. */
  @Property({ type: 'string', length: 255, nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  /** Tokens issued before this instant are refused (set when the password changes). Never exposed. */
  @Property({ type: 'datetime', nullable: true, hidden: true })
  tokensValidAfter?: Date | null;

  @Field(() => Boolean, { description: 'False once deactivated: the person can no longer sign in, and old tokens stop working.' })
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Field(() => String, { description: "The person's IANA time zone, e.g. Africa/Lagos; times are shown in it." })
  @Property({ type: 'string', length: 64, default: 'UTC' })
  timeZone: string = 'UTC';

  @Field(() => Date, { description: 'When the account was created.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the account was last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
