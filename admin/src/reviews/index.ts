import RateReviewIcon from '@mui/icons-material/RateReview';
import { lazy } from 'react';
// Where coaches land: in the console's chunk rather than lazy, since React holds a resolved
// Suspense boundary back (up to 300 ms) before it shows, and this page is timed (issue 7).
import ReviewQueuePage from './ReviewQueuePage';

// Loaded when first opened, like the other pages that are not plain lists.
const ReviewPanel = lazy(() => import('./ReviewPanel'));

/** The review queue (list) and one submission's review panel (show, at /review-queue/:id/show). */
export default {
  list: ReviewQueuePage,
  show: ReviewPanel,
  icon: RateReviewIcon,
  options: { label: 'Review queue' },
};
