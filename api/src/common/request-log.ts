import { randomUUID } from 'node:crypto';
import type { Logger } from './logger';
import { redactUrl, type Middleware } from './http';

/**
 * Each request's id and its log line. The id is the caller's X-Request-Id when it is a plain token (a proxy's),
 * else a new UUID, and is sent back in X-Request-Id. When the answer has gone, one line at info: the request
 * (method, path with credentials redacted), the status and the time taken, in pino-http's shape (`req`, `res`,
 * `responseTime`, "request completed"; "request errored" at error for a 5xx; "request aborted" at warn when the
 * client went first). `req.log` is a logger bound to the request, made only when something logs through it.
 *
 * Written here rather than taken from pino-http: its logger per request, bindings serialized up front, was about
 * 5 % of a GraphQL request's CPU under load (issue 21's profile), for a logger most requests never use.
 */
export function requestLog(log: Logger, skip: (url: string) => boolean): Middleware {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    const url = req.url ?? '';
    const described = () => ({ id, method: req.method, url: redactUrl(url) });
    let child: Logger | undefined;
    Object.defineProperty(req, 'id', { value: id, writable: true, configurable: true });
    Object.defineProperty(req, 'log', { get: () => (child ??= log.child({ req: described() })), configurable: true });
    if (!skip(url)) {
      const started = performance.now();
      const done = () => {
        const responseTime = Math.round(performance.now() - started);
        if (res.statusCode >= 500) log.error({ req: described(), res: { statusCode: res.statusCode }, responseTime }, 'request errored');
        else if (log.isLevelEnabled('info')) log.info({ req: described(), res: { statusCode: res.statusCode }, responseTime }, 'request completed');
      };
      res.once('finish', done);
      res.once('close', () => {
        if (!res.writableFinished) log.warn({ req: described(), responseTime: Math.round(performance.now() - started) }, 'request aborted');
      });
    }
    next();
  };
}
