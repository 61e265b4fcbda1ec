export interface StatusChangeRecord {
  id: string;
  from: string | null;
  to: string;
  reason: string;
  source: 'ENROLLMENT' | 'MANUAL' | 'EVALUATION' | string;
  moduleWeek: number | null;
  createdAt: string;
  changedBy: { id: string; name: string } | null;
}

/** Newest first, whatever order the API sends. */
export function newestFirst(history: readonly StatusChangeRecord[] | undefined): StatusChangeRecord[] {
  return [...(history ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export const SOURCE_LABELS: Record<string, string> = {
  ENROLLMENT: 'Enrollment',
  MANUAL: 'Set by hand',
  EVALUATION: 'Weekly compliance evaluation',
};
