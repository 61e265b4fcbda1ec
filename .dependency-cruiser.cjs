/**
 * The API's architecture as rules (npm run deps, run by CI): the folder tree is the module graph.
 * - common/ is the base; auth/ and read/ (the field declarations and the compiled reads) build on it alone.
 * - A feature module (api/src/modules/<name>) imports common/, auth/, read/ and the modules it is declared to
 *   use below. The declared graph is acyclic: each module may only use modules declared before it.
 * - Everything else (app.ts, schema.ts, context.ts, db/, jobs/, cli/, main.ts) composes the modules.
 * Type-only imports (the request Context, say) are not dependencies at run time and are not counted.
 */
const MODULES = {
  idempotency: [],
  users: [],
  notifications: ['users'],
  'api-clients': ['users'],
  audit: ['users'],
  calendar: ['users'],
  learners: ['users', 'notifications'],
  submissions: ['users', 'learners', 'notifications'],
  compliance: ['users', 'learners', 'submissions', 'notifications'],
  schedule: ['users', 'learners', 'compliance'],
  'morning-sessions': ['users', 'learners', 'schedule', 'notifications'],
  meetings: ['users', 'learners', 'calendar', 'notifications'],
  events: ['users', 'learners', 'calendar', 'notifications'],
  'job-search': ['users', 'learners', 'submissions', 'compliance', 'audit', 'notifications'],
  jobs: ['users'],
  exports: ['users', 'learners', 'submissions'],
  reports: ['users', 'learners', 'submissions'],
};

/** Modules every other module may use: the idempotency key behind every creating mutation (it uses no module itself). */
const SHARED = ['idempotency'];

const names = Object.keys(MODULES);
names.forEach((name, i) => {
  for (const used of MODULES[name]) {
    if (names.indexOf(used) >= i) throw new Error(`.dependency-cruiser.cjs: ${name} may only use modules declared before it, not ${used}`);
  }
});

const moduleRules = names.map((name) => ({
  name: `module-${name}`,
  comment: `modules/${name} imports common/, auth/, read/ and ${[...MODULES[name], ...(SHARED.includes(name) ? [] : SHARED)].join(', ') || 'no other module'}`,
  severity: 'error',
  from: { path: `^api/src/modules/${name}/` },
  to: {
    path: '^api/src/',
    pathNot: [
      `^api/src/modules/${name}/`,
      '^api/src/(common|auth|read)/',
      ...[...MODULES[name], ...(SHARED.includes(name) ? [] : SHARED)].map((m) => `^api/src/modules/${m}/`),
    ],
  },
}));

module.exports = {
  forbidden: [
    ...moduleRules,
    { name: 'common-is-the-base', severity: 'error', from: { path: '^api/src/common/' }, to: { path: '^api/src/', pathNot: '^api/src/common/' } },
    { name: 'auth-builds-on-common', severity: 'error', from: { path: '^api/src/auth/' }, to: { path: '^api/src/', pathNot: '^api/src/(auth|common)/' } },
    { name: 'read-builds-on-common-and-auth', severity: 'error', from: { path: '^api/src/read/' }, to: { path: '^api/src/', pathNot: '^api/src/(read|auth|common)/' } },
    { name: 'no-circular', severity: 'error', from: { path: '^api/src/' }, to: { circular: true } },
  ],
  options: {
    tsConfig: { fileName: 'api/tsconfig.json' },
    tsPreCompilationDeps: false,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|node_modules)' },
    includeOnly: '^api/src/',
  },
};
