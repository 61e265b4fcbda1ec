import { useEffect, useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { ListState } from '../common/ListState';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { kindLabel, SUBMISSION_KINDS } from '../reviews/labels';
import { DEFAULT_TARGET_HOURS, MAX_TARGET_HOURS, MIN_TARGET_HOURS, type ReviewTarget } from './types';
import { TARGETS_KEY, useReviewTargets } from './useSettings';

/** What is wrong with typed hours, or null. */
function hoursProblem(value: string): string | null {
  const hours = Number(value);
  if (value.trim() === '' || !Number.isInteger(hours) || hours < MIN_TARGET_HOURS || hours > MAX_TARGET_HOURS) {
    return `Whole hours, ${MIN_TARGET_HOURS} to ${MAX_TARGET_HOURS}.`;
  }
  return null;
}

/** One kind's target: its hours, edited in place and saved with the row's button (or Enter). */
function TargetRow({ target, canEdit }: { target: ReviewTarget | { kind: ReviewTarget['kind']; hours: number; updatedAt: null }; canEdit: boolean }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [value, setValue] = useState(String(target.hours));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = kindLabel(target.kind);

  useEffect(() => setValue(String(target.hours)), [target.hours]);

  const changed = value.trim() !== String(target.hours);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = hoursProblem(value);
    if (problem) return setError(problem);
    if (!changed) return;
    setSaving(true);
    try {
      await dataProvider.setReviewTarget(target.kind, Number(value));
      notify(`${label}: reviews are now due within ${Number(value)} h.`, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: TARGETS_KEY });
    } catch (e) {
      setError(readApiError(e, 'The target could not be saved.').message);
    }
    setSaving(false);
  };

  return (
    <TableRow data-testid="review-target">
      <TableCell component="th" scope="row">
        {label}
      </TableCell>
      <TableCell>
        {canEdit ? (
          <Stack component="form" direction="row" spacing={1} onSubmit={save} noValidate sx={{ alignItems: 'flex-start' }}>
            <TextField
              size="small"
              type="number"
              label={`${label} hours`}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setError(hoursProblem(e.target.value));
              }}
              error={!!error}
              helperText={error ?? ' '}
              sx={{ width: 160 }}
              slotProps={{ htmlInput: { min: MIN_TARGET_HOURS, max: MAX_TARGET_HOURS, step: 1 } }}
            />
            <Button type="submit" size="small" variant="outlined" disabled={!changed || !!error || saving} sx={{ mt: 0.5 }} aria-label={`Save ${label} target`}>
              Save
            </Button>
          </Stack>
        ) : (
          `${target.hours} h`
        )}
      </TableCell>
      <TableCell>{target.updatedAt ? formatDateTime(target.updatedAt) : 'Never: the default applies'}</TableCell>
    </TableRow>
  );
}

/** How long each kind of submission may wait for review before it counts as breached. */
export function ReviewTargetsSection({ canEdit }: { canEdit: boolean }) {
  const { data, error, isPending, refetch } = useReviewTargets();
  // The API lists only the kinds staff have set; the others wait the default.
  const rows = SUBMISSION_KINDS.map((kind) => data?.find((t) => t.kind === kind) ?? { kind, hours: DEFAULT_TARGET_HOURS, updatedAt: null });
  const extra = (data ?? []).filter((t) => !SUBMISSION_KINDS.includes(t.kind));
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Hours from submission until the review is due ({DEFAULT_TARGET_HOURS} h unless set); past it, a submission is breached in the review queue.
      </Typography>
      <ListState
        error={error}
        isPending={isPending}
        isEmpty={false}
        what="review targets"
        onRetry={() => void refetch()}
        empty={<Typography color="text.secondary">No review targets.</Typography>}
      >
        <Table size="small" aria-label="Review targets">
          <TableHead>
            <TableRow>
              <TableCell>Kind</TableCell>
              <TableCell>Review due within (hours)</TableCell>
              <TableCell>Last set</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...rows, ...extra].map((t) => (
              <TargetRow key={t.kind} target={t} canEdit={canEdit} />
            ))}
          </TableBody>
        </Table>
      </ListState>
    </Box>
  );
}
