import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/**
 * /examples/progress/: the reference client (examples/progress: a learner's View Progress page, built by npm start)
 * outside production. Static files only, open to all: the page signs in and reads over /graphql as any client does.
 */
export function referenceClientRoutes(deps: { env: 'development' | 'production' | 'test'; dir: string }): express.Router {
  const router = express.Router();
  if (deps.env === 'production') return router;
  const dir = path.resolve(deps.dir);
  router.use('/examples/progress', (_req, res, next) => {
    if (existsSync(path.join(dir, 'index.html'))) return next();
    res.status(503).type('text').send('The reference client is not built yet: run "npm run build -w examples/progress" (npm start does this for you).');
  });
  // express.static sends /examples/progress on to /examples/progress/, where the page's relative asset paths resolve.
  router.use('/examples/progress', express.static(dir, { index: 'index.html', fallthrough: true }));
  return router;
}
