import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../common/dates';
import { DecisionChip } from './ReviewChips';
import type { Feedback } from './types';

/** One feedback revision: decision, who and when, and what they wrote. */
export function FeedbackEntry({ feedback, inForce }: { feedback: Feedback; inForce?: boolean }) {
  return (
    <Box data-testid="feedback-entry" data-revision={feedback.revision}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
        <DecisionChip decision={feedback.decision} />
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {feedback.author.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatDateTime(feedback.createdAt)}
          {feedback.revision > 1 ? ` · correction ${feedback.revision - 1}` : ''}
          {inForce === false ? ' · replaced by a later correction' : ''}
        </Typography>
      </Stack>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', color: inForce === false ? 'text.secondary' : undefined }}>
        {feedback.body}
      </Typography>
    </Box>
  );
}

/** Every revision, newest first; only the newest is in force. */
export function FeedbackList({ feedback, label }: { feedback: Feedback[]; label: string }) {
  if (feedback.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No feedback yet.
      </Typography>
    );
  }
  return (
    <Box component="ol" aria-label={label} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {feedback.map((f, index) => (
        <Box component="li" key={f.id} sx={{ py: 1.25, '&:not(:last-of-type)': { borderBottom: 1, borderColor: 'divider' } }}>
          <FeedbackEntry feedback={f} inForce={feedback.length > 1 ? index === 0 : undefined} />
        </Box>
      ))}
    </Box>
  );
}
