import { useId } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { Title, usePermissions } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { RequiredActivitiesSection } from './RequiredActivitiesSection';
import { ReviewTargetsSection } from './ReviewTargetsSection';
import { WorkingHoursSection } from './WorkingHoursSection';
import { ApiClientsSection } from '../integrations/ApiClientsSection';
import { HuntrImportSection } from '../integrations/HuntrImportSection';
import { JobsSection } from '../jobs/JobsSection';
import { ExportsSection } from '../exports/ExportsSection';
import { MailSection } from '../notifications/MailSection';
import { WebhooksSection } from '../webhooks/WebhooksSection';

const SECTIONS = [
  { id: 'required', label: 'Required activities' },
  { id: 'targets', label: 'Review targets' },
  { id: 'hours', label: 'Working hours' },
  { id: 'api-clients', label: 'API clients', staffOnly: true },
  { id: 'huntr', label: 'Huntr import', staffOnly: true },
  { id: 'jobs', label: 'Jobs', staffOnly: true },
  { id: 'exports', label: 'Exports', staffOnly: true },
  { id: 'mail', label: 'Mail', staffOnly: true },
  { id: 'webhooks', label: 'Webhooks', staffOnly: true },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

/**
 * The program's rules in one place, a tab each: required activities and review targets
 * (staff change them, coaches read them), a coach's working hours, and (staff) API clients, Huntr import and the
 * job worker's schedule and failures, the CSV exports, the mails Waypoint sends and the webhook endpoints.
 */
export default function SettingsPage() {
  const { permissions } = usePermissions();
  const isStaff = permissions === 'STAFF';
  const [searchParams, setSearchParams] = useSearchParams();
  const headingId = useId();
  const param = searchParams.get('tab');
  const sections = SECTIONS.filter((s) => isStaff || !('staffOnly' in s));
  const section: Section = sections.some((s) => s.id === param) ? (param as Section) : 'required';

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Settings" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent sx={{ pb: 0 }}>
          <Typography id={headingId} variant="h5" component="h1">
            Settings
          </Typography>
          {!isStaff && permissions && section !== 'hours' && (
            <Alert severity="info" sx={{ mt: 2 }}>
              You can read these rules; only program staff can change them.
            </Alert>
          )}
        </CardContent>
        <Tabs
          value={section}
          onChange={(_, value: Section) => setSearchParams({ tab: value }, { replace: true })}
          variant="scrollable"
          scrollButtons="auto"
          aria-label="Settings sections"
          sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
        >
          {sections.map((s) => (
            <Tab key={s.id} value={s.id} label={s.label} id={`settings-tab-${s.id}`} aria-controls="settings-section" />
          ))}
        </Tabs>
        <Box id="settings-section" role="tabpanel" aria-labelledby={`settings-tab-${section}`} sx={{ p: 2 }}>
          {section === 'required' && <RequiredActivitiesSection canEdit={isStaff} />}
          {section === 'targets' && <ReviewTargetsSection canEdit={isStaff} />}
          {section === 'hours' && <WorkingHoursSection />}
          {section === 'api-clients' && isStaff && <ApiClientsSection />}
          {section === 'huntr' && isStaff && <HuntrImportSection />}
          {section === 'jobs' && isStaff && <JobsSection />}
          {section === 'exports' && isStaff && <ExportsSection />}
          {section === 'mail' && isStaff && <MailSection />}
          {section === 'webhooks' && isStaff && <WebhooksSection />}
        </Box>
      </Card>
    </Box>
  );
}
