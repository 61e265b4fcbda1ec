import { DateInput, email, Labeled, maxLength, minLength, PasswordInput, required, SimpleForm, TextInput, usePermissions, WithRecord, type SimpleFormProps } from 'react-admin';
import Typography from '@mui/material/Typography';
import { COHORT_MAX_LENGTH, cohortName } from '../common/cohorts';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { TimeZoneInput } from '../common/TimeZoneInput';
import { CoachInput } from './CoachInput';

/**
 * The learner's profile; on create, an optional first password. Staff set the cohort on create and on edit (the API
 * refuses it from coaches); a coach editing a learner reads it as the learner's page writes it.
 */
export function LearnerForm({ withPassword = false, ...props }: { withPassword?: boolean } & Omit<SimpleFormProps, 'children'>) {
  const { permissions } = usePermissions();
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} {...props} sx={{ maxWidth: 560 }}>
      <TextInput source="name" label="Name" validate={required()} />
      <TextInput source="email" label="Email" type="email" validate={[required(), email()]} />
      <TimeZoneInput />
      <DateInput source="moduleStartDate" label="Module start date" validate={required()} helperText="Day 1 of week 1, in the learner's time zone." />
      <CoachInput />
      {permissions === 'STAFF' ? (
        <TextInput
          source="cohort"
          label="Cohort"
          validate={maxLength(COHORT_MAX_LENGTH)}
          helperText={`Program reports group learners by it, up to ${COHORT_MAX_LENGTH} characters. Empty: the cohort of their module start month.`}
        />
      ) : (
        permissions && (
          <WithRecord
            render={(record) =>
              record.id ? (
                <Labeled label="Cohort (set by staff)">
                  <Typography variant="body2">{cohortName(record.cohort, record.moduleStartDate)}</Typography>
                </Labeled>
              ) : null
            }
          />
        )
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
