import Chip from '@mui/material/Chip';
import {
  BooleanField,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  Pagination,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { ActiveToggleButton } from './ActiveToggleButton';
import { ALL_ROLE_CHOICES, ROLE_LABELS } from './roles';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name or email" />,
  <SelectInput key="role" source="role" label="Role" choices={ALL_ROLE_CHOICES} alwaysOn />,
  <NullableBooleanInput key="active" source="active" label="Active" alwaysOn />,
];

const Column = DataTable.Col;

export default function UserList() {
  return (
    <List
      title="Users"
      filters={filters}
      actions={<TopToolbar><CreateButton label="Add user" /></TopToolbar>}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50]} />}
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <Column source="name" />
        <Column source="email" />
        <Column source="role" render={(r) => <Chip size="small" variant="outlined" label={ROLE_LABELS[r.role] ?? r.role} />} />
        <Column source="active" label="Active" disableSort field={BooleanField} />
        <Column label="" disableSort>
          <ActiveToggleButton />
        </Column>
      </DataTable>
    </List>
  );
}
