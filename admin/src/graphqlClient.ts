import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  type FetchResult,
  type OperationVariables,
} from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { HttpError } from 'react-admin';
import { GRAPHQL_URL } from './authProvider';
import {
  readGraphQLErrors,
  UNREACHABLE_MESSAGE,
  SERVER_FAILURE_MESSAGE,
  statusForCode,
  type GraphQLErrorLike,
  type ReadableError,
} from './errors';
import { sessionHeaders } from './session';

/** The API refuses pages larger than this. */
export const MAX_PER_PAGE = 200;

// ---------------------------------------------------------------- Apollo

/** Non-2xx answers that still carry GraphQL errors become ordinary GraphQL errors, so their messages survive. */
const serverErrorsLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        complete: () => observer.complete(),
        error: (error: { statusCode?: number; result?: { errors?: GraphQLErrorLike[] } }) => {
          const errors = error?.result?.errors;
          if (!Array.isArray(errors) || errors.length === 0) return observer.error(error);
          observer.next({
            errors: errors.map((e) => ({
              message: e.message ?? '',
              extensions: { ...e.extensions, code: e.extensions?.code ?? codeForStatus(error.statusCode) },
            })),
          } as FetchResult);
          observer.complete();
        },
      });
      return () => subscription.unsubscribe();
    }),
);

const authLink = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: { ...headers, ...sessionHeaders() },
  }));
  return forward(operation);
});

export function codeForStatus(status: number | undefined): string {
  switch (status) {
    case 400: return 'BAD_USER_INPUT';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    default: return 'INTERNAL_SERVER_ERROR';
  }
}

export const client = new ApolloClient({
  link: ApolloLink.from([serverErrorsLink, authLink, new HttpLink({ uri: GRAPHQL_URL })]),
  cache: new InMemoryCache(),
});

// ---------------------------------------------------------------- errors

/** What the console shows for a failed call; `body.errors` feeds react-admin's server-side form validation. */
export function toReadableError(error: unknown): unknown {
  const httpError = error instanceof HttpError ? error : undefined;
  if ((httpError?.body as { code?: string } | undefined)?.code) return error;
  if ((error as Error)?.name === 'AbortError') return error;
  const apollo = (httpError?.body ?? error) as {
    graphQLErrors?: GraphQLErrorLike[];
    networkError?: { statusCode?: number } | null;
  } | undefined;
  let readable: ReadableError;
  if (apollo?.graphQLErrors?.length) {
    readable = readGraphQLErrors(apollo.graphQLErrors);
  } else if (!httpError && !apollo?.networkError) {
    return error; // our own Error, already worded for people
  } else {
    const status = (error as HttpError)?.status ?? apollo?.networkError?.statusCode;
    if (!status) {
      readable = { message: UNREACHABLE_MESSAGE, code: 'NETWORK_ERROR', status: 0 };
    } else if (status >= 500) {
      readable = { message: SERVER_FAILURE_MESSAGE, code: 'INTERNAL_SERVER_ERROR', status };
    } else {
      const code = codeForStatus(status);
      readable = { message: (error as Error).message || SERVER_FAILURE_MESSAGE, code, status: statusForCode(code) };
    }
  }
  const { message, code, field, details, status } = readable;
  return new HttpError(message, status, {
    code,
    field,
    details,
    errors: field ? { [field]: message, root: { serverError: message } } : undefined,
  });
}

// ---------------------------------------------------------------- typed calls

/** Runs a typed query and answers its whole result; API errors come back as readable HttpErrors. */
export async function read<Result, Variables extends OperationVariables>(
  query: TypedDocumentNode<Result, Variables>,
  variables?: Variables,
): Promise<Result> {
  try {
    // Never from Apollo's cache: the console shows what the server holds now.
    const result = await client.query({ query, variables: variables ?? ({} as Variables), fetchPolicy: 'no-cache' });
    return structuredClone(result.data);
  } catch (error) {
    throw toReadableError(error);
  }
}

/** Runs a typed mutation and answers its whole result; API errors come back as readable HttpErrors. */
export async function mutate<Result, Variables extends OperationVariables>(
  mutation: TypedDocumentNode<Result, Variables>,
  variables?: Variables,
): Promise<Result> {
  try {
    const result = await client.mutate({ mutation, variables: variables ?? ({} as Variables) });
    return structuredClone(result.data as Result);
  } catch (error) {
    throw toReadableError(error);
  }
}
