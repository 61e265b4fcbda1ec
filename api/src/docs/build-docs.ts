import '../supported-node';
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, isObjectType, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { docsDir, repoRoot } from '../config';
import { createSchema } from '../schema';
import { API_SCOPES } from '../auth/viewer';
import { readableFields } from '../modules/api-clients/api-client-scopes';
import { IDEMPOTENCY_KEY_ARG } from '../modules/idempotency/idempotency';
import { SCOPE_EXAMPLES } from './examples';

/**
 * The API reference served at /docs, generated from schema.graphql at build time by SpectaQL (npm run docs; npm run
 * build and npm start run it when it is stale): every type, field and argument with its description, who may call
 * each operation (roles and API-key scopes, from the guards in the code), what each scope reads of each type, and
 * a worked example per scope (src/docs/examples.ts, checked against a real server by test/docs.test.ts).
 */
const ROLE_WORDS: Record<string, string> = { STAFF: 'staff', COACH: 'coaches', LEARNER: 'learners (their own data)' };

/** Who may call a root field, in words, from its @Authorized roles (undefined: no guard). */
function whoMayCall(roles: string[] | undefined): string {
  if (roles === undefined) return 'anyone, signed in or not';
  if (roles.length === 0) return 'anyone signed in (not API keys)';
  const people = roles.filter((r) => ROLE_WORDS[r]).map((r) => ROLE_WORDS[r]);
  const scopes = roles.filter((r) => (API_SCOPES as readonly string[]).includes(r)).map((s) => `\`${s}\``);
  return [people.length ? people.join(', ') : null, scopes.length ? `API keys with ${scopes.join(' or ')}` : 'no API key'].filter(Boolean).join('; ');
}

/** schema.graphql with the access rules written into the descriptions the reference shows. */
export async function annotatedSchema(sdl: string): Promise<GraphQLSchema> {
  await createSchema(); // loads the resolvers' metadata: the guards below
  const storage = getMetadataStorage();
  const roles = new Map<string, string[] | undefined>();
  for (const [root, handlers] of [['Query', storage.queries], ['Mutation', storage.mutations]] as const) {
    for (const h of handlers) roles.set(`${root}.${h.schemaName}`, h.roles as string[] | undefined);
  }
  const schema = buildSchema(sdl);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = type.name === 'Query' || type.name === 'Mutation';
    for (const field of Object.values(type.getFields())) {
      const notes: string[] = [];
      if (root) notes.push(`**Who may call it:** ${whoMayCall(roles.get(`${type.name}.${field.name}`))}.`);
      if (field.args.some((a) => a.name === IDEMPOTENCY_KEY_ARG)) notes.push('**Safe to retry** with `idempotencyKey`.');
      if (notes.length) field.description = [field.description ?? '', ...notes].filter(Boolean).join('\n\n');
    }
    if (!root) {
      const byScope = Object.entries(readableFields(type.name));
      const reads = byScope.map(([scope, fields]) => `\`${scope}\`: ${fields === 'all' ? 'every field' : (fields as string[]).map((f) => `\`${f}\``).join(', ')}`);
      type.description = [type.description ?? '', `**API keys read:** ${reads.length ? reads.join('; ') : 'nothing (people only)'}.`].filter(Boolean).join('\n\n');
    }
  }
  return schema;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The reference's opening pages: signing in, scopes, the worked examples, errors, retries and limits. */
function introItems(): { title: string; description: string }[] {
  return [
    {
      title: 'Signing in',
      description: [
        'One endpoint, `POST /graphql`, for people and systems. People sign in with `login(email, password)` and send `Authorization: Bearer <token>`.',
        'Third-party systems use an **API key** that staff create (`createApiClient`, shown once) and send it the same way: `Authorization: Bearer wp_…`.',
        'A key reads only, only what its scopes name, and only its coach\'s learners when it is limited to a coach. It may expire (`expiresAt`), and a client has up to two working keys, so rotating one needs no gap (`rotateApiClientKey`, then `revokeApiClientKey` on the old one).',
        'Each operation below says who may call it; each type says what each scope reads of it (anything else is `FORBIDDEN` for a key, before anything runs).',
      ].join('\n\n'),
    },
    ...SCOPE_EXAMPLES.map((e) => ({
      title: `Example: ${e.scope}`,
      description: `${e.title}, with a key of scope \`${e.scope}\`:\n\n\`\`\`graphql\n${e.query}\n\`\`\`\n\nAnswer:\n\n\`\`\`json\n${json(e.answer)}\n\`\`\``,
    })),
    {
      title: 'Try it',
      description: [
        '[GraphiQL](/graphiql/) runs documents against this server\'s `/graphql` as you, with this schema\'s completion and docs: open to everyone in development, to staff signed in to the console in production (introspection stays off there for everyone else).',
        'A learner\'s **View Progress page** built on this API (sign-in, today\'s road map with done and skip, the last 7 days, this week\'s required activities with submissions and feedback, the support desk) is the reference client in Waypoint\'s `examples/progress`: plain TypeScript, typed from `schema.graphql` by GraphQL Code Generator; a development server shows it at [/examples/progress/](/examples/progress/), and `examples/README.md` walks through it. `examples/progress-client.mjs` pages through `progress` with an API key.',
      ].join('\n\n'),
    },
    {
      title: 'Errors',
      description: [
        'Errors carry `extensions.code`: `BAD_USER_INPUT` (with `extensions.field`, the argument at fault, e.g. `input.occurredAt`), `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`, `RATE_LIMITED` (HTTP 429, `Retry-After`), `UNAVAILABLE` or `TIMEOUT` (HTTP 503: retry), `INTERNAL_SERVER_ERROR` (with a request id). Refused input changes nothing.',
      ].join('\n\n'),
    },
    {
      title: 'Safe retries',
      description:
        'Operations marked **Safe to retry** take `idempotencyKey` (a fresh UUID per intended write). A retry with the same key and the same arguments answers the first answer and writes nothing; other arguments are `CONFLICT` on `idempotencyKey`; keys last 24 hours.',
    },
    {
      title: 'Rate limits',
      description:
        'Every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the minute\'s window starts afresh). Past the limit: HTTP 429 with `Retry-After`.',
    },
  ];
}

/** Writes the reference into `target` (index.html, stylesheets/, javascripts/). */
export async function buildDocs(target = docsDir, sdlFile = path.join(repoRoot, 'schema.graphql')): Promise<void> {
  const schema = await annotatedSchema(readFileSync(sdlFile, 'utf8'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'waypoint-docs-'));
  try {
    const annotated = path.join(work, 'schema.graphql');
    writeFileSync(annotated, printSchema(schema));
    const config = path.join(work, 'spectaql.json');
    // SpectaQL reads YAML, and JSON is YAML.
    writeFileSync(
      config,
      JSON.stringify({
        spectaql: { targetDir: target, oneFile: false },
        introspection: { schemaFile: annotated },
        info: {
          title: 'Waypoint GraphQL API',
          description: 'The reference of the API the coach console, learner-facing pages and third-party clients read, generated from schema.graphql.',
          'x-introItems': introItems(),
        },
        servers: [{ url: 'http://127.0.0.1:4000/graphql', description: 'npm start on your machine; in production, /graphql on your Waypoint address', production: true }],
      }),
    );
    mkdirSync(target, { recursive: true });
    const bin = path.join(repoRoot, 'node_modules', '.bin', 'spectaql');
    await promisify(execFile)(bin, [config], { cwd: work, maxBuffer: 16 * 1024 * 1024 }).catch((e: { stderr?: string; stdout?: string; message: string }) => {
      throw new Error(`SpectaQL failed: ${e.stderr || e.stdout || e.message}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const started = Date.now();
  buildDocs()
    .then(() => console.log(`Wrote the API reference to ${path.relative(process.cwd(), docsDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
