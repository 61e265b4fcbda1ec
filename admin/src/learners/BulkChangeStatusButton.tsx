import { useState } from 'react';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Button, useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';
import { ChangeStatusDialog } from '../enrollment/ChangeStatusDialog';
import { statusLabel, type EnrollmentStatus } from '../enrollment/statuses';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';

/** Bulk action: one status and one reason for every selected learner. */
export function BulkChangeStatusButton() {
  const { selectedIds } = useListContext();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('learners');
  const [open, setOpen] = useState(false);
  const count = selectedIds.length;

  const confirm = async (status: EnrollmentStatus, reason: string) => {
    const { data } = await dataProvider.setEnrollmentStatuses(selectedIds, status, reason);
    setOpen(false);
    unselectAll();
    notify(`${data.length} ${data.length === 1 ? 'learner is' : 'learners are'} now ${statusLabel(status)}.`, {
      type: 'success',
    });
    refresh();
  };

  return (
    <>
      <Button label="Change status" onClick={() => setOpen(true)} disabled={count === 0}>
        <SwapHorizIcon />
      </Button>
      <ChangeStatusDialog
        open={open}
        description={
          count === 1
            ? 'The selected learner gets the new status.'
            : `All ${count} selected learners get the same status and reason.`
        }
        onClose={() => setOpen(false)}
        onConfirm={confirm}
      />
    </>
  );
}
