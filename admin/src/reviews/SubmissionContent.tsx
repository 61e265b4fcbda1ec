import { Fragment, type ReactNode } from 'react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForwardIos';
import LaunchIcon from '@mui/icons-material/Launch';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { AREA_LABELS, GOAL_AREAS, MATERIAL_LABELS, STAGE_LABELS } from './labels';
import type { ApplicationMaterial, FunnelStage, JobSearchAnalysis, SmartGoals, SubmissionContent as Content, WeeklyRetrospective } from './types';

/** A prompt and the learner's answer, kept as they wrote it (line breaks included). */
function Answer({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children || <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic' }}>(left empty)</Box>}
      </Typography>
    </Box>
  );
}

/** An http(s) link from the learner, opened in a new tab; anything else is shown, not linked. */
export function ExternalLink({ href }: { href: string }) {
  const safe = /^https?:\/\//i.test(href);
  if (!safe) return <Typography component="span" sx={{ overflowWrap: 'anywhere' }}>{href}</Typography>;
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" sx={{ overflowWrap: 'anywhere', display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      {href}
      <LaunchIcon fontSize="inherit" aria-label="(opens in a new tab)" />
    </Link>
  );
}

function SmartGoalsView({ goals }: { goals: SmartGoals }) {
  const byArea = GOAL_AREAS.map((area) => ({ area, goals: goals.goals.filter((g) => g.area === area) }));
  const missing = byArea.filter((a) => a.goals.length === 0).map((a) => AREA_LABELS[a.area]);
  return (
    <Stack spacing={2}>
      <Answer label="Long-term goal">{goals.longTermGoal}</Answer>
      <Answer label="Mid-term goal">{goals.midTermGoal}</Answer>
      <Table size="small" aria-label="SMART goals by area">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 170 }}>Area</TableCell>
            <TableCell>Goal</TableCell>
            <TableCell align="right" sx={{ width: 130 }}>
              Weekly target
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {byArea.map(({ area, goals: inArea }) =>
            inArea.map((goal, index) => (
              <TableRow key={`${area}-${index}`} data-testid="smart-goal" sx={{ verticalAlign: 'top' }}>
                {index === 0 && (
                  <TableCell component="th" scope="rowgroup" rowSpan={inArea.length} sx={{ fontWeight: 500 }}>
                    {AREA_LABELS[area]}
                  </TableCell>
                )}
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{goal.statement}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {goal.weeklyTarget == null ? (
                    <Box component="span" sx={{ color: 'text.secondary' }}>
                      none
                    </Box>
                  ) : (
                    `${goal.weeklyTarget.toLocaleString()} a week`
                  )}
                </TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
      {missing.length > 0 && (
        <Typography variant="body2" color="warning.main" sx={{ display: 'flex', gap: 0.5, alignItems: 'center' }}>
          <WarningAmberIcon fontSize="small" aria-hidden /> No goal for {missing.join(', ')}.
        </Typography>
      )}
    </Stack>
  );
}

function RetrospectiveView({ retro }: { retro: WeeklyRetrospective }) {
  return (
    <Stack spacing={2}>
      <Answer label="What I achieved against last week's goals">{retro.achievements}</Answer>
      <Answer label="My challenges and blockers">{retro.challenges}</Answer>
      <Answer label="What I commit to next week">{retro.nextWeekCommitments}</Answer>
      <Answer label="One thing I will do differently">{retro.doDifferently}</Answer>
    </Stack>
  );
}

const FUNNEL: { stage: FunnelStage; value: (a: JobSearchAnalysis) => number }[] = [
  { stage: 'APPLICATIONS', value: (a) => a.applications },
  { stage: 'RESPONSES', value: (a) => a.responses },
  { stage: 'PHONE_SCREENS', value: (a) => a.phoneScreens },
  { stage: 'INTERVIEWS', value: (a) => a.interviews },
  { stage: 'OFFERS', value: (a) => a.offers },
];

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

function AnalysisView({ analysis }: { analysis: JobSearchAnalysis }) {
  return (
    <Stack spacing={2}>
      <Box
        component="ol"
        aria-label="Job-search funnel, as the learner counts it"
        sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', alignItems: 'stretch', gap: 0.5 }}
      >
        {FUNNEL.map(({ stage, value }, index) => {
          const failing = stage === analysis.failingStage;
          const n = value(analysis);
          const previous = index > 0 ? FUNNEL[index - 1].value(analysis) : undefined;
          return (
            <Fragment key={stage}>
              {index > 0 && (
                // The conversion from the stage before, on the arrow between them.
                <Box
                  aria-hidden
                  sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', color: 'text.secondary', px: 0.25 }}
                >
                  <ArrowForwardIcon fontSize="small" sx={{ color: 'text.disabled' }} />
                  <Typography variant="caption">{percent(n, previous!)}</Typography>
                </Box>
              )}
              <Box
                component="li"
                data-testid="funnel-stage"
                data-failing={failing ? 'true' : undefined}
                sx={{
                  position: 'relative',
                  flex: '1 1 90px',
                  minWidth: 90,
                  p: 1.25,
                  borderRadius: 1,
                  border: 2,
                  borderColor: failing ? 'warning.main' : 'divider',
                  bgcolor: failing ? 'rgba(237, 108, 2, 0.08)' : undefined,
                }}
              >
                <Typography variant="h5" component="p" sx={{ fontWeight: 500 }}>
                  {n.toLocaleString()}
                </Typography>
                <Typography variant="body2">{STAGE_LABELS[stage]}</Typography>
                {previous !== undefined && (
                  <Box component="span" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                    {percent(n, previous)} of the stage before
                  </Box>
                )}
                {failing && (
                  <Typography variant="caption" component="p" sx={{ color: 'warning.dark', fontWeight: 600 }}>
                    Failing stage
                  </Typography>
                )}
              </Box>
            </Fragment>
          );
        })}
      </Box>
      <Typography variant="body2" color="text.secondary">
        The learner thinks the <strong>{STAGE_LABELS[analysis.failingStage].toLowerCase()}</strong> stage is failing. These are
        the learner's own counts.
      </Typography>
      <Answer label="Diagnosis: why, and what they will change">{analysis.diagnosis}</Answer>
    </Stack>
  );
}

function MaterialView({ material }: { material: ApplicationMaterial }) {
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="subtitle2" component="h3" color="text.secondary">
          {MATERIAL_LABELS[material.materialType] ?? material.materialType}
        </Typography>
        <ExternalLink href={material.link} />
      </Box>
      <Answer label="What the learner wants feedback on">{material.note}</Answer>
    </Stack>
  );
}

/** What the learner sent, rendered for its kind, then their note and link if any. */
export function SubmissionContent({ submission }: { submission: Content }) {
  const { smartGoals, retrospective, analysis, material, text, link } = submission;
  return (
    <Stack spacing={2.5}>
      {smartGoals && <SmartGoalsView goals={smartGoals} />}
      {retrospective && <RetrospectiveView retro={retrospective} />}
      {analysis && <AnalysisView analysis={analysis} />}
      {material && <MaterialView material={material} />}
      {!smartGoals && !retrospective && !analysis && !material && !text && !link && (
        <Typography variant="body2" color="text.secondary">
          Sent without content.
        </Typography>
      )}
      {text && <Answer label="Note from the learner">{text}</Answer>}
      {link && (
        <Box>
          <Typography variant="subtitle2" component="h3" color="text.secondary">
            Link
          </Typography>
          <ExternalLink href={link} />
        </Box>
      )}
    </Stack>
  );
}
