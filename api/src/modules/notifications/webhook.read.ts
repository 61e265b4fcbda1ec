import { ID } from 'type-graphql';
import { computed, readType, through } from '../../read/declare';
import { offsetListSql } from '../../read/connection';
import { readRoots, validInstance, type RootSql } from '../../read/root';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { NotificationRead } from './notification.read';
import { DeliveryLogArgs } from './notification.inputs';

export const WebhookEndpointRead = readType(WebhookEndpoint, 'webhook_endpoints', {});

export const WebhookDeliveryRead = readType(WebhookDelivery, 'webhook_deliveries', {
  eventId: through({ property: 'notification', field: 'id', type: () => ID, target: () => NotificationRead, description: "The event's id: the webhook-id header, the same on every retry and replay." }),
  endpointId: through({ property: 'endpoint', field: 'id', type: () => ID, target: () => WebhookEndpointRead, description: 'The endpoint it went to.' }),
  // The text last posted, as the sender wrote it; before a first attempt, compact_json (migration 20261207140000): the
  // JSON text as JSON.stringify writes it, which is the body that will be posted.
  payload: computed({ type: () => String, description: 'The body that was posted (JSON text).', sql: (d) => `coalesce(${d}.posted_body, compact_json(${d}.payload))`, reads: [] }),
});

/**
 * The webhook pages' lists, newest first, compiled: the endpoints, and the delivery log (the newest `first` rows,
 * taken off an index on the order, then JSON for those rows only). Their resolvers ask the same SQL for the rows' ids.
 */
export const webhookRoots: Record<'webhookEndpoints' | 'webhookDeliveries', RootSql> = {
  async webhookEndpoints(_args, _ctx, node, scope) {
    return offsetListSql({ typeName: 'WebhookEndpoint', table: 'webhook_endpoints', alias: 'e', where: 'true' }, 'e.created_at desc, e.id desc', { limit: null, offset: 0 }, node, scope);
  },
  async webhookDeliveries(args, _ctx, node, scope) {
    const log = await validInstance(DeliveryLogArgs, { endpointId: args.endpointId, status: args.status, first: args.first });
    if (!log) return null;
    const and: string[] = [];
    if (log.endpointId) and.push(`d.endpoint_id = ${scope.params.add(log.endpointId.toLowerCase())}::uuid`);
    if (log.status) and.push(`d.status = ${scope.params.add(log.status)}::delivery_status`);
    const source = { typeName: 'WebhookDelivery', table: 'webhook_deliveries', alias: 'd', where: and.length ? and.join(' and ') : 'true' };
    return offsetListSql(source, 'd.created_at desc, d.id desc', { limit: log.first, offset: 0 }, node, scope);
  },
};

readRoots(webhookRoots);
