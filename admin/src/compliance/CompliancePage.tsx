import { useId, useState } from 'react';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import VisibilityIcon from '@mui/icons-material/Visibility';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Confirm, Title, usePermissions, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { fromLocalInput, toLocalInput, zoneLabel } from '../common/zones';
import { useViewer } from '../common/useViewer';
import { ExportButton } from '../exports/ExportButton';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { ComplianceChanges } from './ComplianceChanges';
import type { ComplianceRun } from './types';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Box sx={{ minWidth: 180 }}>
      <Typography variant="h4" component="p" aria-label={`${label}: ${value}`}>
        {value.toLocaleString()}
      </Typography>
      <Typography variant="body2" color="text.secondary" aria-hidden>
        {label}
      </Typography>
    </Box>
  );
}

function RunResult({ run, timeZone }: { run: ComplianceRun; timeZone: string }) {
  const headingId = useId();
  const shown = run.changes.length;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} sx={{ mt: 2 }}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2">
          {run.dryRun ? 'Preview' : 'Evaluation done'}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {run.dryRun ? 'What the evaluation would do' : 'What the evaluation did'} as of {formatDateTime(run.asOf, timeZone)}.
          {run.dryRun ? ' Nothing has changed yet.' : ''}
        </Typography>
        <Stack direction="row" spacing={4} sx={{ mb: 2, flexWrap: 'wrap' }}>
          <Figure label="Learner-weeks evaluated" value={run.learnerWeeksEvaluated} />
          <Figure label={run.dryRun ? 'Status changes' : 'Statuses changed'} value={run.statusChangeCount} />
        </Stack>
        {run.statusChangeCount === 0 ? (
          <Typography variant="body2">
            {run.learnerWeeksEvaluated === 0
              ? 'No learner-week is due: every week that ended by then has been evaluated already.'
              : run.dryRun
                ? 'No status would change.'
                : 'No status changed.'}
          </Typography>
        ) : (
          <>
            {shown < run.statusChangeCount && (
              <Alert severity="info" sx={{ mb: 1 }}>
                Showing the first {plural(shown, 'change')} of {run.statusChangeCount.toLocaleString()}.
              </Alert>
            )}
            <ComplianceChanges changes={run.changes} caption={run.dryRun ? 'Status changes the evaluation would make' : 'Status changes made'} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The weekly compliance evaluation, by hand (staff): preview what it would change
 * as of an instant, then run it. The scheduled job runs the same evaluation.
 */
export default function CompliancePage() {
  const { permissions } = usePermissions();
  const dataProvider = useWaypointDataProvider();
  const notify = useNotify();
  // Staff's own zone (their profile's, as events and meetings show it), not the browser's.
  const { timeZone } = useViewer();
  // Untouched, the field shows now in that zone (it follows the profile once it has loaded).
  const [typed, setAsOfInput] = useState<string | null>(null);
  const asOfInput = typed ?? toLocalInput(new Date(), timeZone);
  const [asOfError, setAsOfError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ComplianceRun | null>(null);
  const [result, setResult] = useState<ComplianceRun | null>(null);
  const [loading, setLoading] = useState<'preview' | 'run' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();

  if (permissions && permissions !== 'STAFF') {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title="Compliance" />
        <Alert severity="info">Only program staff run the compliance evaluation.</Alert>
      </Box>
    );
  }

  const asOf = (): string | undefined => {
    const date = fromLocalInput(asOfInput, timeZone);
    if (!date) {
      setAsOfError('Choose a date and time.');
      return undefined;
    }
    return date.toISOString();
  };

  const showError = (error: unknown) => {
    const { message, field } = readApiError(error);
    if (field === 'asOf') setAsOfError(message);
    else notify(message, { type: 'error', multiLine: true });
  };

  const runPreview = async () => {
    const at = asOf();
    if (!at) return;
    setLoading('preview');
    setResult(null);
    try {
      setPreview((await dataProvider.previewCompliance(at)).data);
    } catch (error) {
      setPreview(null);
      showError(error);
    } finally {
      setLoading(null);
    }
  };

  const runEvaluation = async () => {
    if (!preview) return;
    setLoading('run');
    try {
      // The instant previewed, so what runs is what was shown.
      const { data } = await dataProvider.evaluateCompliance(preview.asOf);
      setResult(data);
      setPreview(null);
      setConfirming(false);
      notify(`Evaluation done: ${plural(data.statusChangeCount, 'status', 'statuses')} changed.`, { type: 'success' });
    } catch (error) {
      setConfirming(false);
      showError(error);
    } finally {
      setLoading(null);
    }
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Compliance" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent>
          <Typography id={headingId} variant="h5" component="h1">
            Weekly compliance evaluation
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2, maxWidth: 760 }}>
            For each learner who is Enrolled, At risk or Suspended, the evaluation checks the last module week that ended by
            the chosen time, unless that week was evaluated already. Missing a week's required activities puts a learner at
            risk; missing the next week's too suspends them. The scheduled job runs the same evaluation every week.
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
            <TextField
              label="As of"
              type="datetime-local"
              value={asOfInput}
              onChange={(e) => {
                setAsOfInput(e.target.value);
                setAsOfError(null);
                setPreview(null);
              }}
              error={!!asOfError}
              helperText={asOfError ?? `Your time, ${zoneLabel(timeZone)}; not in the future.`}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: toLocalInput(new Date(), timeZone) } }}
              sx={{ width: 300, flex: 'none' }}
            />
            <Button
              variant="outlined"
              startIcon={<VisibilityIcon />}
              onClick={() => void runPreview()}
              disabled={loading !== null}
              sx={{ height: 56 }}
            >
              Preview
            </Button>
            <Button
              variant="contained"
              color="warning"
              startIcon={<PlayArrowIcon />}
              onClick={() => setConfirming(true)}
              disabled={!preview || loading !== null}
              sx={{ height: 56 }}
            >
              Run evaluation
            </Button>
          </Stack>
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', gap: 1 }}>
            <ExportButton name="compliance" label="Download compliance history (CSV)" />
            <ExportButton name="status-history" label="Download status history (CSV)" />
          </Stack>
          {!preview && !result && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              Preview first: it shows what would change, and changes nothing.
            </Typography>
          )}
        </CardContent>
      </Card>
      {preview && <RunResult run={preview} timeZone={timeZone} />}
      {result && <RunResult run={result} timeZone={timeZone} />}
      <Confirm
        isOpen={confirming}
        loading={loading === 'run'}
        title="Run the compliance evaluation?"
        content={
          preview
            ? `As of ${formatDateTime(preview.asOf, timeZone)}: ${plural(preview.learnerWeeksEvaluated, 'learner-week')} evaluated, ` +
              `${plural(preview.statusChangeCount, 'status', 'statuses')} changed (if nothing changed since the preview). ` +
              'Each learner-week is evaluated once; this cannot be undone here.'
            : ''
        }
        confirm="Run evaluation"
        confirmColor="warning"
        onConfirm={() => void runEvaluation()}
        onClose={() => setConfirming(false)}
      />
    </Box>
  );
}
