import { useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { Confirm, useNotify } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { formatDateTime } from '../common/dates';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { kindLabel } from '../reviews/labels';
import { ListState } from '../common/ListState';
import { TableScroll } from '../common/TableScroll';
import { RequiredActivityDialog } from './RequiredActivityDialog';
import { weekLabel, type RequiredActivity } from './types';
import { RULES_KEY, useRequiredActivityRules } from './useSettings';

type Editing = { type: 'add' } | { type: 'reword'; rule: RequiredActivity } | { type: 'retire'; rule: RequiredActivity } | null;

function RuleTable({ rules, retired, actions }: { rules: RequiredActivity[]; retired?: boolean; actions?: (rule: RequiredActivity) => React.ReactNode }) {
  return (
    <TableScroll label={retired ? 'Retired required activities' : 'Required activities in force'}>
      <Table size="small" aria-label={retired ? 'Retired required activities' : 'Required activities in force'}>
        <TableHead>
          <TableRow>
            <TableCell>Title</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>Week</TableCell>
            <TableCell>{retired ? 'Applied' : 'Since'}</TableCell>
            {actions && <TableCell align="right">Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map((rule) => (
            <TableRow key={rule.id} data-testid="required-activity-rule">
              <TableCell>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {rule.title}
                </Typography>
                {rule.description && (
                  <Typography variant="body2" color="text.secondary">
                    {rule.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{kindLabel(rule.kind)}</TableCell>
              <TableCell>{weekLabel(rule.moduleWeek)}</TableCell>
              <TableCell>
                {retired
                  ? `${formatDateTime(rule.appliesFrom)} – ${formatDateTime(rule.retiredAt)}`
                  : sinceLabel(rule.appliesFrom)}
              </TableCell>
              {actions && (
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {actions(rule)}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

// The rules the module began with carry this instant (the first migration's): they apply to every week there is.
const FROM_THE_START = Date.parse('2000-01-01T00:00:00Z');

/** When a rule in force began to count: from the start, or the learner-weeks starting on or after its instant. */
function sinceLabel(appliesFrom: string): string {
  return Date.parse(appliesFrom) <= FROM_THE_START ? 'Every week, from the start of the module' : `Weeks starting on or after ${formatDateTime(appliesFrom)}`;
}

/** The required-activity rules: staff add, reword and retire them; coaches read them. */
export function RequiredActivitiesSection({ canEdit }: { canEdit: boolean }) {
  const dataProvider = useWaypointDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data, error, isPending, refetch } = useRequiredActivityRules();
  // Kept after closing so a dialog does not change while it fades out.
  const [editing, setEditingState] = useState<Editing>(null);
  const [open, setOpen] = useState(false);
  const [showRetired, setShowRetired] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const setEditing = (next: Editing) => {
    setEditingState(next);
    setOpen(true);
  };
  const close = () => setOpen(false);

  const inForce = (data ?? []).filter((r) => !r.retiredAt);
  const retired = (data ?? []).filter((r) => r.retiredAt);

  /** Runs a change, then reads the rules again whatever happened; rejects so a dialog can show the error. */
  const apply = async (change: () => Promise<unknown>, success: string) => {
    try {
      await change();
      notify(success, { type: 'success' });
      close();
    } finally {
      await queryClient.invalidateQueries({ queryKey: RULES_KEY });
    }
  };

  const retire = async () => {
    if (editing?.type !== 'retire') return;
    setRetiring(true);
    try {
      await apply(() => dataProvider.retireRequiredActivity(editing.rule.id), `Retired "${editing.rule.title}".`);
    } catch (e) {
      notify(readApiError(e).message, { type: 'error', multiLine: true });
    }
    setRetiring(false);
  };

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 1 }}>
        <Typography variant="body2" color="text.secondary">
          Each week a learner must send a submission of these kinds. The weekly compliance check reads them.
        </Typography>
        {canEdit && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ type: 'add' })} sx={{ flex: 'none' }}>
            Add required activity
          </Button>
        )}
      </Stack>
      <ListState
        error={error}
        isPending={isPending}
        isEmpty={inForce.length === 0 && retired.length === 0}
        what="required activities"
        onRetry={() => void refetch()}
        empty={<Typography color="text.secondary">No required activities: learners' weeks have no requirement.</Typography>}
      >
        {inForce.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            No rule is in force.
          </Typography>
        ) : (
          <RuleTable
            rules={inForce}
            actions={
              canEdit
                ? (rule) => (
                    <>
                      <Button size="small" onClick={() => setEditing({ type: 'reword', rule })} aria-label={`Reword ${rule.title}`}>
                        Reword
                      </Button>
                      <Button size="small" color="error" onClick={() => setEditing({ type: 'retire', rule })} aria-label={`Retire ${rule.title}`}>
                        Retire
                      </Button>
                    </>
                  )
                : undefined
            }
          />
        )}
        {retired.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Button size="small" onClick={() => setShowRetired((s) => !s)} aria-expanded={showRetired}>
              {showRetired ? 'Hide' : 'Show'} {retired.length} retired
            </Button>
            <Collapse in={showRetired} unmountOnExit>
              <RuleTable rules={retired} retired />
            </Collapse>
          </Box>
        )}
      </ListState>
      {canEdit && (
        <RequiredActivityDialog
          open={open && (editing?.type === 'add' || editing?.type === 'reword')}
          rule={editing?.type === 'reword' ? editing.rule : undefined}
          onClose={close}
          onCreate={(input) => apply(() => dataProvider.createRequiredActivity(input), `Added "${input.title}"; it applies from each learner's next week.`)}
          onUpdate={(id, patch) => apply(() => dataProvider.updateRequiredActivity(id, patch), 'Reworded the required activity.')}
        />
      )}
      <Confirm
        isOpen={open && editing?.type === 'retire'}
        loading={retiring}
        title={editing?.type === 'retire' ? `Retire "${editing.rule.title}"?` : 'Retire'}
        content="It stops applying to every learner-week that ends after now, the week under way included; weeks already over keep it in their history."
        confirm="Retire"
        confirmColor="warning"
        onConfirm={() => void retire()}
        onClose={close}
      />
    </Box>
  );
}
