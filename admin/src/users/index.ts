import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import UserCreate from './UserCreate';
import UserEdit from './UserEdit';
import UserList from './UserList';

/** Staff and coach accounts (staff only). */
export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: ManageAccountsIcon,
  recordRepresentation: 'name',
};
