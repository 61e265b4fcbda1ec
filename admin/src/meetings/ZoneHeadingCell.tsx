import type { ReactNode } from 'react';
import { TableCell, Typography } from '@mui/material';

/** A column heading naming whose time the column shows, with that person's zone under it. */
export function ZoneHeadingCell({ label, zone }: { label: ReactNode; zone: string }) {
  return (
    <TableCell>
      {label}
      <Typography variant="caption" component="div" color="text.secondary">
        {zone.replaceAll('_', ' ')}
      </Typography>
    </TableCell>
  );
}
