import { useId, useMemo, useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { visuallyHidden } from '../common/visuallyHidden';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router-dom';
import { Confirm, Title, usePermissions } from 'react-admin';
import { readApiError } from '../common/apiErrors';
import { useWaypointDataProvider } from '../enrollment/useDataProvider';
import { ActivityDialog } from './ActivityDialog';
import { BlockCard, type BlockActions } from './BlockCard';
import { BlockDialog } from './BlockDialog';
import { WEEKDAY_NAMES } from './kinds';
import type { ScheduleActivity, ScheduleBlock, ScheduleDay } from './types';
import { useScheduleChanges, useScheduleTemplate } from './useSchedule';

type Editing =
  | { type: 'block'; block?: ScheduleBlock }
  | { type: 'activity'; block: ScheduleBlock; activity?: ScheduleActivity }
  | { type: 'deleteBlock'; block: ScheduleBlock }
  | { type: 'deleteActivity'; block: ScheduleBlock; activity: ScheduleActivity }
  | null;

/** For each block, the titles of the other blocks of the day whose times overlap it. */
function overlapsOf(blocks: ScheduleBlock[]): Map<string, string[]> {
  return new Map(
    blocks.map((a) => [
      a.id,
      blocks.filter((b) => b !== a && a.startTime < b.endTime && b.startTime < a.endTime).map((b) => b.title),
    ]),
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function DaySummary({ day }: { day: ScheduleDay }) {
  if (day.blocks.length === 0) return null;
  const activities = day.blocks.reduce((sum, b) => sum + b.activities.length, 0);
  const required = day.blocks.reduce((sum, b) => sum + b.activities.filter((a) => a.required).length, 0);
  const start = day.blocks.map((b) => b.startTime).sort()[0];
  const end = day.blocks.map((b) => b.endTime).sort().at(-1);
  return (
    <Typography variant="body2" color="text.secondary">
      {start}–{end} · {plural(day.blocks.length, 'block')} · {plural(activities, 'activity', 'activities')}
      {required ? ` (${required} required)` : ''}
    </Typography>
  );
}

/**
 * The daily schedule template every learner's road map is made from: one tab per
 * weekday, each day's blocks in order with their activities. Staff edit it here;
 * coaches read it.
 */
export default function SchedulePage() {
  const { permissions } = usePermissions();
  const canEdit = permissions === 'STAFF';
  const dataProvider = useWaypointDataProvider();
  const { data: template, error, isPending, isFetching, refetch } = useScheduleTemplate();
  const { apply, attempt, pending } = useScheduleChanges();
  const [searchParams, setSearchParams] = useSearchParams();
  // What the open dialog is about; kept after closing so the dialog does not change while it fades out.
  const [editing, setEditingState] = useState<Editing>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const setEditing = (next: Editing) => {
    setEditingState(next);
    setDialogOpen(true);
  };
  const [deleting, setDeleting] = useState(false);
  const headingId = useId();

  const dayParam = Number(searchParams.get('day'));
  const weekday = Number.isInteger(dayParam) && dayParam >= 1 && dayParam <= 7 ? dayParam : 1;
  const day: ScheduleDay = template?.days.find((d) => d.weekday === weekday) ?? {
    weekday,
    name: WEEKDAY_NAMES[weekday - 1],
    blocks: [],
  };
  const overlaps = useMemo(() => overlapsOf(day.blocks), [day.blocks]);
  const busy = pending || isFetching;
  const close = () => setDialogOpen(false);
  const isOpen = (type: NonNullable<Editing>['type']) => dialogOpen && editing?.type === type;

  const actions: BlockActions = {
    moveBlock: (block, position) => void attempt(() => dataProvider.moveScheduleBlock(block.id, position)),
    editBlock: (block) => setEditing({ type: 'block', block }),
    deleteBlock: (block) => setEditing({ type: 'deleteBlock', block }),
    addActivity: (block) => setEditing({ type: 'activity', block }),
    moveActivity: (activity, position) => void attempt(() => dataProvider.moveScheduleActivity(activity.id, position)),
    editActivity: (block, activity) => setEditing({ type: 'activity', block, activity }),
    deleteActivity: (block, activity) => setEditing({ type: 'deleteActivity', block, activity }),
  };

  const confirmDelete = async () => {
    if (editing?.type !== 'deleteBlock' && editing?.type !== 'deleteActivity') return;
    setDeleting(true);
    const done =
      editing.type === 'deleteBlock'
        ? await attempt(() => dataProvider.deleteScheduleBlock(editing.block.id), `Deleted the block "${editing.block.title}".`)
        : await attempt(
            () => dataProvider.deleteScheduleActivity(editing.activity.id),
            `Deleted the activity "${editing.activity.title}".`,
          );
    setDeleting(false);
    if (done) close();
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="Schedule" />
      <Card variant="outlined" component="section" aria-labelledby={headingId}>
        <CardContent sx={{ pb: 0 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}>
            <div>
              <Typography id={headingId} variant="h5" component="h1">
                Daily schedule template
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Every learner's road map is made from it.
                {template ? ` Times are in the program time zone, ${template.timeZone}.` : ''}
              </Typography>
            </div>
          </Stack>
          {!canEdit && permissions && (
            <Alert severity="info" sx={{ mt: 2 }}>
              You can read the schedule; only program staff can change it.
            </Alert>
          )}
        </CardContent>
        {error ? (
          <Alert
            severity="error"
            sx={{ m: 2 }}
            action={
              <Button color="inherit" size="small" onClick={() => void refetch()}>
                Try again
              </Button>
            }
          >
            {readApiError(error, 'The schedule could not be loaded.').message}
          </Alert>
        ) : isPending ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
            <CircularProgress aria-label="Loading the schedule" />
          </Box>
        ) : (
          <>
            <Tabs
              value={weekday}
              onChange={(_, value: number) => setSearchParams({ day: String(value) }, { replace: true })}
              variant="scrollable"
              scrollButtons="auto"
              aria-label="Days of the week"
              sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
            >
              {template.days.map((d) => (
                <Tab
                  key={d.weekday}
                  value={d.weekday}
                  id={`schedule-tab-${d.weekday}`}
                  aria-controls="schedule-day"
                  label={
                    <span>
                      {d.name}
                      <Box component="span" sx={{ ml: 0.75, color: 'text.secondary', fontWeight: 400 }} aria-hidden>
                        {d.blocks.length || '–'}
                      </Box>
                      {/* The name is what the tab shows, then the count in words (no aria-label: WCAG 2.5.3). */}
                      <Box component="span" sx={visuallyHidden}>
                        , {plural(d.blocks.length, 'block')}
                      </Box>
                    </span>
                  }
                />
              ))}
            </Tabs>
            <Box sx={{ height: 4 }}>{busy && <LinearProgress aria-label="Saving" />}</Box>
            <Box id="schedule-day" role="tabpanel" aria-labelledby={`schedule-tab-${weekday}`} sx={{ p: 2, pt: 1 }}>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
                <Box sx={{ flex: 1 }}>
                  <Typography variant="h6" component="h2">
                    {day.name}
                  </Typography>
                  <DaySummary day={day} />
                </Box>
                {canEdit && (
                  <Button
                    variant="contained"
                    startIcon={<AddIcon />}
                    onClick={() => setEditing({ type: 'block' })}
                    disabled={busy}
                  >
                    Add block
                  </Button>
                )}
              </Stack>
              {day.blocks.length === 0 ? (
                <Box sx={{ textAlign: 'center', py: 6, border: 1, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 1 }}>
                  <Typography variant="subtitle1" component="p">
                    No blocks on {day.name}.
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {canEdit
                      ? 'Learners see an empty road map that day. Add a block to give them a plan.'
                      : 'Learners see an empty road map that day.'}
                  </Typography>
                </Box>
              ) : (
                <Stack spacing={1.5}>
                  {day.blocks.map((block, index) => (
                    <BlockCard
                      key={block.id}
                      block={block}
                      index={index}
                      count={day.blocks.length}
                      overlaps={overlaps.get(block.id) ?? []}
                      outOfOrder={index > 0 && block.startTime < day.blocks[index - 1].startTime}
                      canEdit={canEdit}
                      busy={busy}
                      actions={actions}
                    />
                  ))}
                </Stack>
              )}
            </Box>
          </>
        )}
      </Card>

      {canEdit && template && (
        <>
          <BlockDialog
            open={isOpen('block')}
            block={editing?.type === 'block' ? editing.block : undefined}
            weekday={weekday}
            suggestedStart={day.blocks.map((b) => b.endTime).sort().at(-1)}
            timeZone={template.timeZone}
            onClose={close}
            onCreate={async (input) => {
              await apply(() => dataProvider.createScheduleBlock(input), `Added the block "${input.title}".`);
              close();
              if (input.weekday !== weekday) setSearchParams({ day: String(input.weekday) }, { replace: true });
            }}
            onUpdate={async (id, patch) => {
              await apply(() => dataProvider.updateScheduleBlock(id, patch), 'Block saved.');
              close();
              if (patch.weekday) setSearchParams({ day: String(patch.weekday) }, { replace: true });
            }}
          />
          {editing?.type === 'activity' && (
            <ActivityDialog
              open={isOpen('activity')}
              block={editing.block}
              activity={editing.activity}
              dayBlocks={day.blocks}
              onClose={close}
              onCreate={async (blockId, input) => {
                await apply(() => dataProvider.createScheduleActivity(blockId, input), `Added the activity "${input.title}".`);
                close();
              }}
              onUpdate={async (id, patch, toBlockId) => {
                await apply(async () => {
                  if (Object.keys(patch).length) await dataProvider.updateScheduleActivity(id, patch);
                  // Past the end means last.
                  if (toBlockId) await dataProvider.moveScheduleActivity(id, 1000, toBlockId);
                }, 'Activity saved.');
                close();
              }}
            />
          )}
          <Confirm
            isOpen={isOpen('deleteBlock') || isOpen('deleteActivity')}
            loading={deleting}
            title={
              editing?.type === 'deleteBlock'
                ? `Delete the block "${editing.block.title}"?`
                : editing?.type === 'deleteActivity'
                  ? `Delete the activity "${editing.activity.title}"?`
                  : ''
            }
            content={
              editing?.type === 'deleteBlock'
                ? `It leaves ${day.name}'s template${
                    editing.block.activities.length ? ` with its ${plural(editing.block.activities.length, 'activity', 'activities')}` : ''
                  }. Learners' past road maps keep what they did in it.`
                : `It leaves "${editing?.type === 'deleteActivity' ? editing.block.title : ''}". Learners' past road maps keep what they did.`
            }
            confirm="Delete"
            confirmColor="warning"
            onConfirm={() => void confirmDelete()}
            onClose={close}
          />
        </>
      )}
    </Box>
  );
}
