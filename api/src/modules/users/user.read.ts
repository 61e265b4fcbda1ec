import { readType } from '../../read/declare';
import { User } from './user.entity';

/** User is read by its columns alone (the learner record stays a resolver of its own: it is a guarded lookup). */
export const UserRead = readType(User, 'users', {});
