import { useId } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { Fact } from '../common/Fact';
import { StatusChip } from '../enrollment/StatusChip';
import type { Submission } from './types';

/** Who sent it: the learner with their week, status, coach and zone. */
export function LearnerContext({ learner }: { learner: Submission['learner'] }) {
  const headingId = useId();
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          Learner
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Fact label="Name">
            <Link component={RouterLink} to={`/learners/${encodeURIComponent(learner.id)}/show`}>
              {learner.name}
            </Link>
          </Fact>
          <Fact label="Email">{learner.email}</Fact>
          <Fact label="Module week">{learner.moduleWeek != null ? `Week ${learner.moduleWeek}` : 'Not started yet'}</Fact>
          <Fact label="Status">
            <StatusChip status={learner.status} />
          </Fact>
          <Fact label="Coach">{learner.coach.name}</Fact>
          <Fact label="Time zone">{learner.timeZone}</Fact>
        </Box>
      </CardContent>
    </Card>
  );
}
