import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id, reachable from code that is not handed the request (the error formatter). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | undefined => requestScope.getStore()?.requestId;
