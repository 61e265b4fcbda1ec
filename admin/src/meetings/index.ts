import VideoChatIcon from '@mui/icons-material/VideoChat';
import { lazy } from 'react';

// Loaded when first opened, like the other pages that are not plain lists.
const MeetingQueuePage = lazy(() => import('./MeetingQueuePage'));
const MeetingPage = lazy(() => import('./MeetingPage'));

/** Meeting requests (list) and one meeting (show, at /meetings/:id/show). */
export default {
  list: MeetingQueuePage,
  show: MeetingPage,
  icon: VideoChatIcon,
  options: { label: '1:1 meetings' },
};
