import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import type { DeliveryStatus, NotificationKind } from '../gql/graphql';
import { mutate, read } from '../graphqlClient';

graphql(`
  fragment WebhookEndpoint on WebhookEndpoint { id url description eventTypes enabled disabledReason createdAt }
`);

const WebhookEndpoints = graphql(`
  query webhookEndpoints { data: webhookEndpoints { ...WebhookEndpoint } }
`);

const CreateWebhookEndpoint = graphql(`
  mutation createWebhookEndpoint($input: WebhookEndpointInput!) {
    data: createWebhookEndpoint(input: $input) { secret endpoint { ...WebhookEndpoint } }
  }
`);

const UpdateWebhookEndpoint = graphql(`
  mutation updateWebhookEndpoint($id: ID!, $patch: WebhookEndpointPatch!) {
    data: updateWebhookEndpoint(id: $id, patch: $patch) { ...WebhookEndpoint }
  }
`);

const DeleteWebhookEndpoint = graphql(`
  mutation deleteWebhookEndpoint($id: ID!) { data: deleteWebhookEndpoint(id: $id) { id } }
`);

graphql(`
  fragment WebhookDelivery on WebhookDelivery {
    id endpointId eventId eventType status attempts responseStatus durationMs lastError replayOf payload dueAt sentAt createdAt
  }
`);

const WebhookDeliveries = graphql(`
  query webhookDeliveries($endpointId: ID, $status: DeliveryStatus, $first: Int!) {
    data: webhookDeliveries(endpointId: $endpointId, status: $status, first: $first) { ...WebhookDelivery }
  }
`);

const ReplayWebhookDelivery = graphql(`
  mutation replayWebhookDelivery($id: ID!) { data: replayWebhookDelivery(id: $id) { ...WebhookDelivery } }
`);

export type WebhookEndpoint = ResultOf<typeof WebhookEndpoints>['data'][number];
export type WebhookDelivery = ResultOf<typeof WebhookDeliveries>['data'][number];
export interface EndpointFields {
  url: string;
  description: string;
  eventTypes: NotificationKind[];
}

export const ENDPOINTS_KEY = ['webhookEndpoints'];
export const webhookDeliveriesKey = (endpointId: string) => ['webhookDeliveries', endpointId];

export const webhookMethods = {
  getEndpoints: async () => (await read(WebhookEndpoints)).data,
  /** Registers an endpoint; its signing secret comes back here only. */
  createEndpoint: async (input: EndpointFields) => (await mutate(CreateWebhookEndpoint, { input })).data,
  updateEndpoint: async (id: string, patch: Partial<EndpointFields> & { enabled?: boolean }) => (await mutate(UpdateWebhookEndpoint, { id, patch })).data,
  deleteEndpoint: async (id: string) => (await mutate(DeleteWebhookEndpoint, { id })).data,
  getDeliveries: async (endpointId: string, status: DeliveryStatus | null, first = 50) => (await read(WebhookDeliveries, { endpointId, status, first })).data,
  replay: async (id: string) => (await mutate(ReplayWebhookDelivery, { id })).data,
};
