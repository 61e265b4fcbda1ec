import RateReviewIcon from '@mui/icons-material/RateReview';
import { lazy } from 'react';

// Loaded when first opened, like the other pages that are not plain lists.
const ReviewQueuePage = lazy(() => import('./ReviewQueuePage'));
const ReviewPanel = lazy(() => import('./ReviewPanel'));

/** The review queue (list) and one submission's review panel (show, at /review-queue/:id/show). */
export default {
  list: ReviewQueuePage,
  show: ReviewPanel,
  icon: RateReviewIcon,
  options: { label: 'Review queue' },
};
