import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import type { DeliveryStatus } from '../gql/graphql';
import { read } from '../graphqlClient';

const CaughtMails = graphql(`
  query caughtMails($first: Int!) {
    data: caughtMails(first: $first) { id messageId from to subject text html listUnsubscribe receivedAt }
  }
`);

const NotificationDeliveries = graphql(`
  query notificationDeliveries($first: Int!, $status: DeliveryStatus) {
    data: notificationDeliveries(first: $first, status: $status) {
      id channel status attempts lastError durationMs dueAt sentAt createdAt
      notification { id kind title }
    }
  }
`);

export type CaughtMail = ResultOf<typeof CaughtMails>['data'][number];
export type NotificationDelivery = ResultOf<typeof NotificationDeliveries>['data'][number];

export const CAUGHT_MAILS_KEY = ['caughtMails'];
export const DELIVERIES_KEY = ['notificationDeliveries'];

/** What staff read of the notifications Waypoint sends: the development mail catcher's mails and the delivery log. */
export const mailMethods = {
  getCaughtMails: async (first = 50) => (await read(CaughtMails, { first })).data,
  getDeliveries: async (status: DeliveryStatus | null, first = 50) => (await read(NotificationDeliveries, { first, status })).data,
};
