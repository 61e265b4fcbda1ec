import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAuditEntry } from '../audit/audit';
import { JobActivityKind } from './job-activity.entity';
import { learnersByEmail, STAGES } from './huntr';
import { pgArray } from '../../common/sql';

/** A CSV row with the line of the file it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** The file cannot be read as CSV (an opening quote never closed, say): nothing in it is imported. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * RFC 4180 CSV read by csv-parse (quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF, a
 * BOM), each row with the line it starts on, blank lines skipped; a file that ends inside a quoted field is refused
 * whole rather than have the rest of it swallowed into one field.
 */
export function parseCsv(text: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as typeof records;
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvFileError(`a quoted field is never closed: the file ends inside it (line ${err.lines})`, err.lines ?? 1);
    }
    throw new CsvFileError(`the file is not valid CSV: ${err.message ?? String(e)}`, err.lines ?? 1);
  }
  return records
    .map(({ record, info }) => ({
      // csv-parse counts the line a record ends on; a field with newlines in it started that many lines earlier.
      line: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0),
      fields: record,
    }))
    .filter((r) => r.fields.some((f) => f.trim() !== ''));
}

/** Accepted headers (case and spacing ignored): Huntr's export names and plain spreadsheet names. */
const COLUMNS: Record<string, string[]> = {
  email: ['member email', 'owner email', 'email'],
  category: ['activity category', 'category', 'activity type'],
  company: ['company', 'employer', 'employer name'],
  role: ['job title', 'title', 'role', 'position'],
  completed: ['completed'],
  completedAt: ['completed at', 'completed date', 'date'],
  startAt: ['start at', 'start date', 'starts at'],
  id: ['activity id', 'id'],
};

const APPLY = 'apply';
const INTERVIEWS = new Set(['phone screen', 'phone interview', 'on site interview', 'onsite interview']);

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  rejected: { line: number; reason: string }[];
}

interface Candidate {
  line: number;
  key: string;
  email: string;
  kind: JobActivityKind;
  company: string;
  role: string;
  occurredAt: Date;
  stage: string | null;
}

const truthy = (v: string) => /^(true|yes|y|1|x|done|completed)$/i.test(v.trim());

/**
 * Imports applications and interviews from a Huntr export (or a spreadsheet with the same columns). Each row is
 * keyed by its activity id (or, without one, by its content), so importing the same file twice adds nothing.
 * A dry run reports what would happen: accepted, duplicates, skipped (not an application or interview, or not
 * completed) and rejected rows with their line numbers and reasons.
 */
export async function importJobActivities(
  em: EntityManager,
  csv: string,
  opts: { dryRun: boolean; now: Date; userId: string | null; /** Set for a staff member's upload: the import and its audit entry commit together. */ requestId?: string },
): Promise<ImportReport> {
  let rows: CsvRow[];
  try {
    rows = parseCsv(csv);
  } catch (e) {
    if (!(e instanceof CsvFileError)) throw e;
    return { dryRun: opts.dryRun, rows: 0, accepted: 0, duplicates: 0, skipped: 0, rejected: [{ line: e.line, reason: `${e.message}; nothing was imported` }] };
  }
  const [headerRow, ...body] = rows;
  const report: ImportReport = { dryRun: opts.dryRun, rows: body.length, accepted: 0, duplicates: 0, skipped: 0, rejected: [] };
  if (!headerRow) return report;
  const header = headerRow.fields;
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, aliases]) => [k, names.findIndex((n) => aliases.includes(n))]));
  const missing = ['email', 'category', 'company', 'role'].filter((k) => col[k] === -1);
  if (missing.length) {
    report.rejected.push({ line: headerRow.line, reason: `missing column(s): ${missing.join(', ')}; found ${header.join(', ')}` });
    return report;
  }
  const candidates: Candidate[] = [];
  body.forEach(({ line, fields: r }) => {
    const get = (k: string) => (col[k] >= 0 ? (r[col[k]] ?? '').trim() : '');
    const category = get('category').toLowerCase();
    const kind = category === APPLY ? JobActivityKind.APPLICATION : INTERVIEWS.has(category) ? JobActivityKind.INTERVIEW : null;
    if (!kind || (col.completed >= 0 && !truthy(get('completed')))) {
      report.skipped++;
      return;
    }
    const dateText = kind === JobActivityKind.APPLICATION ? get('completedAt') || get('startAt') : get('startAt') || get('completedAt');
    const occurredAt = new Date(dateText);
    const email = get('email').toLowerCase();
    if (!email.includes('@')) return void report.rejected.push({ line, reason: 'no member email' });
    if (!dateText || Number.isNaN(occurredAt.getTime())) return void report.rejected.push({ line, reason: `bad or missing date "${dateText}"` });
    if (occurredAt > opts.now) return void report.rejected.push({ line, reason: 'date in the future' });
    const company = get('company').slice(0, 200) || 'Unknown employer';
    const role = get('role').slice(0, 200) || 'Unknown role';
    const id = get('id');
    const key = id ? `activity:${id}` : `csv:${createHash('sha256').update([email, kind, company, role, occurredAt.toISOString()].join('|')).digest('hex').slice(0, 32)}`;
    candidates.push({ line, key, email, kind, company, role, occurredAt, stage: STAGES[category] ?? null });
  });
  if (!candidates.length) return report;

  return em.transactional(async (tx) => {
    const emails = [...new Set(candidates.map((c) => c.email))];
    const learnerOf = await learnersByEmail(tx, emails);
    const seen = new Set<string>();
    const rows: (Candidate & { learnerId: string })[] = [];
    for (const c of candidates) {
      const learnerId = learnerOf.get(c.email)?.id;
      if (!learnerId) report.rejected.push({ line: c.line, reason: `no learner with email ${c.email}` });
      else if (seen.has(c.key)) report.duplicates++;
      else {
        seen.add(c.key);
        rows.push({ ...c, learnerId });
      }
    }
    const existing = new Set(
      (await tx.execute<{ huntr_key: string }[]>(`select huntr_key from job_activities where huntr_key = any(?::text[])`, [pgArray(rows.map((r) => r.key))])).map(
        (r) => r.huntr_key,
      ),
    );
    const fresh = rows.filter((r) => !existing.has(r.key));
    report.duplicates += rows.length - fresh.length;
    report.accepted = fresh.length;
    if (opts.dryRun || !fresh.length) return report;
    for (let i = 0; i < fresh.length; i += 5000) {
      const batch = fresh.slice(i, i + 5000);
      await tx.execute(
        `insert into job_activities (id, learner_id, kind, company, role, occurred_at, source, huntr_key, stage, created_by_id, created_at, updated_at)
         select gen_random_uuid(), t.learner_id, t.kind::job_activity_kind, t.company, t.role, t.occurred_at, 'CSV', t.key, nullif(t.stage, ''), ?, ?, ?
         from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[]) as t(learner_id, kind, company, role, occurred_at, key, stage)
         on conflict (huntr_key) do nothing`,
        [
          opts.userId, opts.now, opts.now,
          pgArray(batch.map((r) => r.learnerId)), pgArray(batch.map((r) => r.kind)), pgArray(batch.map((r) => r.company)),
          pgArray(batch.map((r) => r.role)), pgArray(batch.map((r) => r.occurredAt.toISOString())), pgArray(batch.map((r) => r.key)),
          pgArray(batch.map((r) => r.stage ?? '')),
        ],
      );
    }
    if (opts.userId && opts.requestId) {
      const { rows: count, accepted, duplicates, skipped } = report;
      await writeAuditEntry(tx, {
        at: opts.now,
        actorId: opts.userId,
        action: 'importHuntrCsv',
        subjectId: null,
        details: { rows: count, accepted, duplicates, skipped, rejected: report.rejected.length },
        requestId: opts.requestId,
      });
    }
    return report;
  });
}
