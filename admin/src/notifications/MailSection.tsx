import { useState } from 'react';
import RefreshIcon from '@mui/icons-material/Refresh';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Fact } from '../common/Fact';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import type { DeliveryStatus } from '../gql/graphql';
import { kindLabel } from './data';
import { CAUGHT_MAILS_KEY, DELIVERIES_KEY, mailMethods, type CaughtMail } from './staffData';
import { TableScroll } from '../common/TableScroll';

const STATUS_CHIP: Record<DeliveryStatus, { label: string; color: 'success' | 'warning' | 'error' }> = {
  SENT: { label: 'Sent', color: 'success' },
  PENDING: { label: 'Waiting', color: 'warning' },
  FAILED: { label: 'Failed', color: 'error' },
};

export function DeliveryStatusChip({ status }: { status: DeliveryStatus }) {
  const chip = STATUS_CHIP[status];
  return <Chip size="small" variant="outlined" label={chip.label} color={chip.color} />;
}

/** One caught mail as its recipient would read it: the HTML part in a sandbox (no scripts, no links out), and the text. */
function MailDialog({ mail, onClose }: { mail: CaughtMail | null; onClose: () => void }) {
  return (
    <Dialog open={!!mail} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="caught-mail-title">
      <DialogTitle id="caught-mail-title">{mail?.subject}</DialogTitle>
      {mail && (
        // Focusable: a long mail scrolls, and the keyboard must be able to scroll it.
        <DialogContent dividers tabIndex={0}>
          <Box component="dl" sx={{ m: 0, mb: 2 }}>
            <Fact label="To">{mail.to}</Fact>
            <Fact label="From">{mail.from}</Fact>
            <Fact label="Received">{formatDateTime(mail.receivedAt)}</Fact>
            {mail.listUnsubscribe && <Fact label="Unsubscribe">{mail.listUnsubscribe}</Fact>}
          </Box>
          {mail.html && (
            <>
              <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 1 }}>
                As HTML
              </Typography>
              {/* sandbox with no permissions: the mail's HTML runs no script and cannot reach the console. */}
              <Box
                component="iframe"
                title={`HTML of the mail: ${mail.subject}`}
                sandbox=""
                srcDoc={mail.html}
                referrerPolicy="no-referrer"
                data-testid="mail-html"
                sx={{ width: '100%', height: 320, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
              />
            </>
          )}
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 1 }}>
            As plain text
          </Typography>
          <Box component="pre" data-testid="mail-text" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'monospace', fontSize: 13, m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1 }}>
            {mail.text}
          </Box>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function CaughtMails() {
  const [reading, setReading] = useState<CaughtMail | null>(null);
  const { data, error, isPending, refetch, isFetching } = useQuery({ queryKey: CAUGHT_MAILS_KEY, queryFn: () => mailMethods.getCaughtMails() });
  return (
    <Stack spacing={1} component="section" aria-labelledby="caught-mails-heading">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Box>
          <Typography id="caught-mails-heading" variant="h6" component="h2">
            Caught mails
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Without SMTP_URL, Waypoint sends no email: its own mail catcher keeps each one here, as it would have gone out.
          </Typography>
        </Box>
        <Button startIcon={<RefreshIcon />} onClick={() => void refetch()} disabled={isFetching}>
          Refresh
        </Button>
      </Stack>
      <ListState error={error} isPending={isPending} isEmpty={!data?.length} what="caught mails" onRetry={() => void refetch()} empty={<Typography color="text.secondary">No mail caught yet.</Typography>}>
        <TableScroll label="Mails caught so far">
          <Table size="small" aria-labelledby="caught-mails-heading">
            <TableHead>
              <TableRow>
                <TableCell>Subject</TableCell>
                <TableCell>To</TableCell>
                <TableCell>Received</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((mail) => (
                <TableRow key={mail.id} hover data-testid="caught-mail">
                  <TableCell component="th" scope="row">
                    <Link component="button" variant="body2" onClick={() => setReading(mail)} sx={{ textAlign: 'left' }}>
                      {mail.subject}
                    </Link>
                  </TableCell>
                  <TableCell>{mail.to}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(mail.receivedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </ListState>
      <MailDialog mail={reading} onClose={() => setReading(null)} />
    </Stack>
  );
}

function DeliveryLog() {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: [...DELIVERIES_KEY, status],
    queryFn: () => mailMethods.getDeliveries(status || null),
  });
  return (
    <Stack spacing={1} component="section" aria-labelledby="delivery-log-heading">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
        <Box>
          <Typography id="delivery-log-heading" variant="h6" component="h2">
            Email delivery log
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Each email Waypoint sent or will send: waiting ones wait out quiet hours or a failed attempt; after 24 hours of failures one is given up.
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField select size="small" label="Status" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')} sx={{ minWidth: 140 }}>
            <MenuItem value="">Any</MenuItem>
            {(Object.keys(STATUS_CHIP) as DeliveryStatus[]).map((s) => (
              <MenuItem key={s} value={s}>
                {STATUS_CHIP[s].label}
              </MenuItem>
            ))}
          </TextField>
          <Button startIcon={<RefreshIcon />} onClick={() => void refetch()} disabled={isFetching}>
            Refresh
          </Button>
        </Stack>
      </Stack>
      <ListState error={error} isPending={isPending} isEmpty={!data?.length} what="delivery log" onRetry={() => void refetch()} empty={<Typography color="text.secondary">Nothing in the log{status ? ' with that status' : ''}.</Typography>}>
        <TableScroll label="Each email and how its delivery went">
          <Table size="small" aria-labelledby="delivery-log-heading">
            <TableHead>
              <TableRow>
                <TableCell>Notification</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Attempts</TableCell>
                <TableCell>Written</TableCell>
                <TableCell>Sent, or due</TableCell>
                <TableCell align="right">Took</TableCell>
                <TableCell>Last error</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((d) => (
                <TableRow key={d.id} data-testid="notification-delivery">
                  <TableCell component="th" scope="row">
                    {d.notification.title}
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {kindLabel(d.notification.kind)} · {d.channel === 'EMAIL' ? 'Email' : 'In Waypoint'}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <DeliveryStatusChip status={d.status} />
                  </TableCell>
                  <TableCell align="right">{d.attempts}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.sentAt ? formatDateTime(d.sentAt) : d.status === 'PENDING' ? `due ${formatDateTime(d.dueAt)}` : ''}</TableCell>
                  <TableCell align="right">{d.durationMs != null ? `${d.durationMs} ms` : ''}</TableCell>
                  <TableCell sx={{ maxWidth: 320, wordBreak: 'break-word' }}>{d.lastError ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </ListState>
    </Stack>
  );
}

/** Staff: what Waypoint would have emailed (the development mail catcher) and how each email's delivery went. */
export function MailSection() {
  return (
    <Stack spacing={4}>
      <CaughtMails />
      <DeliveryLog />
    </Stack>
  );
}
