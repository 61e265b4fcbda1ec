import type { Ref } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../common/dates';
import { formatWaiting, kindLabel } from './labels';
import { DueChip, SubmissionStatusChip } from './ReviewChips';
import type { Submission } from './types';

/** The panel's heading: whose submission, which version, its status and how long it has waited. */
export function SubmissionHeading({ submission: s, waiting, headingRef }: { submission: Submission; waiting: boolean; headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography ref={headingRef} tabIndex={-1} variant="h5" component="h1" sx={{ outline: 'none' }}>
        {s.learner.name}: {kindLabel(s.kind)} v{s.versionNumber}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1, rowGap: 1 }}>
        <SubmissionStatusChip status={s.status} />
        {waiting && <DueChip dueAt={s.dueAt} breached={s.breached} nearBreach={s.nearBreach} />}
        <Typography variant="body2" color="text.secondary">
          {[
            waiting ? `Waiting ${formatWaiting(s.waitingMinutes)}` : s.reviewedAt ? `Reviewed after ${formatWaiting(s.waitingMinutes)}` : '',
            `sent ${formatDateTime(s.submittedAt)}${s.moduleWeek != null ? ` in module week ${s.moduleWeek}` : ' before the module started'}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      </Stack>
    </Box>
  );
}
