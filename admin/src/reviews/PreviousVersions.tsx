import { useId } from 'react';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../common/dates';
import { FeedbackList } from './FeedbackList';
import { SubmissionStatusChip } from './ReviewChips';
import { SubmissionContent } from './SubmissionContent';
import type { PreviousVersion } from './types';
import { reviewPath } from './useReviews';

const isLoaded = (v: PreviousVersion['previousVersion']): v is PreviousVersion => !!v && 'kind' in v;

/** The earlier versions this one resubmits, newest first, each with the feedback that sent it back. */
export function PreviousVersions({ previous }: { previous: PreviousVersion | null }) {
  const headingId = useId();
  const versions: PreviousVersion[] = [];
  let older: PreviousVersion['previousVersion'] = previous;
  while (isLoaded(older)) {
    versions.push(older);
    older = older.previousVersion;
  }
  if (versions.length === 0) return null;

  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          Previous versions
        </Typography>
        {versions.map((version, index) => (
          <Accordion key={version.id} disableGutters defaultExpanded={index === 0} variant="outlined" data-testid="previous-version">
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography sx={{ fontWeight: 500 }}>Version {version.versionNumber}</Typography>
                <SubmissionStatusChip status={version.status} />
                <Typography variant="body2" color="text.secondary">
                  sent {formatDateTime(version.submittedAt)}
                </Typography>
              </Stack>
            </AccordionSummary>
            <AccordionDetails>
              <Stack spacing={2}>
                <SubmissionContent submission={version} />
                <div>
                  <Typography variant="subtitle2" component="h3" gutterBottom>
                    Feedback on version {version.versionNumber}
                  </Typography>
                  <FeedbackList feedback={version.feedback} label={`Feedback on version ${version.versionNumber}`} />
                </div>
              </Stack>
            </AccordionDetails>
          </Accordion>
        ))}
        {older && (
          <Typography variant="body2" sx={{ mt: 1.5 }}>
            Older:{' '}
            <Link component={RouterLink} to={reviewPath(older.id)}>
              open version {older.versionNumber}
            </Link>
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
