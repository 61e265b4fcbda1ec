import { defineConfig } from 'vite';

/** Relative asset paths: the built page works wherever it is served (Waypoint serves it at /examples/progress/). */
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
