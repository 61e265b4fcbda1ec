import { Edit, ShowButton, TopToolbar, useRecordContext } from 'react-admin';
import { ChangeStatusButton } from './ChangeStatusButton';
import { LearnerForm } from './LearnerForm';

const EditActions = () => (
  <TopToolbar>
    <ChangeStatusButton />
    <ShowButton />
  </TopToolbar>
);

const LearnerTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `Edit ${record.name}` : 'Edit learner'}</span>;
};

export default function LearnerEdit() {
  // Pessimistic: the API checks e-mail uniqueness and coaches; its field errors land on the form.
  return (
    <Edit title={<LearnerTitle />} actions={<EditActions />} mutationMode="pessimistic" redirect="show">
      <LearnerForm />
    </Edit>
  );
}
