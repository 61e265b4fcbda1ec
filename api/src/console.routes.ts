import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/** What a browser may be sent for a file: its brotli or gzip copy (written by the console's build), or the file. */
const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

/** Hashed file names (`App-Csq--U_A.js`) never change content: a year, and no revalidation. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so the browser asks again each time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/** The codings an Accept-Encoding header allows, with `*` and q=0 honoured; identity is always acceptable here. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let star = false;
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === '*') star = allowed;
    else (allowed ? accepted : refused).add(name);
  }
  if (star) for (const { coding } of ENCODINGS) if (!refused.has(coding)) accepted.add(coding);
  return accepted;
}

/**
 * Sends one built file of the console: the smallest copy the browser accepts (brotli, then gzip, then the file),
 * with `Vary: Accept-Encoding` so a cache keeps the copies apart. Content-Type is the original file's.
 */
export function sendBuilt(dist: string, file: string, cacheControl: string): express.RequestHandler {
  return (req, res, next) => {
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const copy = ENCODINGS.find(({ coding, suffix }) => accepted.has(coding) && existsSync(path.join(dist, file + suffix)));
    res.vary('Accept-Encoding');
    res.setHeader('Cache-Control', cacheControl);
    res.type(path.extname(file));
    if (copy) res.setHeader('Content-Encoding', copy.coding);
    res.sendFile(file + (copy?.suffix ?? ''), { root: dist, dotfiles: 'deny', cacheControl: false, lastModified: true }, (error) => {
      if (error && !res.headersSent) next((error as { status?: number }).status === 404 ? undefined : error);
    });
  };
}

/**
 * The console's side of the server: its built files under /admin, and compressed GraphQL answers.
 * - /admin/assets/*: hashed files, sent precompressed (built once by `npm run build`) and cached for good;
 * - any other /admin path: index.html (deep links are the console's routes), revalidated on every visit.
 * GraphQL answers are compressed by graphql-http.ts's middlewares.
 */
export function consoleRoutes(deps: { adminDist: string }): express.Router {
  const dist = path.resolve(deps.adminDist);
  const router = express.Router();

  if (!existsSync(path.join(dist, 'index.html'))) {
    router.get(/^\/admin(\/.*)?$/, (_req, res) => {
      res.status(503).type('text').send('The console is not built yet: run "npm run build -w admin" (npm start does this for you).');
    });
  } else {
    // Named as express.static's is: a folder of static files mounted at /admin (route listings read the name).
    router.use('/admin', function serveStatic(req, res, next) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
      const name = req.path.slice('/assets/'.length);
      // A name ending in .br/.gz is one of the copies: asked for directly, it would go out without its Content-Encoding.
      const known = /^[\w.-]+$/.test(name) && !/\.(br|gz)$/.test(name) && existsSync(path.join(dist, 'assets', name));
      if (!known) {
        res.status(404).setHeader('Cache-Control', 'no-store').type('text').send('Not found');
        return;
      }
      sendBuilt(dist, `assets/${name}`, IMMUTABLE)(req, res, next);
    });
    router.get(/^\/admin(\/.*)?$/, sendBuilt(dist, 'index.html', REVALIDATE));
  }
  router.get('/', (_req, res) => res.redirect('/admin/'));
  return router;
}
