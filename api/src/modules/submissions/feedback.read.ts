import { readType, through } from '../../read/declare';
import { UserRead } from '../users/user.read';
import { Feedback } from './feedback.entity';

/** Feedback's fields beyond its columns. */
export const FeedbackRead = readType(Feedback, 'feedback', {
  author: through({ property: 'author', target: () => UserRead, description: 'The coach (or staff member) who wrote it.' }),
});
