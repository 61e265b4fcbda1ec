import { useId, useRef, useState } from 'react';
import NotificationsIcon from '@mui/icons-material/Notifications';
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNone';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { visuallyHidden } from '../common/visuallyHidden';
import { formatAgo } from '../common/zones';
import { notificationMethods, NOTIFICATIONS_KEY, type NotificationItem } from './data';

export const PREFERENCES_PATH = '/notification-preferences';

/** The console's base path ("/admin"): a notification's link under it opens inside the console. */
const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** The path inside the console for a link Waypoint wrote ("https://…/admin/meetings/1/show" → "/meetings/1/show"), else null. */
export function consolePath(link: string): string | null {
  try {
    const url = new URL(link, window.location.origin);
    if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return null;
    return `${url.pathname.slice(BASE.length) || '/'}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

function NotificationEntry({ item, onOpen, onMarkRead }: { item: NotificationItem; onOpen: (item: NotificationItem) => void; onMarkRead: (item: NotificationItem) => void }) {
  const inConsole = item.link ? consolePath(item.link) : null;
  return (
    <Box component="li" data-testid="notification" data-read={item.read} sx={{ px: 2, py: 1.25, borderLeft: 3, borderColor: item.read ? 'transparent' : 'primary.main', bgcolor: item.read ? undefined : 'action.hover' }}>
      <Typography variant="body2" component="p" sx={{ fontWeight: item.read ? 400 : 600 }}>
        {!item.read && <Box component="span" sx={visuallyHidden}>Unread: </Box>}
        {item.title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
        {item.body}
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mt: 0.5 }}>
        <Typography variant="caption" color="text.secondary" component="time" dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
          {formatAgo(item.createdAt)}
        </Typography>
        {item.link &&
          (inConsole ? (
            <Link component="button" variant="caption" onClick={() => onOpen(item)} aria-label={`Open: ${item.title}`}>
              Open
            </Link>
          ) : (
            <Link variant="caption" href={item.link} target="_blank" rel="noopener noreferrer" onClick={() => onOpen(item)} aria-label={`Open: ${item.title} (new tab)`}>
              Open
            </Link>
          ))}
        {!item.read && (
          <Link component="button" variant="caption" onClick={() => onMarkRead(item)} aria-label={`Mark read: ${item.title}`}>
            Mark read
          </Link>
        )}
      </Stack>
    </Box>
  );
}

/**
 * The bell in the app bar: how many notifications are unread (the live connection keeps it current), and the latest
 * ones with where to act on each, to mark read one at a time or all at once.
 */
export function NotificationBell() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const headingId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error, refetch } = useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: () => notificationMethods.getNotifications() });
  const unread = data?.unreadCount ?? 0;
  // The badge's own text in the name too (WCAG 2.5.3, label in name): "Notifications, 3 unread", "99+" past 99.
  const label = data ? `Notifications, ${unread > 99 ? '99+' : unread} unread` : 'Notifications';

  const markRead = async (ids?: string[]) => {
    try {
      const left = await notificationMethods.markRead(ids);
      const readAt = new Date().toISOString();
      queryClient.setQueryData<typeof data>(NOTIFICATIONS_KEY, (list) =>
        list && { ...list, unreadCount: left, nodes: list.nodes.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true, readAt: n.readAt ?? readAt } : n)) },
      );
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    } catch (e) {
      notify(readApiError(e, 'Notifications could not be marked read.').message, { type: 'error' });
    }
  };

  const open = (item: NotificationItem) => {
    if (!item.read) void markRead([item.id]);
    const path = item.link ? consolePath(item.link) : null;
    if (path) {
      setAnchor(null);
      navigate(path);
    }
  };

  return (
    <>
      <Tooltip title="Notifications">
        <IconButton color="inherit" aria-label={label} aria-haspopup="dialog" aria-expanded={!!anchor} onClick={(e) => setAnchor(e.currentTarget)} data-testid="notification-bell">
          <Badge badgeContent={unread} max={99} color="error" data-testid="notification-count">
            {unread ? <NotificationsIcon /> : <NotificationsNoneIcon />}
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': headingId, sx: { width: 380, maxWidth: 'calc(100vw - 16px)', maxHeight: '70vh', display: 'flex', flexDirection: 'column' } } }}
      >
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1 }}>
          <Typography id={headingId} ref={heading} tabIndex={-1} variant="subtitle1" component="h2" sx={{ fontWeight: 600, outline: 'none' }}>
            Notifications{unread ? ` (${unread} unread)` : ''}
          </Typography>
          <Button
            size="small"
            disabled={!unread}
            onClick={() => {
              // The button turns off under the keyboard's focus: keep focus in the pop-up (Escape still closes it).
              heading.current?.focus();
              void markRead();
            }}
          >
            Mark all read
          </Button>
        </Stack>
        <Divider />
        <Box sx={{ overflowY: 'auto', flex: 1 }}>
          {error ? (
            <Stack spacing={1} sx={{ p: 2, alignItems: 'flex-start' }}>
              <Typography variant="body2">{readApiError(error, 'Notifications could not be read.').message}</Typography>
              <Button size="small" onClick={() => void refetch()}>
                Try again
              </Button>
            </Stack>
          ) : !data ? (
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              Reading your notifications…
            </Typography>
          ) : data.nodes.length === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
              Nothing yet. Waypoint tells you here when something needs you.
            </Typography>
          ) : (
            <Box component="ul" aria-label="Latest notifications" sx={{ listStyle: 'none', m: 0, p: 0, '& > li + li': { borderTop: 1, borderTopColor: 'divider' } }}>
              {data.nodes.map((item) => (
                <NotificationEntry key={item.id} item={item} onOpen={open} onMarkRead={(n) => {
                    heading.current?.focus(); // the link goes once read
                    void markRead([n.id]);
                  }} />
              ))}
            </Box>
          )}
        </Box>
        <Divider />
        <Box sx={{ px: 2, py: 1 }}>
          <Link component={RouterLink} to={PREFERENCES_PATH} variant="body2" onClick={() => setAnchor(null)}>
            Notification preferences
          </Link>
        </Box>
      </Popover>
    </>
  );
}
