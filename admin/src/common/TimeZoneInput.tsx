import { useMemo } from 'react';
import { AutocompleteInput, required, useRecordContext, type Validator } from 'react-admin';

/** IANA time zones known to this browser, plus UTC and the record's own value. */
function timeZoneChoices(current?: string) {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort().map((zone) => ({ id: zone, name: zone.replaceAll('_', ' ') }));
}

export function TimeZoneInput({ isRequired = true, helperText }: { isRequired?: boolean; helperText?: string }) {
  const record = useRecordContext();
  const choices = useMemo(() => timeZoneChoices(record?.timeZone as string | undefined), [record?.timeZone]);
  const validate: Validator[] = isRequired ? [required()] : [];
  return (
    <AutocompleteInput
      source="timeZone"
      label="Time zone"
      choices={choices}
      validate={validate}
      helperText={helperText ?? 'Module weeks start and end at midnight in this time zone.'}
    />
  );
}
