import {
  BooleanInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NumberInput,
  Pagination,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  type RaRecord,
} from 'react-admin';
import Chip from '@mui/material/Chip';
import { StatusField } from '../enrollment/StatusChip';
import { STATUS_CHOICES, STATUS_COLORS, type EnrollmentStatus } from '../enrollment/statuses';
import { LocalDateField } from '../common/dates';
import { RequiredThisWeekField } from './RequiredThisWeekField';
import { BulkChangeStatusButton } from './BulkChangeStatusButton';
import { CoachInput } from './CoachInput';
import { ExportButton } from '../exports/ExportButton';
import { validSession } from '../session';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name or email" />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />,
  <CoachInput key="coachId" alwaysOn isRequired={false} />,
  <BooleanInput
    key="missingRequiredActivity"
    source="missingRequiredActivity"
    label="Missing a required activity this week"
    alwaysOn
    // Off means no condition (""), not "all met" (false).
    parse={(checked: boolean) => (checked ? true : '')}
    format={(value: unknown) => value === true || value === 'true'}
  />,
  <BooleanInput
    key="quietInHuntr"
    source="quietInHuntr"
    label="No Huntr activity for 5 days"
    // The server's rule (Learner.quietInHuntr); off means no condition, not "active".
    parse={(checked: boolean) => (checked ? true : '')}
    format={(value: unknown) => value === true || value === 'true'}
  />,
  <NumberInput key="moduleWeek" source="moduleWeek" label="Module week" min={1} step={1} />,
];

function ListActions() {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      <FilterButton />
      {permissions === 'STAFF' && <ExportButton name="learners" label="Export CSV" variant="text" />}
      <CreateButton label="Add learner" />
    </TopToolbar>
  );
}

/** A colored left border per status, as in react-admin's moderation demo. */
const statusBorder = (record: RaRecord) => ({
  borderLeftWidth: 5,
  borderLeftStyle: 'solid',
  borderLeftColor: STATUS_COLORS[record.status as EnrollmentStatus]?.bg ?? 'transparent',
});

const Column = DataTable.Col;

export default function LearnerList() {
  // A coach opens the list on their own learners (the Coach filter, which they may clear); staff on everyone.
  const me = validSession()?.user;
  return (
    <List
      title="Learners"
      filters={filters}
      filterDefaultValues={me?.role === 'COACH' ? { coachId: me.id } : {}}
      actions={<ListActions />}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50]} />}
    >
      <DataTable rowClick="show" rowSx={statusBorder} bulkActionButtons={<BulkChangeStatusButton />}>
        <Column source="name" />
        <Column source="email" />
        <Column source="status" label="Status" field={StatusField} />
        <Column
          source="moduleWeek"
          label="Module week"
          disableSort
          render={(record) => (record.moduleWeek != null ? `Week ${record.moduleWeek}` : '—')}
        />
        <Column source="requiredActivities" label="Required this week" disableSort field={RequiredThisWeekField} />
        <Column
          source="quietInHuntr"
          label="Huntr"
          disableSort
          render={(record) => (record.quietInHuntr ? <Chip size="small" color="warning" label="Quiet 5+ days" /> : '')}
        />
        <Column source="coach.name" label="Coach" disableSort />
        <Column source="moduleStartDate" label="Module start" field={LocalDateField} />
      </DataTable>
    </List>
  );
}
