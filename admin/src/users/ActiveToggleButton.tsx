import { useState, type MouseEvent } from 'react';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { validSession } from '../session';

/** "Deactivate" (asks first: the user can no longer sign in) or "Reactivate". */
export function ActiveToggleButton() {
  const record = useRecordContext();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  if (!record) return null;
  const isSelf = String(record.id) === validSession()?.user.id;

  const setActive = async (active: boolean) => {
    setSaving(true);
    try {
      await dataProvider.setUserActive(record.id, active);
      notify(active ? `${record.name} can sign in again.` : `${record.name} can no longer sign in.`, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
      setConfirming(false);
    }
  };

  const stop = (event: MouseEvent) => event.stopPropagation(); // keep the row click from opening the record

  if (!record.active) {
    return (
      <Button
        label="Reactivate"
        disabled={saving}
        onClick={(event) => {
          stop(event);
          void setActive(true);
        }}
      >
        <CheckCircleOutlineIcon />
      </Button>
    );
  }
  return (
    <span onClick={stop}>
      {/* error.dark: error.main on the hovered button's own tint over a hovered row is 4.3:1 (axe color-contrast). */}
      <Button label="Deactivate" color="error" sx={{ color: 'error.dark' }} disabled={saving || isSelf} onClick={() => setConfirming(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={saving}
        title={`Deactivate ${record.name}?`}
        content="They will no longer be able to sign in. Their history stays, and you can reactivate them later."
        confirm="Deactivate"
        onConfirm={() => void setActive(false)}
        onClose={() => setConfirming(false)}
      />
    </span>
  );
}
