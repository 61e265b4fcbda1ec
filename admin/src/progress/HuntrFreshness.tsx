import Chip from '@mui/material/Chip';
import { isQuiet, type LearnerProgress } from './types';

/** "No Huntr activity for 6 days", "No Huntr activity yet", or nothing when it is fresh. */
export function HuntrFreshness({ progress }: { progress: Pick<LearnerProgress, 'daysSinceHuntrAction' | 'learner'> }) {
  if (!isQuiet(progress)) return null;
  const label =
    progress.daysSinceHuntrAction == null ? 'No Huntr activity yet' : `No Huntr activity for ${progress.daysSinceHuntrAction} days`;
  return <Chip size="small" color="warning" variant="outlined" label={label} />;
}
