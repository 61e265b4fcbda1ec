import { GraphQLError } from 'graphql';

/** The codes a client can rely on; anything else is reported as INTERNAL_SERVER_ERROR. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'CLIENT_CLOSED_REQUEST'
  | 'INTERNAL_SERVER_ERROR';

/** A domain error: services throw these, the one error formatter passes them to clients as they are. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id: string, field = 'id') =>
  new AppError('NOT_FOUND', `No ${what} with id ${id}`, { field });
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extra);
