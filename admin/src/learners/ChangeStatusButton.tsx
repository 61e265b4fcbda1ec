import { useState } from 'react';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Button, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ChangeStatusDialog } from '../enrollment/ChangeStatusDialog';
import { statusLabel, type EnrollmentStatus } from '../enrollment/statuses';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

/** "Change status" for the learner in context (show and edit pages). */
export function ChangeStatusButton() {
  const record = useRecordContext();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const confirm = async (status: EnrollmentStatus, reason: string) => {
    await dataProvider.setEnrollmentStatus(record.id, status, reason);
    setOpen(false);
    notify(`${record.name} is now ${statusLabel(status)}.`, { type: 'success' });
    refresh();
  };

  return (
    <>
      <Button label="Change status" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      <ChangeStatusDialog
        open={open}
        description={`${record.name ?? 'This learner'} is ${statusLabel(record.status)} now.`}
        currentStatus={record.status as EnrollmentStatus}
        onClose={() => setOpen(false)}
        onConfirm={confirm}
      />
    </>
  );
}
