import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';
import { CaughtMail, Notification, NotificationDelivery } from './notification.entity';
import { DeliveryStatus, NotificationChannel, NotificationKind } from './notification-kind';
import { NotificationService } from './notification.service';
import { NotificationConnection, NotificationPreferences } from './notification.types';
import { LogArgs, NotificationArgs } from './notification.inputs';
import { notificationRoots } from './notification.read';
import { listAnswer, rowsByIds } from '../../read/connection';
import { fieldNode, rootAnswer } from '../../read/root';

const PEOPLE = [Role.LEARNER, Role.COACH, Role.STAFF];

/** What the notifications resolver asks of the compiled root: the page's ids, where it ends, the counts. */
const PAGE = 'notifications { nodes { id } pageInfo { hasNextPage endCursor } totalCount unreadCount }';

@ArgsType()
class MarkReadArgs {
  @Field(() => [ID], { nullable: true, description: 'These notifications (up to 500); omit to mark all of yours read.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'ids must be UUIDs' })
  @ArrayMaxSize(500)
  ids?: string[];
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized(...PEOPLE)
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first (learners, coaches and staff; each their own).' })
  async notifications(@Args(() => NotificationArgs) args: NotificationArgs, @Ctx() ctx: Context): Promise<NotificationConnection> {
    // The compiled read's own SQL (notification.read.ts) for the page's ids, its end and the counts, then the rows.
    const page = (await rootAnswer<Omit<NotificationConnection, 'nodes'> & { nodes: { id: string }[] }>(notificationRoots.notifications, { ...args }, ctx, fieldNode(PAGE)))!;
    const nodes = await rowsByIds(ctx.em, Notification, page.nodes.map((n) => n.id));
    return { ...page, nodes: nodes.filter((n): n is Notification => n !== null) };
  }

  @Authorized(...PEOPLE)
  @Mutation(() => Int, { description: 'Marks your notifications read (the ones named, or all); answers how many stay unread.' })
  markNotificationsRead(@Args(() => MarkReadArgs) args: MarkReadArgs, @Ctx() ctx: Context): Promise<number> {
    return new NotificationService(ctx.em, () => ctx.clock.now()).markRead(ctx.viewer!, args.ids);
  }

  @Authorized(...PEOPLE)
  @Query(() => NotificationPreferences, { description: 'How Waypoint may reach you: each kind you can receive, its channels, your quiet hours.' })
  notificationPreferences(@Ctx() ctx: Context): Promise<NotificationPreferences> {
    return new NotificationService(ctx.em, () => ctx.clock.now()).preferences(ctx.viewer!);
  }

  @Authorized(...PEOPLE)
  @Mutation(() => NotificationPreferences, { description: 'Turns one kind on or off on one channel, for you.' })
  setNotificationPreference(
    @Arg('kind', () => NotificationKind, { description: 'The kind (one you can receive).' }) kind: NotificationKind,
    @Arg('channel', () => NotificationChannel, { description: 'The channel.' }) channel: NotificationChannel,
    @Arg('enabled', () => Boolean, { description: 'On or off.' }) enabled: boolean,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreferences> {
    return new NotificationService(ctx.em, () => ctx.clock.now()).setPreference(ctx.viewer!, kind, channel, enabled);
  }

  @Authorized(...PEOPLE)
  @Mutation(() => NotificationPreferences, { description: 'Sets your quiet hours (HH:MM in your time zone; both null for none): email due then waits until they end.' })
  setQuietHours(
    @Arg('from', () => String, { nullable: true, description: 'Start, HH:MM (e.g. 21:00).' }) from: string | null | undefined,
    @Arg('until', () => String, { nullable: true, description: 'End, HH:MM (e.g. 08:00); may be the next morning.' }) until: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreferences> {
    return new NotificationService(ctx.em, () => ctx.clock.now()).setQuietHours(ctx.viewer!, from ?? null, until ?? null);
  }

  @Authorized(Role.COACH, Role.STAFF)
  @Mutation(() => NotificationPreferences, { description: 'Coaches and staff: email once a day (08:00 your time) as one digest, or one mail each (the default).' })
  setDailyDigest(@Arg('enabled', () => Boolean, { description: 'On: the daily digest; off: one mail each.' }) enabled: boolean, @Ctx() ctx: Context): Promise<NotificationPreferences> {
    return new NotificationService(ctx.em, () => ctx.clock.now()).setDailyDigest(ctx.viewer!, enabled);
  }

  @Authorized(Role.STAFF)
  @Query(() => [CaughtMail], { description: 'Mails the development mail catcher received (SMTP_URL unset), newest first (staff): what Waypoint would send.' })
  caughtMails(@Args(() => LogArgs) args: LogArgs, @Ctx() ctx: Context): Promise<CaughtMail[]> {
    // The compiled read's own SQL for the rows' ids (notification.read.ts), then the rows.
    return listAnswer(notificationRoots.caughtMails, { ...args }, ctx, 'caughtMails', (ids) => rowsByIds(ctx.em, CaughtMail, ids));
  }

  @Authorized(Role.STAFF)
  @Query(() => [NotificationDelivery], { description: 'The delivery log, newest first (staff): each email, its status, attempts, last error and timing.' })
  notificationDeliveries(
    @Args(() => LogArgs) args: LogArgs,
    @Arg('status', () => DeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' }) status: DeliveryStatus | undefined,
    @Ctx() ctx: Context,
  ): Promise<NotificationDelivery[]> {
    return listAnswer(notificationRoots.notificationDeliveries, { ...args, status }, ctx, 'notificationDeliveries', (ids) => rowsByIds(ctx.em, NotificationDelivery, ids, ['notification']));
  }
}
