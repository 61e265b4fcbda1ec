import { useId } from 'react';
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useRecordContext } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { readApiError } from '../common/apiErrors';
import { formatDate, formatDateTime } from '../common/dates';
import { kindLabel } from '../reviews/labels';
import { DecisionChip, SubmissionStatusChip } from '../reviews/ReviewChips';
import { reviewPath, useLearnerSubmissions } from '../reviews/useReviews';


/** The learner's submissions, newest first, each opening its review panel. */
export function LearnerSubmissions() {
  const record = useRecordContext();
  const headingId = useId();
  const { data, error, isPending } = useLearnerSubmissions(record?.id === undefined ? undefined : String(record.id));

  return (
    <Card component="section" aria-labelledby={headingId} variant="outlined">
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          Submissions
        </Typography>
        {error ? (
          <Alert severity="error">{readApiError(error, 'The submissions could not be loaded.').message}</Alert>
        ) : isPending ? (
          <LinearProgress aria-label="Loading submissions" />
        ) : data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Nothing sent yet.
          </Typography>
        ) : (
          <Table size="small" aria-labelledby={headingId}>
            <TableHead>
              <TableRow>
                <TableCell>Kind</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Sent</TableCell>
                <TableCell>Decision</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((s) => (
                <TableRow key={s.id} data-testid="learner-submission">
                  <TableCell>
                    <Link component={RouterLink} to={reviewPath(s.id)}>
                      {kindLabel(s.kind)} v{s.versionNumber}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <SubmissionStatusChip status={s.status} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={formatDateTime(s.submittedAt)}>
                      <span>{formatDate(s.submittedAt)}</span>
                    </Tooltip>
                    {s.moduleWeek != null && (
                      <Typography variant="caption" color="text.secondary" component="p">
                        Week {s.moduleWeek}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{s.latestFeedback ? <DecisionChip decision={s.latestFeedback.decision} /> : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
