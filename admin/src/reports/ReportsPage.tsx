import { useEffect, useId, useState, type ReactNode } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import Papa from 'papaparse';
import { Title } from 'react-admin';
import { graphql } from '../gql';
import type { ProgramReportQuery } from '../gql/graphql';
import { read } from '../graphqlClient';
import { readApiError } from '../common/apiErrors';
import { monthName } from '../common/cohorts';
import { formatLocalDate } from '../common/dates';
import { TableScroll } from '../common/TableScroll';

const ReportQuery = graphql(`
  query programReport($cohort: String, $weeks: Int) {
    programReport(cohort: $cohort, weeks: $weeks) {
      cohorts { name byMonth learners }
      cohort
      funnel { learners applications interviews offers hired }
      statusByWeek { weekStart enrolled atRisk suspended paused hired withdrawn }
      coaches { coachId name learners reviewed withinTarget medianHoursToReview waiting }
      attendanceByWeek { weekStart sessionSignUps paired eventSeats attended absent }
    }
  }
`);

type Report = ProgramReportQuery['programReport'];

/** Saves rows as a CSV file (papaparse writes it: quoting, separators), with a BOM so spreadsheets read names right. */
function downloadCsv(name: string, rows: Record<string, unknown>[]) {
  // Apollo adds __typename to every object: not a column anyone wants.
  const clean = rows.map(({ __typename: _, ...row }) => row);
  const blob = new Blob(['\uFEFF', Papa.unparse(clean)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Section({ title, csv, children }: { title: string; csv: () => void; children: ReactNode }) {
  const id = useId();
  return (
    <Card variant="outlined" component="section" aria-labelledby={id}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h6" component="h2" id={id}>
            {title}
          </Typography>
          <Button size="small" startIcon={<DownloadIcon />} onClick={csv} aria-label={`Download CSV: ${title}`}>
            Download CSV
          </Button>
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * Program reports for staff: the cohort funnel, the status mix week by week, coaches' workload and review-target
 * attainment, and attendance; charts with MUI X Charts (made for MUI, as the console is), each part downloadable as
 * CSV. Cohorts are as staff set them on learners, else learners by module start month.
 */
export default function ReportsPage() {
  const [cohort, setCohort] = useState('');
  const [weeks, setWeeks] = useState(8);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    read(ReportQuery, { cohort: cohort || null, weeks })
      .then((r) => live && (setReport(r.programReport), setError(null)))
      .catch((e) => live && setError(readApiError(e).message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [cohort, weeks]);

  // A cohort staff named may hold spaces and slashes: not in a file name.
  const suffix = `${cohort.replace(/[^\w-]+/g, '-') || 'all'}-${weeks}w`;
  const weekLabels = report?.statusByWeek.map((w) => formatLocalDate(w.weekStart)) ?? [];

  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <Title title="Reports" />
      <Typography variant="h5" component="h1">
        Program reports
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <TextField
          select
          label="Cohort"
          value={cohort}
          onChange={(e) => setCohort(e.target.value)}
          sx={{ minWidth: 240 }}
          helperText="As staff set it on learners, else by module start month"
        >
          <MenuItem value="">Every learner</MenuItem>
          {report?.cohorts.map((c) => (
            <MenuItem key={c.name} value={c.name}>
              {c.byMonth ? monthName(c.name) : c.name} ({c.learners})
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Weeks" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} sx={{ minWidth: 140 }} helperText="Of the weekly parts">
          {[4, 8, 12, 26].map((n) => (
            <MenuItem key={n} value={n}>
              Last {n} weeks
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {loading && <LinearProgress aria-label="Loading the reports" />}
      {error && <Alert severity="error">{error}</Alert>}
      {report && (
        <>
          <Section title="Cohort funnel" csv={() => downloadCsv(`funnel-${suffix}.csv`, [report.funnel])}>
            <BarChart
              height={240}
              layout="horizontal"
              yAxis={[{ scaleType: 'band', data: ['Applications', 'Interviews', 'Offers', 'Hired'] }]}
              series={[{ data: [report.funnel.applications, report.funnel.interviews, report.funnel.offers, report.funnel.hired], label: `${report.funnel.learners} learners` }]}
            />
          </Section>
          <Section title="Status mix week by week" csv={() => downloadCsv(`status-by-week-${suffix}.csv`, report.statusByWeek)}>
            <BarChart
              height={300}
              xAxis={[{ scaleType: 'band', data: weekLabels }]}
              series={[
                { data: report.statusByWeek.map((w) => w.enrolled), label: 'Enrolled', stack: 'status' },
                { data: report.statusByWeek.map((w) => w.atRisk), label: 'At risk', stack: 'status' },
                { data: report.statusByWeek.map((w) => w.suspended), label: 'Suspended', stack: 'status' },
                { data: report.statusByWeek.map((w) => w.paused), label: 'Paused', stack: 'status' },
                { data: report.statusByWeek.map((w) => w.hired), label: 'Hired', stack: 'status' },
                { data: report.statusByWeek.map((w) => w.withdrawn), label: 'Withdrawn', stack: 'status' },
              ]}
            />
          </Section>
          <Section title="Coach workload and review target" csv={() => downloadCsv(`coaches-${suffix}.csv`, report.coaches)}>
            <TableScroll label="Coach workload table">
              <Table size="small" aria-label="Coach workload and review target">
                <TableHead>
                  <TableRow>
                    <TableCell>Coach</TableCell>
                    <TableCell align="right">Learners</TableCell>
                    <TableCell align="right">Reviewed</TableCell>
                    <TableCell align="right">Within target</TableCell>
                    <TableCell align="right">Median hours to review</TableCell>
                    <TableCell align="right">Waiting now</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.coaches.map((c) => (
                    <TableRow key={c.coachId} data-testid="report-coach">
                      <TableCell>{c.name}</TableCell>
                      <TableCell align="right">{c.learners}</TableCell>
                      <TableCell align="right">{c.reviewed}</TableCell>
                      <TableCell align="right">{c.reviewed ? `${Math.round((100 * c.withinTarget) / c.reviewed)} %` : '–'}</TableCell>
                      <TableCell align="right">{c.medianHoursToReview ?? '–'}</TableCell>
                      <TableCell align="right">{c.waiting}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          </Section>
          <Section title="Attendance week by week" csv={() => downloadCsv(`attendance-${suffix}.csv`, report.attendanceByWeek)}>
            <LineChart
              height={280}
              xAxis={[{ scaleType: 'point', data: report.attendanceByWeek.map((w) => formatLocalDate(w.weekStart)) }]}
              series={[
                { data: report.attendanceByWeek.map((w) => w.sessionSignUps), label: 'Morning-session sign-ups' },
                { data: report.attendanceByWeek.map((w) => w.paired), label: 'Paired' },
                { data: report.attendanceByWeek.map((w) => w.eventSeats), label: 'Event seats' },
                { data: report.attendanceByWeek.map((w) => w.attended), label: 'Attended' },
              ]}
            />
          </Section>
        </>
      )}
    </Stack>
  );
}
