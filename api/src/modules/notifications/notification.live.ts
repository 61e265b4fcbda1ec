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

@Resolver()
export class NotificationLiveResolver {
  @Subscription(() => NotificationEvent, {
    description: 'Tells you (learners, coaches, staff; each their own) when a notification of yours is written, across every server process, over WebSocket.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      if (!ctx.viewer) throw unauthenticated();
      if (ctx.viewer.role === API_CLIENT) throw forbidden('Notifications belong to people, not API keys');
      const me = ctx.viewer.userId;
      return filtered(ctx.live!.subscribe('notifications'), (m) => !!m.resync || !!m.all || ((m.recipients as string[] | undefined) ?? []).includes(me));
    },
  })
  async notificationAdded(@Root() message: LiveMessage, @Ctx() ctx: Context): Promise<NotificationEvent> {
    // A fresh unit of work per event: the socket's context lives as long as the subscription.
    const page = await new NotificationService(ctx.em.fork(), () => ctx.clock.now()).list(ctx.viewer!, { first: 1, unreadOnly: false });
    return { latest: page.nodes[0] ?? null, unreadCount: page.unreadCount, resync: !!message.resync };
  }
}
