import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Learner } from '../learners/learner.entity';
import { MorningSession } from './morning-session.entity';
import { PracticeType } from './morning-session.types';

/** One learner signed up for one morning session; groupNumber is set when the pairs are made (null: odd one out). */
@Entity({ tableName: 'morning_session_signups' })
export class MorningSessionSignup {
  [PrimaryKeyProp]?: ['session', 'learner'];

  @ManyToOne(() => MorningSession, { ref: true, primary: true, deleteRule: 'cascade' })
  session!: Ref<MorningSession>;

  @ManyToOne(() => Learner, { ref: true, primary: true, deleteRule: 'cascade' })
  @Index()
  learner!: Ref<Learner>;

  @Enum({ items: () => PracticeType, nativeEnumName: 'practice_type' })
  practiceType!: PracticeType;

  @Property({ type: 'datetime' })
  signedUpAt!: Date;

  @Property({ type: 'integer', nullable: true })
  groupNumber?: number | null;
}
