import { Field, ID, Int, ObjectType } from 'type-graphql';

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

@ObjectType({ description: 'A job whose last attempt failed: it is retried with back-off until it runs out of attempts.' })
export class FailedJob {
  @Field(() => ID, { description: 'The job.' })
  id: string;

  @Field(() => String, { description: 'Its task.' })
  task: string;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts: number;

  @Field(() => Int, { description: 'Attempts it may make.' })
  maxAttempts: number;

  @Field(() => String, { description: "The last attempt's error (its first line)." })
  lastError: string;

  @Field(() => Date, { description: 'When it last failed.' })
  failedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it will be tried again; null once it has run out of attempts (retryJob starts it over).' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { description: 'When it was first queued.' })
  createdAt: Date;
}
