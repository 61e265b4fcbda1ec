import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { UniqueConstraintViolationException, DriverException } from '@mikro-orm/core';
import type { Logger } from './logger';
import { currentRequestId } from './request-scope';
import { argumentPathOf } from './argument-path';
import { ClientGone } from './sql';
import { databaseUnavailable, isDatabaseUnavailable, isStatementTimeout, statementTimedOut } from './unavailable';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'TIMEOUT',
  'CLIENT_CLOSED_REQUEST',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * An error as the logs may keep it. A database error's message starts with the SQL and its values (emails,
 * names, notes): keep PostgreSQL's own words, its code, and where it happened, never the statement.
 */
export function loggable(error: unknown): Error | Record<string, unknown> {
  if (error instanceof DriverException) {
    const e = error as DriverException & { constraint?: string; table?: string; routine?: string };
    // PostgreSQL's own message alone: MikroORM adds the statement before it (6) or PostgreSQL's detail after it (7),
    // and both can hold personal data ("Key (email)=(…) already exists"); the stack keeps only its frames.
    const message = e.message.split('\n')[0].split(' - ').pop();
    const stack = e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    return { type: e.name, code: e.code, message, constraint: e.constraint, table: e.table, stack };
  }
  return error instanceof Error ? error : new GraphQLError(String(error));
}

/**
 * The one place errors become what clients see: known codes pass with their message and field
 * (argument validation arrives as BAD_USER_INPUT from validateArgs); unique violations become CONFLICT;
 * anything else is logged with the request id and reaches the client as a bare INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(log: Logger, statementTimeoutMs: number) {
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let formatted = given;
    const requestId = currentRequestId();
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (isDatabaseUnavailable(original)) {
      log.warn({ err: loggable(original), requestId, path: formatted.path }, 'database unavailable');
      const { http: _http, ...extensions } = databaseUnavailable().extensions as Record<string, unknown>;
      return { ...base, message: databaseUnavailable().message, extensions };
    }
    if (isStatementTimeout(original)) {
      log.warn({ requestId, path: formatted.path, limitMs: statementTimeoutMs }, 'statement timeout');
      const timedOut = statementTimedOut(statementTimeoutMs);
      const { http: _http, ...extensions } = timedOut.extensions as Record<string, unknown>;
      return { ...base, message: timedOut.message, extensions };
    }
    if (original instanceof ClientGone) {
      log.info({ requestId, path: formatted.path }, 'client closed the request; statement cancelled');
      return { ...base, message: 'The client closed the request before its answer', extensions: { code: 'CLIENT_CLOSED_REQUEST' } };
    }
    if (original instanceof UniqueConstraintViolationException) {
      return { ...base, message: 'That already exists', extensions: { code: 'CONFLICT' } };
    }
    let code = formatted.extensions?.code;
    // The token limit is the parser's own (parseOptions.maxTokens, graphql.ts), so a document over it is refused
    // before it is parsed whole; clients see it as the request limit it is, like depth, aliases and cost.
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? /Document contains more th(?:an|at) (\d+) tokens/.exec(formatted.message) : null;
    if (tokens) {
      code = 'GRAPHQL_VALIDATION_FAILED';
      formatted = { ...formatted, message: `Syntax Error: Token limit of ${tokens[1]} exceeded.`, extensions: { ...formatted.extensions, code } };
    }
    // graphql-armor's token counter re-parses the document and reports a plain syntax error as a validation
    // failure; clients should still see it as the parse failure it is.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message.startsWith('Syntax Error:') && !/limit of \d+ exceeded/i.test(formatted.message)) {
      code = 'GRAPHQL_PARSE_FAILED';
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code) && !(original instanceof DriverException)) {
      const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      // Input refused before any resolver ran (a variable, or a value in the document, that does not fit its type):
      // name the argument, as the resolvers' own validation does.
      if ((code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') && extensions.field === undefined && original instanceof GraphQLError) {
        const field = argumentPathOf(original);
        if (field) extensions.field = field;
      }
      return { ...base, message: formatted.message, extensions };
    }
    log.error({ err: loggable(original), requestId, path: formatted.path }, 'unexpected error');
    return {
      ...base,
      message: `Something went wrong on our side. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}
