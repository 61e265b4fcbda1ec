import { Create } from 'react-admin';
import { validSession } from '../session';
import { LearnerForm } from './LearnerForm';

export default function LearnerCreate() {
  // A coach adding a learner is usually adding one of their own.
  const user = validSession()?.user;
  const defaultValues = user?.role === 'COACH' ? { coachId: user.id } : {};
  return (
    <Create title="Add learner" redirect="show">
      <LearnerForm withPassword defaultValues={defaultValues} />
    </Create>
  );
}
