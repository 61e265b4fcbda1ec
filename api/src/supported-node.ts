// The first import of every entry point: on a Node outside package.json's engines, stop in one line before
// MikroORM, graphile-worker and the rest load (and fail in ways that do not name the cause).
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('../scripts/node-version.cjs') as { assertSupportedNode(): void }).assertSupportedNode();
