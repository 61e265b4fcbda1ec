import { forwardRef, type ReactNode } from 'react';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlined';
import LinkIcon from '@mui/icons-material/Link';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import Box from '@mui/material/Box';
import GlobalStyles from '@mui/material/GlobalStyles';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { AppBar, Layout as RaLayout, Logout, TitlePortal, useGetIdentity, UserMenu, useUserMenu } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { graphql } from '../gql';
import { read } from '../graphqlClient';
import { LiveUpdates } from '../live/LiveUpdates';
import { NotificationBell, PREFERENCES_PATH } from '../notifications/NotificationBell';
import { Menu } from './Menu';

/** Opens the calendar page with its calendar-feed dialog. */
const CalendarFeedMenuItem = forwardRef<HTMLAnchorElement>(function CalendarFeedMenuItem(props, ref) {
  const userMenu = useUserMenu();
  return (
    <MenuItem ref={ref} {...props} component={RouterLink} to="/calendar?feed=1" onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <LinkIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Calendar link</ListItemText>
    </MenuItem>
  );
});

/** Which notifications come, where, and the quiet hours. */
const NotificationPreferencesMenuItem = forwardRef<HTMLAnchorElement>(function NotificationPreferencesMenuItem(props, ref) {
  const userMenu = useUserMenu();
  return (
    <MenuItem ref={ref} {...props} component={RouterLink} to={PREFERENCES_PATH} onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <NotificationsActiveIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Notification preferences</ListItemText>
    </MenuItem>
  );
});

const SupportUrl = graphql(`
  query supportUrl { supportUrl }
`);

/** The program's support desk (SUPPORT_URL), for when something needs a person: opens in a new tab. */
const SupportMenuItem = forwardRef<HTMLAnchorElement>(function SupportMenuItem(props, ref) {
  const userMenu = useUserMenu();
  const { data } = useQuery({ queryKey: ['supportUrl'], queryFn: async () => (await read(SupportUrl)).supportUrl, staleTime: Infinity });
  if (!data) return null;
  return (
    <MenuItem ref={ref} {...props} component="a" href={data} target="_blank" rel="noopener noreferrer" onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <HelpOutlineIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Help and support</ListItemText>
    </MenuItem>
  );
});

function WaypointAppBar() {
  const { identity } = useGetIdentity();
  return (
    <AppBar
      userMenu={
        // The button shows the person's name: its accessible name must contain it (WCAG 2.5.3, label in name).
        <UserMenu label={identity?.fullName ? `${identity.fullName}: profile` : 'Profile'}>
          <CalendarFeedMenuItem />
          <NotificationPreferencesMenuItem />
          <SupportMenuItem />
          <Logout />
        </UserMenu>
      }
    >
      <Typography variant="h6" component="span" sx={{ fontWeight: 600, mr: 2, letterSpacing: 0.5 }}>
        Waypoint
      </Typography>
      <Box component="span" sx={{ opacity: 0.6, mr: 2 }} aria-hidden>
        |
      </Box>
      <TitlePortal />
      <NotificationBell />
    </AppBar>
  );
}

/**
 * Phone and tablet widths: the page never scrolls sideways. The content column may shrink below its widest
 * child (a flex item's default min-width is its content), and a table wider than its box scrolls inside it.
 */
const responsive = (
  <GlobalStyles
    styles={{
      '.RaLayout-content, .RaList-main, .RaShow-main, .RaShow-card, .RaEdit-main, .RaEdit-card, .RaCreate-main, .RaCreate-card': { minWidth: 0 },
      '.RaList-content': { overflowX: 'auto' },
      // react-admin keeps the bulk-actions toolbar in the page while no row is selected, only moved out of
      // sight: hidden, its buttons (icons without names on a phone) leave the accessibility tree too.
      '.RaBulkActionsToolbar-collapsed': { visibility: 'hidden' },
      // "Page not found" is written at half opacity: 3:1 against the page. Full-strength secondary text reads.
      '.RaNotFound-message': { opacity: '1 !important' },
      // position: a visually hidden (absolute) header inside must not escape the scroll box.
      '*:has(> table.MuiTable-root)': { overflowX: 'auto', maxWidth: '100%', position: 'relative' },
    }}
  />
);

export function Layout({ children }: { children: ReactNode }) {
  return (
    // react-admin's root is min-width: fit-content, which lets the widest table widen the whole page.
    <RaLayout appBar={WaypointAppBar} menu={Menu} sx={{ minWidth: 0, '& .RaLayout-content': { px: { xs: 1, sm: 2 } } }}>
      {responsive}
      {children}
      <LiveUpdates />
    </RaLayout>
  );
}
