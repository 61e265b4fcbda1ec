import { Create, email, PasswordInput, required, SelectInput, SimpleForm, TextInput, minLength } from 'react-admin';
import { TimeZoneInput } from '../common/TimeZoneInput';
import { STAFF_ROLE_CHOICES } from './roles';

export default function UserCreate() {
  return (
    <Create title="Add user" redirect="list">
      <SimpleForm sx={{ maxWidth: 560 }} defaultValues={{ role: 'COACH' }}>
        <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
        <TextInput source="name" label="Name" validate={required()} />
        <SelectInput
          source="role"
          label="Role"
          choices={STAFF_ROLE_CHOICES}
          validate={required()}
          helperText="Learners are added from Learners, with their module profile."
        />
        <PasswordInput source="password" label="Password" autoComplete="new-password" helperText="10 to 200 characters." validate={[required(), minLength(10)]} />
        <TimeZoneInput isRequired={false} helperText="Optional." />
      </SimpleForm>
    </Create>
  );
}
