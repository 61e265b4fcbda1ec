import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite.config';

/**
 * GraphiQL (graphiql/), built once into graphiql/dist: hashed scripts, styles and Monaco's web workers that Waypoint
 * serves at /graphiql (api/src/docs/graphiql.routes.ts) with the same CSP as the console: no outside host, no inline
 * script. Built by `npm run build` and by `npm start` when stale; not part of the console's bundle.
 */
export default defineConfig({
  root: 'graphiql',
  base: '/graphiql/',
  plugins: [react(), precompress()],
  // Monaco's workers are ES modules loaded from /graphiql/assets (worker-src falls back to script-src 'self').
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is one large chunk, loaded by staff only.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL's React Compiler output marks modules "use no memo", which bundling may drop harmlessly.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
