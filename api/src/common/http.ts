import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type express from 'express';
import proxyaddr from 'proxy-addr';
import type { Logger } from './logger';
import { loggable } from './format-error';
import { isDatabaseUnavailable, isStatementTimeout } from './unavailable';

/**
 * A REST route's failure: an unreachable database is 503 (clients and Huntr retry), and so is a statement stopped
 * at the timeout; anything else is logged with
 * the request id and answered without internals.
 */
export function routeFailure(log: Logger, unavailable: (res: express.Response) => void = (res) => res.status(503).json({ error: 'Database unavailable; retry' })) {
  return (req: express.Request, res: express.Response, e: unknown) => {
    if (isDatabaseUnavailable(e)) return unavailable(res);
    if (isStatementTimeout(e)) return res.status(503).json({ error: 'The request was stopped: it ran too long in the database. Nothing was changed.', code: 'TIMEOUT' });
    const requestId = String((req as unknown as { id: string }).id);
    log.error({ err: loggable(e), requestId, url: redactUrl(req.path) }, 'unexpected error');
    res.status(500).json({ error: `Something went wrong on our side. Quote request id ${requestId} when reporting it.` });
  };
}

/**
 * A URL as logs may keep it: credentials that travel in the path (a calendar feed's token) or in the query
 * (token, key, secret, signature) are replaced by [redacted].
 */
export function redactUrl(url: string): string {
  return url.replace(/(\/calendar\/)[^/?#]+/g, '$1[redacted]').replace(/([?&](?:token|key|secret|signature|password)=)[^&#]*/gi, '$1[redacted]');
}

/**
 * The application's last handler, after every route: whatever error reaches it answers JSON with a code, in every
 * mode; never Express's HTML page, which shows a stack trace with file paths outside production. A body over its
 * limit is 413, in an encoding or charset the server does not read 415, not parseable 400; a path whose %-escapes do
 * not decode (`/calendar/%ZZ`: Express's router throws a URIError decoding the parameter) 400; anything else goes to
 * routeFailure (503 for the database, else a 500 with the request id and no internals).
 */
export function appErrors(log: Logger): express.ErrorRequestHandler {
  const failed = routeFailure(log);
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (err instanceof URIError) res.status(400).json({ error: 'The request path could not be read (a %-escape that does not decode)', code: 'BAD_REQUEST' });
    else if (status === 413) res.status(413).json({ error: 'The request body is too large', code: 'PAYLOAD_TOO_LARGE' });
    else if (status === 415) res.status(415).json({ error: 'The request body is in an encoding or charset this route does not read', code: 'UNSUPPORTED_MEDIA_TYPE' });
    else if (status >= 400 && status < 500) res.status(400).json({ error: 'The request body could not be read', code: 'BAD_REQUEST' });
    else failed(req, res, err);
  };
}

/** A connect-style middleware (what express.json, helmet and compression are), on Node's own request and response. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Which proxies' forwarded headers are believed: one on the same machine (a load balancer in front). Express uses the same. */
export const trustProxy = proxyaddr.compile('loopback');

/** The client's address: the socket's, or behind a trusted proxy the one it reports (X-Forwarded-For), as Express's req.ip. */
export function clientAddress(req: IncomingMessage): string {
  // No forwarded address: the socket's (what proxy-addr answers too, after parsing it).
  if (req.headers['x-forwarded-for'] === undefined) return req.socket.remoteAddress ?? 'unknown';
  return proxyaddr(req, trustProxy) ?? 'unknown';
}

/** http or https as the client used it: behind a trusted proxy, X-Forwarded-Proto; as Express's req.protocol. */
export function protocolOf(req: IncomingMessage): string {
  const own = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  if (req.headers['x-forwarded-proto'] === undefined || !trustProxy(req.socket.remoteAddress ?? '', 0)) return own;
  const header = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first || own;
}

/**
 * A middleware that sets the same headers on every answer (helmet with a fixed policy and no nonces), run once on
 * a stand-in response and replayed: the same headers, without a dozen small middlewares per request.
 */
export function replayedHeaders(middleware: Middleware): Middleware {
  const set: [string, number | string | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      set.push([name, value]);
      return recorder;
    },
    removeHeader: (name: string) => void removed.push(name),
    getHeader: () => undefined,
    hasHeader: () => false,
  };
  let called = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('replayedHeaders: the middleware did not finish at once');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
