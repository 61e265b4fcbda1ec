import Box from '@mui/material/Box';
import Radio from '@mui/material/Radio';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatMinutes, formatSpan } from '../common/zones';
import { ZonedSpan } from './MeetingChips';
import type { TimeWindow } from './types';
import { ZoneHeadingCell } from './ZoneHeadingCell';

const ms = (iso: string) => Date.parse(iso);

interface WindowChoiceProps {
  windows: TimeWindow[];
  chosen: number;
  onChoose: (index: number) => void;
  coachZone: string;
  learnerZone: string;
  /** "Your time" or "Ada's time" */
  coachHeading: string;
  learnerFirst: string;
  headingId: string;
}

/** A learner's preferred windows, in the coach's zone and the learner's side by side; one is chosen. */
export function WindowChoice({ windows, chosen, onChoose, coachZone, learnerZone, coachHeading, learnerFirst, headingId }: WindowChoiceProps) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" id={headingId}>
        {learnerFirst}'s preferred windows
      </Typography>
      <Table size="small" aria-labelledby={headingId} data-testid="schedule-windows">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <ZoneHeadingCell label={coachHeading} zone={coachZone} />
            <ZoneHeadingCell label={`${learnerFirst}'s time`} zone={learnerZone} />
            <TableCell>Length</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {windows.map((w, index) => {
            const over = ms(w.endsAt) <= Date.now();
            return (
              <TableRow
                key={w.startsAt}
                hover
                selected={index === chosen}
                onClick={() => !over && onChoose(index)}
                sx={{ cursor: over ? 'default' : 'pointer', opacity: over ? 0.5 : 1 }}
                data-testid="schedule-window"
              >
                <TableCell padding="checkbox">
                  <Radio
                    checked={index === chosen}
                    onChange={() => onChoose(index)}
                    disabled={over}
                    slotProps={{ input: { 'aria-label': `Window ${index + 1}: ${formatSpan(w.startsAt, w.endsAt, coachZone)}` } }}
                  />
                </TableCell>
                <TableCell data-testid="window-coach-time">
                  <ZonedSpan {...w} timeZone={coachZone} compact />
                </TableCell>
                <TableCell data-testid="window-learner-time">
                  <ZonedSpan {...w} timeZone={learnerZone} compact />
                </TableCell>
                <TableCell>{over ? 'Passed' : formatMinutes((ms(w.endsAt) - ms(w.startsAt)) / 60_000)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
