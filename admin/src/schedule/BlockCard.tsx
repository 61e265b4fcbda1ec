import { useId } from 'react';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import LinkIcon from '@mui/icons-material/Link';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { durationLabel, KIND_COLORS, kindLabel } from './kinds';
import type { ScheduleActivity, ScheduleBlock } from './types';

export interface BlockActions {
  moveBlock: (block: ScheduleBlock, position: number) => void;
  editBlock: (block: ScheduleBlock) => void;
  deleteBlock: (block: ScheduleBlock) => void;
  addActivity: (block: ScheduleBlock) => void;
  moveActivity: (activity: ScheduleActivity, position: number) => void;
  editActivity: (block: ScheduleBlock, activity: ScheduleActivity) => void;
  deleteActivity: (block: ScheduleBlock, activity: ScheduleActivity) => void;
}

export interface BlockCardProps {
  block: ScheduleBlock;
  index: number;
  count: number;
  /** Titles of the day's blocks whose times overlap this one. */
  overlaps: string[];
  /** It starts earlier than the block above it. */
  outOfOrder: boolean;
  /** Staff see the editing buttons; coaches read. */
  canEdit: boolean;
  /** A change is on its way: buttons wait. */
  busy: boolean;
  actions: BlockActions;
}

/** Up, down, edit, delete: small buttons with names a screen reader (and a test) can find. */
function RowButtons({
  what,
  index,
  count,
  busy,
  onMove,
  onEdit,
  onDelete,
}: {
  what: string;
  index: number;
  count: number;
  busy: boolean;
  onMove: (position: number) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <Stack direction="row" spacing={0.25} sx={{ flexShrink: 0 }}>
      <Tooltip title="Move up">
        <span>
          <IconButton size="small" aria-label={`Move ${what} up`} disabled={busy || index === 0} onClick={() => onMove(index - 1)}>
            <ArrowUpwardIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Move down">
        <span>
          <IconButton
            size="small"
            aria-label={`Move ${what} down`}
            disabled={busy || index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            <ArrowDownwardIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Edit">
        <span>
          <IconButton size="small" aria-label={`Edit ${what}`} disabled={busy} onClick={onEdit}>
            <EditOutlinedIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Delete">
        <span>
          <IconButton size="small" aria-label={`Delete ${what}`} disabled={busy} onClick={onDelete}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </Stack>
  );
}

function ActivityItem({
  block,
  activity,
  index,
  count,
  canEdit,
  busy,
  actions,
}: {
  block: ScheduleBlock;
  activity: ScheduleActivity;
  index: number;
  count: number;
  canEdit: boolean;
  busy: boolean;
  actions: BlockActions;
}) {
  const titleId = useId();
  return (
    <Box
      component="li"
      aria-labelledby={titleId}
      data-testid="schedule-activity"
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', py: 1, '&:not(:last-of-type)': { borderBottom: 1, borderColor: 'divider' } }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 20, pt: 0.25 }} aria-hidden>
        {index + 1}.
      </Typography>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Typography id={titleId} variant="body1" sx={{ fontWeight: 500 }}>
            {activity.title}
          </Typography>
          {activity.required ? (
            <Chip size="small" label="Required" color="error" variant="outlined" data-required="true" />
          ) : (
            <Typography variant="caption" color="text.secondary">
              Skippable
            </Typography>
          )}
          {activity.minutes != null && (
            <Typography variant="caption" color="text.secondary">
              · {activity.minutes} min
            </Typography>
          )}
          {activity.link && (
            <Link
              href={activity.link}
              target="_blank"
              rel="noopener noreferrer"
              variant="caption"
              sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25 }}
            >
              <LinkIcon fontSize="inherit" aria-hidden /> {linkLabel(activity.link)}
            </Link>
          )}
        </Stack>
        {activity.description && (
          <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap', mt: 0.25 }}>
            {activity.description}
          </Typography>
        )}
      </Box>
      {canEdit && (
        <RowButtons
          what={`activity ${activity.title}`}
          index={index}
          count={count}
          busy={busy}
          onMove={(position) => actions.moveActivity(activity, position)}
          onEdit={() => actions.editActivity(block, activity)}
          onDelete={() => actions.deleteActivity(block, activity)}
        />
      )}
    </Box>
  );
}

function linkLabel(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}

/** One block of a day: its times, kind and activities in order. */
export function BlockCard({ block, index, count, overlaps, outOfOrder, canEdit, busy, actions }: BlockCardProps) {
  const titleId = useId();
  const activitiesId = useId();
  const color = KIND_COLORS[block.kind] ?? '#9e9e9e';
  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      data-testid="schedule-block"
      sx={{ display: 'flex', borderLeft: `5px solid ${color}` }}
    >
      <Box
        sx={{ width: 96, flexShrink: 0, p: 2, pr: 1, borderRight: 1, borderColor: 'divider', bgcolor: 'action.hover' }}
        aria-label={`${block.startTime} to ${block.endTime}`}
      >
        <Typography variant="subtitle1" sx={{ fontWeight: 600, lineHeight: 1.2 }}>
          {block.startTime}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {block.endTime}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {durationLabel(block.startTime, block.endTime)}
        </Typography>
      </Box>
      <Box sx={{ flex: 1, minWidth: 0, p: 2, pt: 1.5 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flex: 1, flexWrap: 'wrap', rowGap: 0.5, minWidth: 0 }}>
            <Typography id={titleId} variant="h6" component="h3" sx={{ fontSize: '1.05rem' }}>
              {block.title}
            </Typography>
            <Chip
              size="small"
              label={kindLabel(block.kind)}
              data-kind={block.kind}
              sx={{ bgcolor: color, color: '#fff', fontWeight: 500 }}
            />
            {outOfOrder && (
              <Chip size="small" variant="outlined" color="warning" icon={<WarningAmberIcon />} label="Earlier than the block above" />
            )}
            {overlaps.length > 0 && (
              <Chip
                size="small"
                variant="outlined"
                color="warning"
                icon={<WarningAmberIcon />}
                label={`Overlaps ${overlaps.join(', ')}`}
              />
            )}
          </Stack>
          {canEdit && (
            <RowButtons
              what={`block ${block.title}`}
              index={index}
              count={count}
              busy={busy}
              onMove={(position) => actions.moveBlock(block, position)}
              onEdit={() => actions.editBlock(block)}
              onDelete={() => actions.deleteBlock(block)}
            />
          )}
        </Stack>
        {block.activities.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            No activities in this block.
          </Typography>
        ) : (
          <>
            <Typography id={activitiesId} variant="overline" color="text.secondary" component="h4" sx={{ display: 'block', mt: 0.5, lineHeight: 2 }}>
              Activities
            </Typography>
            <Box component="ol" aria-labelledby={`${activitiesId} ${titleId}`} sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {block.activities.map((activity, i) => (
                <ActivityItem
                  key={activity.id}
                  block={block}
                  activity={activity}
                  index={i}
                  count={block.activities.length}
                  canEdit={canEdit}
                  busy={busy}
                  actions={actions}
                />
              ))}
            </Box>
          </>
        )}
        {canEdit && (
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => actions.addActivity(block)}
            disabled={busy}
            aria-label={`Add activity to ${block.title}`}
            sx={{ mt: 1 }}
          >
            Add activity
          </Button>
        )}
      </Box>
    </Card>
  );
}
