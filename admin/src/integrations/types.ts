/** A third-party system reading Waypoint with an API key. */
export interface ApiClient {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  coach: { id: string; name: string } | null;
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

/** A Huntr member email that matches no learner yet. */
export interface UnmatchedHuntrMember {
  email: string;
  actions: number;
  lastReceivedAt: string;
}

/** An action Huntr sent that waits for a mapping (unknown member, category or action type). */
export interface KeptHuntrAction {
  id: string;
  actionType: string;
  memberEmail: string | null;
  reason: string;
  detail: string;
  source: string;
  rawBody: string;
  arrivedAt: string;
  lastTriedAt: string;
  attempts: number;
}

/** What huntrIntegration answers. */
export interface HuntrIntegrationState {
  webhookConfigured: boolean;
  syncConfigured: boolean;
  lastDeliveryAt: string | null;
  lastSyncRunAt: string | null;
  lastSyncSucceededAt: string | null;
  lastSyncError: string | null;
  lastSyncPulled: number;
  lastSyncApplied: number;
  lastSyncKept: number;
  syncedThrough: string | null;
  huntrMembers: number;
  keptActionCount: number;
  keptActions: KeptHuntrAction[];
}
