import type { TypedDocumentString } from './gql/graphql';
import { currentSession, forgetSession } from './session';

/** Waypoint's GraphQL endpoint: the same origin (Waypoint serves this page), or VITE_WAYPOINT_GRAPHQL_URL at build time. */
export const GRAPHQL_URL: string = import.meta.env.VITE_WAYPOINT_GRAPHQL_URL ?? '/graphql';

/** A GraphQL error as the API gave it: its message (written for people) and its code (for the program). */
export class ApiError extends Error {
  constructor(
    message: string,
    /** extensions.code: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, RATE_LIMITED, UNAVAILABLE, … or NETWORK. */
    readonly code: string,
    /** extensions.field: the argument a BAD_USER_INPUT is about, when it names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Nothing to pass for a document without variables; its variables otherwise. */
type VariablesOf<V> = V extends { [key: string]: never } ? [] : [variables: V];

/**
 * Posts a typed document to Waypoint with the signed-in learner's bearer token and returns its typed data, or throws
 * the API's first error as an ApiError. An UNAUTHENTICATED answer (the token expired or was signed out elsewhere)
 * forgets the stored session, so the page asks to sign in again.
 */
export async function execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables]: VariablesOf<TVariables>): Promise<TResult> {
  const session = currentSession();
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('Waypoint cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let answer: GraphQLAnswer<TResult>;
  try {
    answer = (await response.json()) as GraphQLAnswer<TResult>;
  } catch {
    throw new ApiError(`Waypoint answered HTTP ${response.status} without a GraphQL answer. Try again.`, 'NETWORK');
  }
  const error = answer.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED' && session) forgetSession();
    throw new ApiError(error.message, code, error.extensions?.field);
  }
  if (!answer.data) throw new ApiError(`Waypoint answered HTTP ${response.status} without data. Try again.`, 'NETWORK');
  return answer.data;
}
