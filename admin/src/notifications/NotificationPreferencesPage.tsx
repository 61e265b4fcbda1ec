import { useEffect, useId, useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { ListState } from '../common/ListState';
import { zoneLabel } from '../common/zones';
import type { NotificationChannel } from '../gql/graphql';
import { kindLabel, notificationMethods, PREFERENCES_KEY, type KindPreference, type Preferences } from './data';
import { TableScroll } from '../common/TableScroll';

const CHANNELS: { channel: NotificationChannel; field: 'inApp' | 'email'; label: string }[] = [
  { channel: 'IN_APP', field: 'inApp', label: 'In Waypoint' },
  { channel: 'EMAIL', field: 'email', label: 'Email' },
];

function KindRow({ pref, saving, onChange }: { pref: KindPreference; saving: boolean; onChange: (channel: NotificationChannel, enabled: boolean) => void }) {
  const label = kindLabel(pref.kind);
  return (
    <TableRow data-testid="preference-row">
      <TableCell component="th" scope="row">
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {label}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {pref.description}
        </Typography>
      </TableCell>
      {CHANNELS.map((c) => (
        <TableCell key={c.channel} align="center">
          <Switch
            checked={pref[c.field]}
            disabled={saving}
            onChange={(e) => onChange(c.channel, e.target.checked)}
            slotProps={{ input: { 'aria-label': `${label}: ${c.label.toLowerCase()}` } }}
          />
        </TableCell>
      ))}
    </TableRow>
  );
}

/** Quiet hours in the person's own zone: email due then waits until they end. Both empty: none. */
function QuietHours({ prefs }: { prefs: Preferences }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [from, setFrom] = useState(prefs.quietHoursFrom ?? '');
  const [until, setUntil] = useState(prefs.quietHoursUntil ?? '');
  const [errors, setErrors] = useState<{ from?: string; until?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setFrom(prefs.quietHoursFrom ?? '');
    setUntil(prefs.quietHoursUntil ?? '');
  }, [prefs.quietHoursFrom, prefs.quietHoursUntil]);

  const save = async (next: { from: string; until: string }) => {
    if (!!next.from !== !!next.until) {
      return setErrors(next.from ? { until: 'Give an end too, or clear both for no quiet hours.' } : { from: 'Give a start too, or clear both for no quiet hours.' });
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await notificationMethods.setQuietHours(next.from || null, next.until || null);
      queryClient.setQueryData(PREFERENCES_KEY, saved);
      notify(saved.quietHoursFrom ? `Quiet hours saved: ${saved.quietHoursFrom} to ${saved.quietHoursUntil}.` : 'No quiet hours: email comes at any time.', { type: 'success' });
    } catch (e) {
      const { message, field } = readApiError(e, 'Quiet hours could not be saved.');
      setErrors(field === 'from' || field === 'until' ? { [field]: message } : { form: message });
    }
    setSaving(false);
  };

  return (
    <Box component="form" noValidate onSubmit={(e: FormEvent) => { e.preventDefault(); void save({ from, until }); }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
        <TextField label="Quiet from" type="time" value={from} onChange={(e) => setFrom(e.target.value)} error={!!errors.from} helperText={errors.from ?? 'e.g. 21:00'} slotProps={{ inputLabel: { shrink: true } }} sx={{ width: { sm: 200 } }} />
        <TextField label="Quiet until" type="time" value={until} onChange={(e) => setUntil(e.target.value)} error={!!errors.until} helperText={errors.until ?? 'e.g. 08:00, the next morning'} slotProps={{ inputLabel: { shrink: true } }} sx={{ width: { sm: 200 } }} />
        <Stack direction="row" spacing={1} sx={{ pt: { sm: 1 }, '& button': { whiteSpace: 'nowrap' } }}>
          <Button type="submit" variant="contained" disabled={saving}>
            Save quiet hours
          </Button>
          <Button disabled={saving || (!prefs.quietHoursFrom && !prefs.quietHoursUntil)} onClick={() => void save({ from: '', until: '' })}>
            No quiet hours
          </Button>
        </Stack>
      </Stack>
      {errors.form && (
        <Typography color="error" variant="body2" role="alert" sx={{ mt: 1 }}>
          {errors.form}
        </Typography>
      )}
    </Box>
  );
}

/** What Waypoint tells you and how: each kind in Waypoint (the bell) and by email, and the hours email waits out. */
export default function NotificationPreferencesPage() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const kindsHeading = useId();
  const quietHeading = useId();
  const [saving, setSaving] = useState<string | null>(null);
  const { data, error, isPending, refetch } = useQuery({ queryKey: PREFERENCES_KEY, queryFn: notificationMethods.getPreferences });

  const change = async (pref: KindPreference, channel: NotificationChannel, enabled: boolean) => {
    setSaving(pref.kind);
    try {
      queryClient.setQueryData(PREFERENCES_KEY, await notificationMethods.setPreference(pref.kind, channel, enabled));
    } catch (e) {
      notify(readApiError(e, 'That preference could not be saved.').message, { type: 'error' });
    }
    setSaving(null);
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Notification preferences" />
      <Stack spacing={2}>
        <Typography variant="h5" component="h1">
          Notification preferences
        </Typography>
        <ListState error={error} isPending={isPending} isEmpty={!data} what="notification preferences" onRetry={() => void refetch()} empty={null}>
          {data && (
            <>
              <Card variant="outlined" component="section" aria-labelledby={quietHeading}>
                <CardContent>
                  <Typography id={quietHeading} variant="h6" component="h2">
                    Quiet hours
                  </Typography>
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                    No email between these times, in your time zone ({zoneLabel(data.timeZone)}): what falls due then waits until they end.
                    The bell in Waypoint is not held back.
                  </Typography>
                  <QuietHours prefs={data} />
                </CardContent>
              </Card>
              <Card variant="outlined" component="section" aria-labelledby={kindsHeading}>
                <CardContent sx={{ pb: 0 }}>
                  <Typography id={kindsHeading} variant="h6" component="h2">
                    What Waypoint tells you
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    Each kind of message, in Waypoint (the bell) and by email. Every email also has a one-click unsubscribe.
                  </Typography>
                </CardContent>
                <TableScroll label="Notification kinds and where they go">
                  <Table size="small" aria-labelledby={kindsHeading}>
                    <TableHead>
                      <TableRow>
                        <TableCell>Message</TableCell>
                        {CHANNELS.map((c) => (
                          <TableCell key={c.channel} align="center">
                            {c.label}
                          </TableCell>
                        ))}
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {data.kinds.map((pref) => (
                        <KindRow key={pref.kind} pref={pref} saving={saving === pref.kind} onChange={(channel, enabled) => void change(pref, channel, enabled)} />
                      ))}
                    </TableBody>
                  </Table>
                </TableScroll>
              </Card>
            </>
          )}
        </ListState>
      </Stack>
    </Box>
  );
}
