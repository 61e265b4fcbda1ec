import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone: it scrolls sideways inside this box, not the page. The box can take
 * keyboard focus (arrow keys scroll it) and is a named region, so a keyboard user can reach what is off screen.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box tabIndex={0} role="region" aria-label={label} sx={{ overflowX: 'auto', maxWidth: '100%', position: 'relative' }}>
      {children}
    </Box>
  );
}
