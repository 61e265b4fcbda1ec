import { graphql } from '../gql';

/** Each person's own bell: the newest notification and the unread count, or `resync` when the server may have missed some. */
export const NotificationAdded = graphql(`
  subscription notificationAdded {
    notificationAdded { latest { ...Notification } unreadCount resync }
  }
`);

/** Coaches and staff: a submission changed (or `all`: read the whole queue again). */
export const ReviewQueueChanged = graphql(`
  subscription reviewQueueChanged {
    reviewQueueChanged { submissionIds all }
  }
`);
