import { HttpError } from 'react-admin';

/** What the data provider's readable errors carry (see toReadableError). */
export interface ApiError {
  message: string;
  code?: string;
  /** The input field the API blamed, without the argument name: "input.title" → "title". */
  field?: string;
  /** What else the API said about it (the first error's other extensions), e.g. `clash`. */
  details?: Record<string, unknown>;
}

/** Reads an error thrown by the data provider, ready to show next to a field or in a notification. */
export function readApiError(error: unknown, fallback = 'That did not work. Try again.'): ApiError {
  const body = (error instanceof HttpError ? error.body : undefined) as
    | { code?: string; field?: string; details?: Record<string, unknown> }
    | undefined;
  const message = (error as Error)?.message || fallback;
  const field = body?.field?.replace(/^(input|patch)\./, '');
  return { message, code: body?.code, field, details: body?.details };
}
