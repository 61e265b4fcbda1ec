import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from './context';
import type { Logger } from './common/logger';
import { loggable } from './common/format-error';
import type { CompiledText } from './read/plugin';
import type { Middleware } from './common/http';

/** What the context function gets: the request (as the middlewares left it: id, log, body) and where a compiled answer goes. */
export interface GraphqlRequest {
  req: http.IncomingMessage & { id?: unknown; log?: Logger; body?: unknown };
  res: http.ServerResponse;
  compiled: CompiledText;
  /** Aborted when the client closes the connection before the answer is sent. */
  signal: AbortSignal;
}

/** Runs the middlewares in order, then `last`; the first error goes to `fail`. */
function run(middlewares: readonly Middleware[], req: http.IncomingMessage, res: http.ServerResponse, last: () => void, fail: (err: unknown) => void): void {
  let i = 0;
  const next = (err?: unknown): void => {
    if (err !== undefined && err !== null) return fail(err);
    const mw = middlewares[i++];
    if (!mw) return last();
    try {
      mw(req, res, next);
    } catch (e) {
      fail(e);
    }
  };
  next();
}

const sendJson = (res: http.ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
};

/**
 * /graphql on Node's http server, ahead of Express (which serves every other route). GraphQL is most of
 * Waypoint's traffic, and Express's routing, request and response wrappers were a tenth of a request's CPU
 * under load (issue 21's profile). The request goes through the same middlewares the Express app uses (request
 * id and log, request scope, security headers, metrics, compression, express.json with its 1 MB limit) and then
 * Apollo's executeHTTPGraphQLRequest, as Apollo's Express integration does. One difference: a query answered by
 * a compiled read (read/plugin.ts) goes out as the JSON text PostgreSQL built, never parsed into objects and
 * serialized again.
 */
export function graphqlHttp(deps: {
  apollo: ApolloServer<Context>;
  middlewares: readonly Middleware[];
  context(request: GraphqlRequest): Promise<Context>;
  responseLimitBytes: number;
  log: Logger;
}): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { apollo, middlewares, responseLimitBytes, log } = deps;
  const requestIdOf = (req: GraphqlRequest['req']) => String(req.id ?? '');

  // Bodies that never reach Apollo (malformed JSON, over the size limit, an encoding or charset it does not read)
  // get a GraphQL-shaped error with a code, never a stack trace.
  const refuse = (req: GraphqlRequest['req'], res: http.ServerResponse, err: unknown): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const given = (err as { status?: unknown } | null)?.status;
    const status = typeof given === 'number' && given >= 400 && given < 500 ? given : 500;
    if (status === 500) (req.log ?? log).error({ err: loggable(err) }, 'request failed before GraphQL');
    const message =
      status === 413 ? 'The request body is too large (1 MB at most)'
        : status === 415 ? 'The request body is in an encoding or charset this server does not read (send UTF-8 JSON)'
          : status === 400 ? 'The request body is not valid JSON'
            : status === 500 ? 'Something went wrong on our side'
              : 'The request could not be read';
    // BAD_REQUEST for every body the server cannot take, as before; the status and message say which.
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    sendJson(res, status, { errors: [{ message, extensions: { code, requestId: requestIdOf(req) } }] });
  };

  /** The answer, unless it is over the size limit: then a coded error in its place. */
  const send = (req: GraphqlRequest['req'], res: http.ServerResponse, status: number, text: string): void => {
    const bytes = Buffer.byteLength(text);
    if (bytes > responseLimitBytes) {
      sendJson(res, 400, {
        errors: [{
          message: `The answer would be ${bytes.toLocaleString('en')} bytes, over the ${responseLimitBytes.toLocaleString('en')} this server sends: ask for smaller pages or fewer fields`,
          extensions: { code: 'RESPONSE_TOO_LARGE', bytes, limit: responseLimitBytes, requestId: requestIdOf(req) },
        }],
      });
      return;
    }
    res.statusCode = status;
    res.setHeader('content-length', bytes);
    res.end(text);
  };

  const answer = async (req: GraphqlRequest['req'], res: http.ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const compiled: CompiledText = { json: null };
    // A client that gives up (a closed tab, a timed-out reporting tool) stops its statement: under load, pages
    // nobody waited for kept running and held connections the next requests queued for.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: q < 0 ? '' : url.slice(q), body: req.body },
      context: () => deps.context({ req, res, compiled, signal: gone.signal }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    const status = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // A compiled read's answer: Apollo ran every plugin on it, and serialized a stand-in; the text is PostgreSQL's.
      send(req, res, status, compiled.json !== null ? `{"data":${compiled.json}}\n` : response.body.string);
      return;
    }
    res.statusCode = status;
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      (res as { flush?: () => void }).flush?.();
    }
    res.end();
  };

  return (req, res) => {
    const request = req as GraphqlRequest['req'];
    run(
      middlewares,
      req,
      res,
      () => {
        answer(request, res).catch((e) => refuse(request, res, e));
      },
      (err) => refuse(request, res, err),
    );
  };
}
