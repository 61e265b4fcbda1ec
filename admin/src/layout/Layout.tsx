import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal } from 'react-admin';
import { Menu } from './Menu';

function WaypointAppBar() {
  return (
    <AppBar>
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
