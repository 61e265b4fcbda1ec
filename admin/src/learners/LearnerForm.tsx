import { DateInput, email, maxLength, minLength, PasswordInput, required, SimpleForm, TextInput, usePermissions, type SimpleFormProps } from 'react-admin';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { TimeZoneInput } from '../common/TimeZoneInput';
import { CoachInput } from './CoachInput';

/** The learner's profile; on create, an optional first password; on edit, for staff, the learner's cohort. */
export function LearnerForm({ withPassword = false, withCohort = false, ...props }: { withPassword?: boolean; withCohort?: boolean } & Omit<SimpleFormProps, 'children'>) {
  const { permissions } = usePermissions();
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} {...props} sx={{ maxWidth: 560 }}>
      <TextInput source="name" label="Name" validate={required()} />
      <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
      <TimeZoneInput />
      <DateInput source="moduleStartDate" label="Module start date" validate={required()} helperText="Day 1 of week 1, in the learner's time zone." />
      <CoachInput />
      {withCohort && permissions === 'STAFF' && (
        <TextInput
          source="cohort"
          label="Cohort"
          validate={maxLength(60)}
          helperText="Program reports group learners by it, up to 60 characters. Empty: the cohort of their module start month."
        />
      )}
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
