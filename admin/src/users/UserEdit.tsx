import {
  Edit,
  email,
  Labeled,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  useRecordContext,
  WithRecord,
} from 'react-admin';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { ActiveToggleButton } from './ActiveToggleButton';
import { ROLE_LABELS, STAFF_ROLE_CHOICES } from './roles';

const EditActions = () => (
  <TopToolbar>
    <ActiveToggleButton />
  </TopToolbar>
);

const UserTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `Edit ${record.name}` : 'Edit user'}</span>;
};

/** A learner's role is not changed here: their learner profile would be left behind. */
function RoleInput() {
  return (
    <WithRecord
      render={(record) =>
        record.role === 'LEARNER' ? (
          <Labeled label="Role"><span>{ROLE_LABELS.LEARNER}</span></Labeled>
        ) : (
          <SelectInput source="role" label="Role" choices={STAFF_ROLE_CHOICES} validate={required()} />
        )
      }
    />
  );
}

export default function UserEdit() {
  return (
    <Edit title={<UserTitle />} actions={<EditActions />} mutationMode="pessimistic" redirect="list">
      <SimpleForm sx={{ maxWidth: 560 }} toolbar={<SaveOnlyToolbar />}>
        <TextInput source="name" label="Name" validate={required()} />
        <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
        <RoleInput />
        <PasswordInput
          source="password"
          label="New password"
          autoComplete="new-password"
          validate={minLength(10)}
          helperText="Leave empty to keep the current one. 10 to 200 characters."
        />
      </SimpleForm>
    </Edit>
  );
}
