import type { ResultOf } from '@graphql-typed-document-node/core';
import { HttpError } from 'react-admin';
import { SERVER_FAILURE_MESSAGE, UNREACHABLE_MESSAGE } from '../errors';
import { graphql } from '../gql';
import { codeForStatus, mutate, read } from '../graphqlClient';
import { sessionHeaders } from '../session';
import type { HuntrImportReport } from './types';

graphql(`
  fragment ApiClient on ApiClient {
    id name scopes createdAt revokedAt lastUsedAt coach { id name }
    keys { id keyPrefix state createdAt expiresAt revokedAt lastUsedAt }
  }
`);

const ApiClients = graphql(`
  query apiClients { data: apiClients { ...ApiClient } }
`);

const CreateApiClient = graphql(`
  mutation createApiClient($name: String!, $scopes: [String!]!, $coachId: ID, $expiresAt: DateTimeISO, $idempotencyKey: String) {
    data: createApiClient(name: $name, scopes: $scopes, coachId: $coachId, expiresAt: $expiresAt, idempotencyKey: $idempotencyKey) { key client { ...ApiClient } }
  }
`);

const RotateApiClientKey = graphql(`
  mutation rotateApiClientKey($clientId: ID!, $expiresAt: DateTimeISO, $idempotencyKey: String) {
    data: rotateApiClientKey(clientId: $clientId, expiresAt: $expiresAt, idempotencyKey: $idempotencyKey) { key client { ...ApiClient } }
  }
`);

const RevokeApiClient = graphql(`
  mutation revokeApiClient($id: ID!) { data: revokeApiClient(id: $id) { ...ApiClient } }
`);

const RevokeApiClientKey = graphql(`
  mutation revokeApiClientKey($keyId: ID!) { data: revokeApiClientKey(keyId: $keyId) { ...ApiClient } }
`);

const UnmatchedHuntrMembers = graphql(`
  query unmatchedHuntrMembers { data: unmatchedHuntrMembers { email actions lastReceivedAt } }
`);

const ResolveHuntrMember = graphql(`
  mutation resolveHuntrMember($email: String!, $learnerId: ID!) { data: resolveHuntrMember(email: $email, learnerId: $learnerId) }
`);

const HuntrIntegration = graphql(`
  query huntrIntegration($first: Int!) {
    data: huntrIntegration(first: $first) {
      webhookConfigured syncConfigured lastDeliveryAt lastSyncRunAt lastSyncSucceededAt lastSyncError
      lastSyncPulled lastSyncApplied lastSyncKept syncedThrough huntrMembers keptActionCount
      keptActions { id actionType memberEmail reason detail source rawBody arrivedAt lastTriedAt attempts }
    }
  }
`);

/** What huntrIntegration answers, typed from its document. */
export type HuntrIntegrationState = ResultOf<typeof HuntrIntegration>['data'];
export type KeptHuntrAction = HuntrIntegrationState['keptActions'][number];
export type UnmatchedHuntrMember = ResultOf<typeof UnmatchedHuntrMembers>['data'][number];

export const integrationMethods = {
  /** API clients, revoked ones included (staff). */
  getApiClients: async () => read(ApiClients),
  /** Creates an API client; the key comes back here only. One idempotency key per form, so a retried click creates one client. */
  createApiClient: async (name: string, scopes: string[], coachId: string | undefined, expiresAt: string | null, idempotencyKey: string) =>
    mutate(CreateApiClient, { name, scopes, coachId: coachId || null, expiresAt, idempotencyKey }),
  /** Issues a second key for a client (rotation); the key comes back here only. */
  rotateApiClientKey: async (clientId: string, expiresAt: string | null, idempotencyKey: string) =>
    mutate(RotateApiClientKey, { clientId, expiresAt, idempotencyKey }),
  revokeApiClient: async (id: string) => mutate(RevokeApiClient, { id }),
  revokeApiClientKey: async (keyId: string) => mutate(RevokeApiClientKey, { keyId }),
  /** Sends a Huntr CSV export to the import endpoint (staff); a dry run writes nothing. */
  importHuntrCsv: async (csv: string, dryRun: boolean): Promise<{ data: HuntrImportReport }> => {
    let response: Response;
    try {
      response = await fetch(`/imports/huntr${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', ...sessionHeaders() },
        body: csv,
      });
    } catch {
      throw new HttpError(UNREACHABLE_MESSAGE, 0, { code: 'NETWORK_ERROR' });
    }
    const body = (await response.json().catch(() => ({}))) as HuntrImportReport & { error?: string };
    if (!response.ok) {
      const message = response.status >= 500 ? SERVER_FAILURE_MESSAGE : body.error || 'The import was refused.';
      throw new HttpError(message, response.status, { code: codeForStatus(response.status) });
    }
    return { data: body };
  },
  getUnmatchedHuntrMembers: async () => read(UnmatchedHuntrMembers),
  /** The Huntr integration's state: deliveries, the pull-sync, the newest kept actions (staff). */
  getHuntrIntegration: async (first = 50) => read(HuntrIntegration, { first }),
  /** Ties a Huntr email to a learner; answers how many waiting actions were applied. */
  resolveHuntrMember: async (email: string, learnerId: string) => mutate(ResolveHuntrMember, { email, learnerId }),
};
