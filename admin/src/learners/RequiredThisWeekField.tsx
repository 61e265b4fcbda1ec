import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useRecordContext } from 'react-admin';

/** "1/2" met of this week's required activities, green when all are met. */
export function RequiredThisWeekField(_: { source?: string; label?: string }) {
  const record = useRecordContext();
  const activities = (record?.requiredActivities as { met: boolean }[] | undefined) ?? [];
  if (activities.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" aria-label="Nothing required this week">
        —
      </Typography>
    );
  }
  const met = activities.filter((a) => a.met).length;
  const allMet = met === activities.length;
  return (
    <Chip
      size="small"
      variant={allMet ? 'filled' : 'outlined'}
      color={allMet ? 'success' : 'warning'}
      label={`${met}/${activities.length}`}
      aria-label={`${met} of ${activities.length} required activities met`}
      data-testid="required-this-week"
    />
  );
}
