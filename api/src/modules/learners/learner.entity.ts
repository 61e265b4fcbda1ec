import { randomUUID } from 'node:crypto';
import { OptionalProps, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { User } from '../users/user.entity';
import { EnrollmentStatus } from './enrollment-status';

@ObjectType({
  description:
    'A job searcher in the advanced job-searching module. Their login (name, email) is a User with role LEARNER; ' +
    'module weeks are counted from moduleStartDate in their own time zone.',
})
@Entity({ tableName: 'learners' })
// Cursor pages in each order of the learners connection, ties by id.
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['moduleStartDate', 'id'] })
@Index({ properties: ['statusChangedAt', 'id'] })
export class Learner {
  [OptionalProps]?: 'status' | 'statusChangedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => User, { ref: true, owner: true, unique: true, deleteRule: 'restrict' })
  user!: Ref<User>;

  @Field(() => String, { description: 'IANA time zone the learner lives in; module weeks and "end of the week" are counted in it.' })
  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Field(() => LocalDateResolver, { description: 'First day of module week 1, in the learner\'s time zone (YYYY-MM-DD).' })
  // No index of its own: (moduleStartDate, id) above serves every lookup one on moduleStartDate alone would.
  @Property({ type: 'date' })
  moduleStartDate!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The cohort staff put the learner in (e.g. "2027 spring evening"), up to 60 characters; program reports group by it. ' +
      'Null: the learner is in the cohort of their module start month (YYYY-MM).',
  })
  @Property({ type: 'string', length: 60, nullable: true })
  cohort?: string | null;

  /** Set when the learner was in the program before Waypoint: compliance judges from this module week (else firstJudgedWeek's rule). */
  @Property({ type: 'integer', nullable: true })
  judgeFromWeek?: number | null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  @Index()
  coach!: Ref<User>;

  @Field(() => EnrollmentStatus, { description: 'Current enrollment status; every change is in statusHistory.' })
  @Enum({ items: () => EnrollmentStatus, nativeEnumName: 'enrollment_status' })
  @Index()
  status: EnrollmentStatus = EnrollmentStatus.ENROLLED;

  @Field(() => Date, { description: 'When the status last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  statusChangedAt: Date = new Date();

  @Field(() => Date, { description: 'When the learner was enrolled in Waypoint.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the learner record last changed.' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
