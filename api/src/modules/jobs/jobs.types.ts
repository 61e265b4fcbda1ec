import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A task the job worker runs on a schedule.' })
export class ScheduledJob {
  @Field(() => String, { description: 'The task, e.g. evaluate_compliance.' })
  task: string;

  @Field(() => String, { description: 'When it runs, as a cron expression in UTC.' })
  schedule: string;

  @Field(() => String, { description: 'What it does.' })
  description: string;

  @Field(() => Date, { nullable: true, description: 'When the schedule last fired it (null: not since this database was set up).' })
  lastRunAt: Date | null;

  @Field(() => Date, { description: 'When the schedule fires it next.' })
  nextRunAt: Date;

  @Field(() => Int, { description: 'Runs of it waiting in the queue now (due, or retrying after a failure).' })
  queued: number;
}

/** Its fields are declared once, with their SQL, in jobs.read.ts (sqlType): the list and retryJob answer from it. */
@ObjectType({ description: 'A job whose last attempt failed: it is retried with back-off until it runs out of attempts.' })
export class FailedJob {
  id: string;
  task: string;
  attempts: number;
  maxAttempts: number;
  lastError: string;
  failedAt: Date | string;
  nextAttemptAt: Date | string | null;
  createdAt: Date | string;
}
