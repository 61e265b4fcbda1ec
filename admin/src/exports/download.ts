import { UNREACHABLE_MESSAGE, SERVER_FAILURE_MESSAGE } from '../errors';
import { sessionHeaders } from '../session';

/** The CSV exports the API offers staff (GET /exports/<name>.csv, modules/exports in the API). */
export type ExportName = 'learners' | 'status-history' | 'compliance' | 'attendance' | 'review-sla';

export const EXPORTS: { name: ExportName; title: string; description: string }[] = [
  { name: 'learners', title: 'Learners', description: 'Every learner with their coach, status, module start, time zone and first judged week.' },
  { name: 'status-history', title: 'Status history', description: 'Every enrollment status change: who or what, when, from, to, the reason and the module week.' },
  { name: 'compliance', title: 'Compliance history', description: 'Every weekly evaluation: the learner-week and its dates, what was missing, the status before and after.' },
  { name: 'attendance', title: 'Event attendance', description: 'Every RSVP to a coaching event: seat or waitlist, and whether the learner came.' },
  { name: 'review-sla', title: 'Review SLA', description: 'Per coach and kind: submissions reviewed, median time to review, reviews after the due time.' },
];

/**
 * Downloads an export as a file. The console signs in with an httpOnly session cookie that counts only with its
 * X-CSRF-Token header, which a plain link cannot send: so fetch it with the header and save the answer as a blob
 * under the name the server gives (waypoint-learners-2026-12-07.csv).
 */
export async function downloadExport(name: ExportName): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/exports/${name}.csv`, { headers: { Accept: 'text/csv', ...sessionHeaders() }, credentials: 'same-origin' });
  } catch {
    throw new Error(UNREACHABLE_MESSAGE);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(response.status >= 500 ? SERVER_FAILURE_MESSAGE : body.error || 'The export was refused.');
  }
  const file = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `waypoint-${name}.csv`;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // After the click has handed the blob to the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return file;
}
