/**
 * Turns API errors into messages a coach can act on. The API's own messages
 * are written for people, so they are shown as they are; only failures
 * without one (network, server crash) get a message from here.
 */
export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK_ERROR'
  | string;

/** One error of a GraphQL response, as the API sends it. */
export interface GraphQLErrorLike {
  message?: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export const UNREACHABLE_MESSAGE =
  'Cannot reach the Waypoint server. Check your connection and try again.';
export const SERVER_FAILURE_MESSAGE =
  'Something went wrong on the Waypoint server. Try again; if it keeps happening, tell the Waypoint team.';
export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

export function statusForCode(code: ApiErrorCode | undefined): number {
  return (code && STATUS_BY_CODE[code]) || 500;
}

export interface ReadableError {
  message: string;
  code: ApiErrorCode;
  status: number;
  /** the input field the API blamed (extensions.field), if any */
  field?: string;
  /** the rest of the first error's extensions, e.g. the `clash` a CONFLICT names */
  details?: Record<string, unknown>;
}

/** The first error decides code and field; distinct messages are joined. */
export function readGraphQLErrors(errors: readonly GraphQLErrorLike[]): ReadableError {
  const first = errors[0] ?? {};
  const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const field = typeof first.extensions?.field === 'string' ? first.extensions.field : undefined;
  const messages = [...new Set(errors.map((e) => e.message).filter((m): m is string => !!m))];
  // The API words its errors for people (a server failure quotes its request id), so keep them.
  const message = messages.length === 0 ? SERVER_FAILURE_MESSAGE : messages.join('\n');
  const { code: _code, field: _field, ...rest } = first.extensions ?? {};
  const details = Object.keys(rest).length ? rest : undefined;
  return { message, code, field, details, status: statusForCode(code) };
}
