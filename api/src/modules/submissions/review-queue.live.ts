import { Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import type { LiveMessage } from '../../common/live';
import { forbidden, unauthenticated } from '../../common/errors';
import { isCoachOrStaff } from '../../auth/viewer';

@ObjectType({ description: 'Submissions changed (sent, claimed, released, reviewed): refetch the queue and its counts.' })
class ReviewQueueChange {
  @Field(() => [ID], { description: 'The submissions that changed (empty when `all`).' })
  submissionIds!: string[];

  @Field(() => Boolean, { description: 'True when many changed at once, or the server may have missed some: refetch everything.' })
  all!: boolean;
}

@Resolver()
export class ReviewQueueLiveResolver {
  @Subscription(() => ReviewQueueChange, {
    description: 'Tells coaches and staff when any submission changes, across every server process, over WebSocket; the console refetches the queue.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      if (!ctx.viewer) throw unauthenticated();
      if (!isCoachOrStaff(ctx.viewer)) throw forbidden('The review queue is for coaches and staff');
      return ctx.live!.subscribe('queue');
    },
  })
  reviewQueueChanged(@Root() message: LiveMessage): ReviewQueueChange {
    const all = !!message.all || !!message.resync;
    return { submissionIds: all ? [] : ((message.ids as string[] | undefined) ?? []), all };
  }
}
