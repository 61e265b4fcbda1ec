import { readType, through } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { CaughtMail, Notification, NotificationDelivery } from './notification.entity';
import { DeliveryStatus } from './notification-kind';
import { LogArgs } from './notification.inputs';

/**
 * A notification read by its columns; `link` (the request's public URL before its path) and `read` keep their
 * resolvers, so a document that selects them runs through the resolvers.
 */
export const NotificationRead = readType(Notification, 'notifications', {});

export const NotificationDeliveryRead = readType(NotificationDelivery, 'notification_deliveries', {
  notification: through({ property: 'notification', target: () => NotificationRead, description: 'What is delivered, to whom (its recipient) and why.' }),
});

export const CaughtMailRead = readType(CaughtMail, 'caught_mails', {});

const STATUSES = new Set<unknown>(Object.values(DeliveryStatus));

/**
 * The staff pages' mail logs, newest first, compiled: one statement, the newest `first` rows taken off an index
 * on the order first, then JSON for those rows only. Their resolvers ask the same SQL for the rows' ids (listAnswer).
 */
export const notificationRoots: Record<'caughtMails' | 'notificationDeliveries', RootSql> = {
  async caughtMails(args, _ctx, node, scope) {
    const log = await validInstance(LogArgs, { first: args.first });
    if (!log) return null;
    return offsetListSql({ typeName: 'CaughtMail', table: 'caught_mails', alias: 'm', where: 'true' }, 'm.received_at desc, m.id desc', { limit: log.first, offset: 0 }, node, scope);
  },
  async notificationDeliveries(args, _ctx, node, scope) {
    const log = await validInstance(LogArgs, { first: args.first });
    if (!log || (args.status != null && !STATUSES.has(args.status))) return null;
    const where = args.status != null ? `d.status = ${scope.params.add(args.status)}::delivery_status` : 'true';
    const source = { typeName: 'NotificationDelivery', table: 'notification_deliveries', alias: 'd', where };
    return offsetListSql(source, 'd.created_at desc, d.id desc', { limit: log.first, offset: 0 }, node, scope);
  },
};

readRoots(notificationRoots);
