import DataLoader from 'dataloader';
import { Ctx, Field, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { filtered, type LiveMessage } from '../../common/live';
import { forbidden, unauthenticated } from '../../common/errors';
import { API_CLIENT } from '../../auth/viewer';
import { Notification } from './notification.entity';
import { NotificationService } from './notification.service';

@ObjectType({ description: 'Your notifications changed: the newest one and how many are unread (the bell).' })
class NotificationEvent {
  @Field(() => Notification, { nullable: true, description: 'Your newest notification (null when you have none).' })
  latest!: Notification | null;

  @Field(() => Int, { description: 'How many of your notifications are unread.' })
  unreadCount!: number;

  @Field(() => Boolean, { description: 'True when the server may have missed some (it reconnected to the database): refetch your list.' })
  resync!: boolean;
}

type Bell = { latest: Notification | null; unreadCount: number };

/**
 * One batch per message and process: every subscription a message wakes here asks for its bell, and one
 * NotificationService.bells answers them all in a fresh unit of work (the sockets' contexts live as long as they do),
 * the newest notifications' declared fields (`link`, `read`) included. A broadcast past 100 recipients wakes every
 * console; asked one by one, 200 consoles on two processes ran 600 statements per write and the p99 bell rang 1.6 s
 * after the commit, 0.3 s batched (npm run bench -- notifications). Consoles that reached this server by different
 * hosts (no PUBLIC_URL) get their links in batches of their own.
 */
const bells = new WeakMap<LiveMessage, Map<string, DataLoader<string, Bell>>>();
function bellOf(message: LiveMessage, ctx: Context): Promise<Bell> {
  let byUrl = bells.get(message);
  if (!byUrl) bells.set(message, (byUrl = new Map()));
  let loader = byUrl.get(ctx.publicUrl);
  if (!loader) {
    const service = new NotificationService(ctx.em.fork(), () => ctx.clock.now(), ctx.publicUrl);
    loader = new DataLoader<string, Bell>(
      async (userIds) => {
        const found = await service.bells(userIds);
        return userIds.map((id) => found.get(id) ?? { latest: null, unreadCount: 0 });
      },
      // The subscriptions a message wakes resolve in the microtasks after it arrives: wait for all of them.
      { batchScheduleFn: (send) => setImmediate(send), maxBatchSize: 1000 },
    );
    byUrl.set(ctx.publicUrl, loader);
  }
  return loader.load(ctx.viewer!.userId);
}

@Resolver()
export class NotificationLiveResolver {
  @Subscription(() => NotificationEvent, {
    description: 'Tells you (learners, coaches, staff; each their own) when your notifications change: one is written, or some are marked read (in another tab too); across every server process, over WebSocket.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      if (!ctx.viewer) throw unauthenticated();
      if (ctx.viewer.role === API_CLIENT) throw forbidden('Notifications belong to people, not API keys');
      const me = ctx.viewer.userId;
      return filtered(ctx.live!.subscribe('notifications'), (m) => !!m.resync || !!m.all || ((m.recipients as string[] | undefined) ?? []).includes(me));
    },
  })
  async notificationAdded(@Root() message: LiveMessage, @Ctx() ctx: Context): Promise<NotificationEvent> {
    const bell = await bellOf(message, ctx);
    return { ...bell, resync: !!message.resync };
  }
}
