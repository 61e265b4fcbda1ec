import BarChartIcon from '@mui/icons-material/BarChart';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import EventNoteIcon from '@mui/icons-material/EventNote';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GroupsIcon from '@mui/icons-material/Groups';
import InsightsIcon from '@mui/icons-material/Insights';
import SettingsIcon from '@mui/icons-material/Settings';
import { Menu as RaMenu, usePermissions } from 'react-admin';

/** (Coaches) their dashboard, the resources, then the pages that are not lists: calendar, schedule, morning session, (staff) compliance, reports and settings. */
export function Menu() {
  const { permissions } = usePermissions();
  return (
    <RaMenu>
      {permissions === 'COACH' && <RaMenu.Item to="/dashboard" primaryText="Dashboard" leftIcon={<InsightsIcon />} />}
      <RaMenu.ResourceItems />
      <RaMenu.Item to="/calendar" primaryText="Calendar" leftIcon={<CalendarMonthIcon />} />
      <RaMenu.Item to="/schedule" primaryText="Schedule" leftIcon={<EventNoteIcon />} />
      <RaMenu.Item to="/morning-session" primaryText="Morning session" leftIcon={<GroupsIcon />} />
      {permissions === 'STAFF' && <RaMenu.Item to="/compliance" primaryText="Compliance" leftIcon={<FactCheckIcon />} />}
      {permissions === 'STAFF' && <RaMenu.Item to="/reports" primaryText="Reports" leftIcon={<BarChartIcon />} />}
      <RaMenu.Item to="/settings" primaryText="Settings" leftIcon={<SettingsIcon />} />
    </RaMenu>
  );
}
