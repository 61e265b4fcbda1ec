import { DateInput, email, minLength, PasswordInput, required, SimpleForm, TextInput, type SimpleFormProps } from 'react-admin';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { TimeZoneInput } from '../common/TimeZoneInput';
import { CoachInput } from './CoachInput';

/** The learner's profile; on create, an optional first password. */
export function LearnerForm({ withPassword = false, ...props }: { withPassword?: boolean } & Omit<SimpleFormProps, 'children'>) {
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} {...props} sx={{ maxWidth: 560 }}>
      <TextInput source="name" label="Name" validate={required()} />
      <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
      <TimeZoneInput />
      <DateInput source="moduleStartDate" label="Module start date" validate={required()} helperText="Day 1 of week 1, in the learner's time zone." />
      <CoachInput />
      {withPassword && (
        <PasswordInput
          source="password"
          label="Initial password"
          autoComplete="new-password"
          validate={minLength(10)}
          helperText="Optional, 10 to 200 characters. Without one, the learner cannot sign in yet."
        />
      )}
    </SimpleForm>
  );
}
