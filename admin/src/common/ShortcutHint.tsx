import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/** A keyboard-shortcut hint: hidden on touch screens, where there is no keyboard to press it on. */
export function ShortcutHint({ children }: { children: ReactNode }) {
  return (
    <Box component="span" className="wp-shortcut-hint" sx={{ '@media (hover: none), (pointer: coarse)': { display: 'none' } }}>
      {children}
    </Box>
  );
}
