import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { StatusChip } from '../enrollment/StatusChip';
import type { ComplianceChange } from './types';

/** The status changes of a compliance run, one row per learner-week. */
export function ComplianceChanges({ changes, caption }: { changes: ComplianceChange[]; caption: string }) {
  return (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell>Learner</TableCell>
          <TableCell>Module week</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Missing</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((change) => (
          <TableRow key={`${change.learnerId}-${change.moduleWeek}`} data-testid="compliance-change">
            <TableCell>
              <Link component={RouterLink} to={`/learners/${encodeURIComponent(change.learnerId)}/show`}>
                {change.learner?.name ?? change.learnerId}
              </Link>
            </TableCell>
            <TableCell>Week {change.moduleWeek}</TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
                <StatusChip status={change.from} />
                <ArrowForwardIcon fontSize="small" aria-label="to" />
                <StatusChip status={change.to} />
              </Box>
            </TableCell>
            <TableCell>
              {change.missing.length ? (
                change.missing.join(', ')
              ) : (
                <Typography variant="body2" color="success.main">
                  All met: recovers
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
