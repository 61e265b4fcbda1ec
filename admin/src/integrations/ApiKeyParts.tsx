/** The pieces of an API key's life the API clients section shows: how long it works, and the key shown once. */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { ShownOnce } from '../common/ShownOnce';

/** How long a new key works; operators rotate before it ends. */
const EXPIRY_CHOICES = [
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 30, label: '30 days' },
  { days: 0, label: 'Never' },
];

/** A fresh idempotency key (getRandomValues works where randomUUID does not: pages served over plain http). */
export const newRetryKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export const expiryIn = (days: number) => (days ? new Date(Date.now() + days * 86_400_000).toISOString() : null);

/** A key in the clear, shown once: closing forgets it for good. */
export function KeyShownOnce({ apiKey, onDone }: { apiKey: string; onDone: () => void }) {
  return (
    <ShownOnce
      value={apiKey}
      label="API key"
      noun="key"
      testId="new-api-key"
      onDone={onDone}
      warning="Copy this key now and store it in the other system. Waypoint keeps only its hash: you will not see it again. If it is lost, rotate the key and revoke the lost one."
      hint={<>Send it as <code>Authorization: Bearer &lt;key&gt;</code>.</>}
    />
  );
}

export function ExpirySelect({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return (
    <TextField select label="Key expires after" value={days} onChange={(e) => onChange(Number(e.target.value))} helperText="An expired key is refused; rotate before then.">
      {EXPIRY_CHOICES.map((c) => (
        <MenuItem key={c.days} value={c.days}>
          {c.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
