import type { ResultOf } from '@graphql-typed-document-node/core';
import { HttpError } from 'react-admin';
import { SERVER_FAILURE_MESSAGE, UNREACHABLE_MESSAGE } from '../errors';
import { graphql } from '../gql';
import { codeForStatus, mutate, read } from '../graphqlClient';
import { sessionHeaders } from '../session';
import type { HuntrImportReport } from './types';

graphql(`
  fragment ApiClient on ApiClient { id name keyPrefix scopes createdAt revokedAt lastUsedAt coach { id name } }
`);

const ApiClients = graphql(`
  query apiClients { data: apiClients { ...ApiClient } }
`);

const CreateApiClient = graphql(`
  mutation createApiClient($name: String!, $scopes: [String!]!, $coachId: ID) {
    data: createApiClient(name: $name, scopes: $scopes, coachId: $coachId) { key client { ...ApiClient } }
  }
`);

const RevokeApiClient = graphql(`
  mutation revokeApiClient($id: ID!) { data: revokeApiClient(id: $id) { ...ApiClient } }
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
  /** Creates an API client; the key comes back here only. */
  createApiClient: async (name: string, scopes: string[], coachId?: string) =>
    mutate(CreateApiClient, { name, scopes, coachId: coachId || null }),
  revokeApiClient: async (id: string) => mutate(RevokeApiClient, { id }),
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
