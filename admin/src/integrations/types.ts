/** One key of an API client: at most two work at once, so a key can be rotated without a gap. */
export interface ApiClientKey {
  id: string;
  keyPrefix: string;
  state: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A third-party system reading Waypoint with an API key. */
export interface ApiClient {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  coach: { id: string; name: string } | null;
  keys: ApiClientKey[];
}

/** What an API key may read. */
export const API_SCOPES = [
  { id: 'progress:read', label: 'Progress' },
  { id: 'learners:read', label: 'Learners' },
  { id: 'events:read', label: 'Events' },
] as const;

/** What POST /imports/huntr answers. */
export interface HuntrImportReport {
  dryRun: boolean;
  rows: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  rejected: { line: number; reason: string }[];
}
