import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/**
 * /docs: the API reference built by npm run docs (src/docs/build-docs.ts) from schema.graphql, static files only
 * (no data, so open to everyone, as the schema is). Before it is built, a coded JSON answer says how to build it.
 */
export function docsRoutes(deps: { dir: string }): express.Router {
  const router = express.Router();
  router.use('/docs', (req, res, next) => {
    if (existsSync(path.join(deps.dir, 'index.html'))) return next();
    res.status(404).json({ errors: [{ message: 'The API reference is not built here: run "npm run docs"', extensions: { code: 'NOT_FOUND' } }] });
  });
  router.use('/docs', express.static(deps.dir, { index: 'index.html', maxAge: '10m', fallthrough: true }));
  return router;
}
