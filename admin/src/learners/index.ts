import SchoolIcon from '@mui/icons-material/School';
import LearnerCreate from './LearnerCreate';
import LearnerEdit from './LearnerEdit';
import LearnerList from './LearnerList';
import LearnerShow from './LearnerShow';

/** Learners (job searchers): list, profile with status history, edit, add. */
export default {
  list: LearnerList,
  show: LearnerShow,
  edit: LearnerEdit,
  create: LearnerCreate,
  icon: SchoolIcon,
  recordRepresentation: 'name',
};
