import EventIcon from '@mui/icons-material/Event';
import { lazy } from 'react';

// Loaded when first opened, like the other pages that are not plain lists.
const EventListPage = lazy(() => import('./EventListPage'));
const EventPage = lazy(() => import('./EventPage'));

/** Coaching events (list) and one event with its RSVPs and attendance (show, at /events/:id/show). */
export default {
  list: EventListPage,
  show: EventPage,
  icon: EventIcon,
  options: { label: 'Events' },
};
