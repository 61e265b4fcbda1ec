import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import { useNotify } from 'react-admin';
import { downloadExport, EXPORTS, type ExportName } from './download';

/** Downloads one CSV export (staff); the label names what comes out. */
export function ExportButton({ name, label, variant = 'outlined' }: { name: ExportName; label?: string; variant?: 'text' | 'outlined' | 'contained' }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const title = EXPORTS.find((e) => e.name === name)!.title;
  const download = async () => {
    setBusy(true);
    try {
      await downloadExport(name);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} size="small" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={busy} data-export={name}>
      {label ?? `${title} (CSV)`}
    </Button>
  );
}
