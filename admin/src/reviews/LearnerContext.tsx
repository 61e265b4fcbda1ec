import { useEffect, useId, useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { Fact } from '../common/Fact';
import { StatusChip } from '../enrollment/StatusChip';
import type { Submission } from './types';
import { graphql } from '../gql';
import { read } from '../graphqlClient';

const LearnerWeek = graphql(`
  query reviewLearnerWeek($id: ID!) {
    learnerProgress(learnerId: $id, days: 7) { applications interviews daysSinceHuntrAction requiredActivities { requiredActivityId title met } }
  }
`);

type Week = { applications: number; interviews: number; daysSinceHuntrAction: number | null; requiredActivities: { requiredActivityId: string; title: string; met: boolean }[] };

/** The learner's week beside the feedback: this week's required activities, met or not, and the last 7 days' job search. */
function useLearnerWeek(learnerId: string): Week | null {
  const [week, setWeek] = useState<Week | null>(null);
  useEffect(() => {
    let live = true;
    read(LearnerWeek, { id: learnerId })
      .then((r) => live && setWeek(r.learnerProgress))
      .catch(() => live && setWeek(null));
    return () => {
      live = false;
    };
  }, [learnerId]);
  return week;
}

/** Who sent it: the learner with their week, status, coach and zone. */
export function LearnerContext({ learner }: { learner: Submission['learner'] }) {
  const headingId = useId();
  const week = useLearnerWeek(learner.id);
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
          {week && (
            <>
              <Fact label="Last 7 days">
                {week.applications} applications, {week.interviews} interviews
                {week.daysSinceHuntrAction != null && week.daysSinceHuntrAction >= 5 ? ` (no Huntr activity for ${week.daysSinceHuntrAction} days)` : ''}
              </Fact>
              <Fact label="This week">
                {week.requiredActivities.length === 0
                  ? 'No required activities'
                  : week.requiredActivities.map((a) => `${a.title}: ${a.met ? 'done' : 'missing'}`).join('; ')}
              </Fact>
            </>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}
