import Grid from '@mui/material/Grid';
import {
  EditButton,
  Labeled,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  WithRecord,
} from 'react-admin';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { StatusField } from '../enrollment/StatusChip';
import { cohortName } from '../common/cohorts';
import { formatDateTime, LocalDateField } from '../common/dates';
import { ChangeStatusButton } from './ChangeStatusButton';
import { ComplianceHistory } from './ComplianceHistory';
import { LearnerSubmissions } from './LearnerSubmissions';
import { RequiredActivities } from './RequiredActivities';
import { StatusHistory } from './StatusHistory';
import { CoachNotes } from './CoachNotes';
import { JobSearch } from '../progress/JobSearch';

const ShowActions = () => (
  <TopToolbar>
    <ChangeStatusButton />
    <EditButton />
  </TopToolbar>
);

const LearnerTitle = () => {
  const record = useRecordContext();
  return <span>{record ? `Learner: ${record.name}` : 'Learner'}</span>;
};

function Profile() {
  return (
    <Card variant="outlined" component="section" aria-label="Profile">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Profile
        </Typography>
        <Stack spacing={1.5}>
          <Labeled label="Name"><TextField source="name" /></Labeled>
          <Labeled label="Email"><TextField source="email" /></Labeled>
          <Labeled label="Status">
            <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <StatusField />
              <WithRecord
                render={(r) => (
                  <Typography variant="caption" color="text.secondary">
                    since {formatDateTime(r.statusChangedAt)}
                  </Typography>
                )}
              />
            </Stack>
          </Labeled>
          <Labeled label="Module week">
            <WithRecord
              render={(r) => (
                <Typography variant="body2">{r.moduleWeek != null ? `Week ${r.moduleWeek}` : 'Not started yet'}</Typography>
              )}
            />
          </Labeled>
          <Labeled label="Module start date"><LocalDateField source="moduleStartDate" /></Labeled>
          <Labeled label="Cohort">
            <WithRecord render={(r) => <Typography variant="body2">{cohortName(r.cohort, r.moduleStartDate)}</Typography>} />
          </Labeled>
          <Labeled label="Time zone"><TextField source="timeZone" /></Labeled>
          <Labeled label="Coach"><TextField source="coach.name" /></Labeled>
        </Stack>
      </CardContent>
    </Card>
  );
}

export default function LearnerShow() {
  return (
    <Show title={<LearnerTitle />} actions={<ShowActions />} component="div">
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Profile />
            <CoachNotes />
            <StatusHistory />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <JobSearch />
            <RequiredActivities />
            <ComplianceHistory />
            <LearnerSubmissions />
          </Stack>
        </Grid>
      </Grid>
    </Show>
  );
}
