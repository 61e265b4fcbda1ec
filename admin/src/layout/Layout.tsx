import { forwardRef, type ReactNode } from 'react';
import LinkIcon from '@mui/icons-material/Link';
import Box from '@mui/material/Box';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { AppBar, Layout as RaLayout, Logout, TitlePortal, UserMenu, useUserMenu } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
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

function WaypointAppBar() {
  return (
    <AppBar
      userMenu={
        <UserMenu>
          <CalendarFeedMenuItem />
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
    </AppBar>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return <RaLayout appBar={WaypointAppBar} menu={Menu}>{children}</RaLayout>;
}
