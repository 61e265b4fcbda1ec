import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { IntrospectionEnumType } from 'graphql';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { ShownOnce } from '../common/ShownOnce';
import bundledSchema from 'virtual:waypoint-schema';
import { readApiError } from '../common/apiErrors';
import type { NotificationKind } from '../gql/graphql';
import { kindLabel } from '../notifications/data';
import { ENDPOINTS_KEY, webhookMethods, type EndpointFields, type WebhookEndpoint } from './data';

/** Every event type the API knows, from the schema the console was built with (a new kind appears without a change here). */
export const EVENT_TYPES: NotificationKind[] =
  (bundledSchema?.types.find((t) => t.name === 'NotificationKind' && t.kind === 'ENUM') as IntrospectionEnumType | undefined)?.enumValues.map(
    (v) => v.name as NotificationKind,
  ) ?? [];

type Errors = Partial<Record<keyof EndpointFields | 'form', string>>;

/** The signing secret in the clear, shown once: closing forgets it for good. */
function SecretShownOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <ShownOnce
      value={secret}
      label="Signing secret"
      noun="secret"
      testId="webhook-secret"
      onDone={onDone}
      warning="Copy this signing secret now and give it to the receiving platform. It is not shown again; if it is lost, register the endpoint anew."
      hint={
        <>
          Each delivery carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (HMAC-SHA256
          of both and the body, as Standard Webhooks signs): the receiver checks the signature with this secret.
        </>
      }
    />
  );
}

/**
 * Registers an endpoint (then shows its secret once), or changes one (`endpoint`). The API's refusals are shown on the
 * field they are about.
 */
export function WebhookEndpointDialog({ open, endpoint, onClose }: { open: boolean; endpoint?: WebhookEndpoint | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [eventTypes, setEventTypes] = useState<NotificationKind[]>(endpoint?.eventTypes ?? []);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    setUrl(endpoint?.url ?? '');
    setDescription(endpoint?.description ?? '');
    setEventTypes(endpoint?.eventTypes ?? []);
    setErrors({});
    setSecret(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim()) return setErrors({ url: 'Give the address events are posted to, e.g. https://platform.example.org/waypoint-events.' });
    setErrors({});
    setSaving(true);
    const fields = { url: url.trim(), description: description.trim(), eventTypes };
    try {
      if (endpoint) {
        await webhookMethods.updateEndpoint(endpoint.id, fields);
        notify('Endpoint saved.', { type: 'success' });
        await queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY });
        close();
      } else {
        const created = await webhookMethods.createEndpoint(fields);
        await queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY });
        setSecret(created.secret);
      }
    } catch (e) {
      const { message, field } = readApiError(e, endpoint ? 'The endpoint could not be saved.' : 'The endpoint could not be registered.');
      setErrors(field === 'url' || field === 'description' || field === 'eventTypes' ? { [field]: message } : { form: message });
    }
    setSaving(false);
  };

  const title = secret ? 'Signing secret' : endpoint ? 'Change the webhook endpoint' : 'Register a webhook endpoint';
  return (
    <Dialog open={open} onClose={secret ? undefined : close} fullWidth maxWidth="sm" aria-labelledby="webhook-dialog-title">
      <DialogTitle id="webhook-dialog-title">{title}</DialogTitle>
      {secret ? (
        <SecretShownOnce secret={secret} onDone={close} />
      ) : (
        <Box component="form" onSubmit={submit} noValidate>
          <DialogContent>
            <Stack spacing={2}>
              <TextField
                label="URL"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                required
                autoFocus
                error={!!errors.url}
                helperText={errors.url ?? 'Where Waypoint POSTs each event (https).'}
                slotProps={{ htmlInput: { inputMode: 'url' } }}
              />
              <TextField
                label="Description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                error={!!errors.description}
                helperText={errors.description ?? 'What it is for, e.g. Learner progress page.'}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
              <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
                <FormLabel component="legend">Event types</FormLabel>
                <FormHelperText error={!!errors.eventTypes} sx={{ mx: 0 }}>
                  {errors.eventTypes ?? 'None chosen: every type, new ones included.'}
                </FormHelperText>
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 1 }}>
                  {EVENT_TYPES.map((kind) => (
                    <FormControlLabel
                      key={kind}
                      label={kindLabel(kind)}
                      control={
                        <Checkbox
                          size="small"
                          checked={eventTypes.includes(kind)}
                          onChange={(e) => setEventTypes((all) => (e.target.checked ? [...all, kind] : all.filter((k) => k !== kind)))}
                        />
                      }
                    />
                  ))}
                </Box>
              </Box>
              {errors.form && (
                <FormHelperText error role="alert">
                  {errors.form}
                </FormHelperText>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={saving}>
              {endpoint ? 'Save' : 'Register endpoint'}
            </Button>
          </DialogActions>
        </Box>
      )}
    </Dialog>
  );
}
