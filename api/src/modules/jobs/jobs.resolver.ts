import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../common/errors';
import { Role } from '../users/user.entity';
import { JobsService } from './jobs.service';
import { FailedJob, ScheduledJob } from './jobs.types';
import type { Context } from '../../context';
import { fieldNode, rootAnswer } from '../../read/root';
import { FailedJobJson, jobRoots } from './jobs.read';

const EVERY_FIELD = fieldNode(`failedJobs { ${Object.keys(FailedJobJson.fields).join(' ')} }`);

@Resolver()
export class JobsResolver {
  @Authorized(Role.STAFF)
  @Query(() => [ScheduledJob], { description: "The job worker's scheduled tasks with their last and next runs (staff)." })
  jobSchedule(@Ctx() ctx: Context): Promise<ScheduledJob[]> {
    return new JobsService(ctx.em, () => ctx.clock.now()).schedule();
  }

  @Authorized(Role.STAFF)
  @Query(() => [FailedJob], { description: 'Jobs whose last attempt failed, most recent first, with their error (staff).' })
  async failedJobs(
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1 to 200.' }) first: number,
    @Ctx() ctx: Context,
  ): Promise<FailedJob[]> {
    if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'first must be from 1 to 200');
    // The compiled read's own SQL, every field (jobs.read.ts): no second definition of a failed job.
    return (await rootAnswer<FailedJob[]>(jobRoots.failedJobs, { first }, ctx, EVERY_FIELD))!;
  }

  @Authorized(Role.STAFF)
  @Mutation(() => FailedJob, {
    description:
      'Runs a failed job again now, its attempts counted from zero (staff; audited). NOT_FOUND when there is no such job, CONFLICT while a worker runs it.',
  })
  retryJob(@Arg('id', () => ID, { description: 'The job (FailedJob.id).' }) id: string, @Ctx() ctx: Context): Promise<FailedJob> {
    if (!/^\d{1,18}$/.test(id)) throw badInput('id', 'id must be a job id from failedJobs');
    return new JobsService(ctx.em, () => ctx.clock.now()).retry(id);
  }
}
