import { AutocompleteInput, ReferenceInput, required } from 'react-admin';

/** Picks an active coach (users with role COACH). */
export function CoachInput({ alwaysOn, isRequired = true }: { alwaysOn?: boolean; isRequired?: boolean }) {
  return (
    <ReferenceInput
      source="coachId"
      reference="users"
      filter={{ role: 'COACH', active: true }}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={100}
      alwaysOn={alwaysOn}
    >
      <AutocompleteInput
        label="Coach"
        optionText="name"
        validate={isRequired ? required() : undefined}
        filterToQuery={(q) => (q ? { q } : {})}
      />
    </ReferenceInput>
  );
}
