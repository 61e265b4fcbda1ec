import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../src/schema';
import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';

/**
 * Property-based fuzzing of every mutation, generated from the schema: random strings (unicode, huge,
 * SQL-ish), out-of-range numbers, bad dates, wrong enums, nulls, valid-looking ids. Whatever comes in, the
 * answer is never a 500, never an internal error, never SQL or a stack trace; and a refused input writes
 * nothing. FUZZ_RUNS sets the cases per mutation (default 100; CI runs 150).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/**
 * A variable's declared type: an argument with a default may be left out, so its variable is nullable (graphql-js
 * allows it where the argument has a default; left out, the argument takes its default).
 */
const variableType = (a: { type: GraphQLInputType; defaultValue?: unknown }) => String(a.defaultValue !== undefined && isNonNullType(a.type) ? a.type.ofType : a.type);
// Sign-in has its own suites (fuzzing it only burns scrypt time); signOut takes no arguments and would end the
// session the mutations after it are fuzzed with.
const SKIP = new Set(['login', 'signInWithCookie', 'signOut']);

const nasty = fc.constantFrom(
  '', ' ', '\u0000', "'; drop table users; --", '%_\\', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 🙂', 'x'.repeat(30_000), '<script>alert(1)</script>', 'null', '-1', '1e309',
);
const idLike = fc.oneof(fc.uuid(), fc.constant('00000000-0000-4000-8000-000000000000'), fc.string({ maxLength: 40 }), nasty);
const dateLike = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', 'tomorrow', '2026-11-18', '99999-01-01T00:00:00Z', ''),
  fc.string({ maxLength: 30 }),
);
const localDateLike = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '18/11/2026', '', '0000-00-00'),
  fc.string({ maxLength: 12 }),
);

/**
 * Cursors: this API's own shapes (a connection's `["ORDER", keys…]`, progress's `learner:<id>`, the bell's
 * `notification:<instant>:<id>`) with keys that are not what they claim to be, and plain garbage.
 */
const cursorPart = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('-'.repeat(36), `${'0'.repeat(35)}-`, '2026-02-30T00:00:00.000Z', '2026-11-18T00:00:00.000000Z', '+002026-11-18T00:00:00.000Z', 'x', '', '\u0000') },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const cursorLike = fc.oneof(
  { weight: 2, arbitrary: cursorPart.map((id) => b64(`learner:${id}`)) },
  { weight: 2, arbitrary: fc.tuple(cursorPart, fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: cursorPart })).map(([at, id]) => b64(`notification:${at}:${id}`)) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.array(fc.oneof(cursorPart, fc.integer(), fc.double(), fc.constant(null)), { maxLength: 4 })).map(([order, keys]) => b64(JSON.stringify([order, ...keys]))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: nasty },
);

function arbitrary(type: GraphQLInputType, depth = 0, name = ''): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inner(type.ofType, depth, name);
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: inner(type, depth, name) });
}

function inner(type: GraphQLInputType, depth: number, name: string): fc.Arbitrary<unknown> {
  if (name === 'after' && isScalarType(type) && type.name === 'String') return cursorLike;
  if (isListType(type)) return fc.array(arbitrary(type.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 6 });
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.value)), fc.string({ maxLength: 12 }));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, depth > 3 ? fc.constant(null) : arbitrary(f.type, depth + 1, f.name)])), { requiredKeys: [] });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return idLike;
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 53), 1.5, Number.MAX_SAFE_INTEGER));
      case 'Float':
        return fc.double();
      case 'Boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 0));
      case 'DateTimeISO':
        return dateLike;
      case 'LocalDate':
        return localDateLike;
      default:
        return fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 200 }), nasty);
    }
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

/** What is wrong with an answer, whatever was asked: a 5xx, an error without a code or an internal one, SQL or a stack frame. */
function problemOf(res: { status: number; errors?: { extensions?: { code?: unknown } }[] }, text: string): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.errors?.some((e) => !e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR')) return 'internal error';
  return /\bselect\b.*\bfrom\b|\binsert into\b|stacktrace|at .*\.ts:\d+/i.test(text) ? 'internals leaked' : null;
}

/**
 * Fuzzes shard `shard` of `shards` of the mutations (by name), so the suite runs in parallel across test files
 * (fuzz-1.test.ts, fuzz-2.test.ts), each on its own server and database.
 */
export function fuzzMutations(shard: number, shards: number): void {
  describe(`fuzzing every mutation (part ${shard + 1} of ${shards})`, () => {
    let schema: GraphQLSchema;
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      schema = await createSchema();
      t = await TestApp.start();
      const staff = await t.createUser(Role.STAFF);
      const coach = await t.createUser(Role.COACH);
      await t.createLearner(coach);
      token = t.tokenFor(staff);
    });
    afterAll(() => t.stop());

    const mutations = () =>
      Object.values(schema.getMutationType()!.getFields())
        .filter((f) => !SKIP.has(f.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .filter((_, i) => i % shards === shard);

    it('never answers 500, an internal error, SQL or a stack trace, and refused input writes nothing', async () => {
      const failures: string[] = [];
      let cases = 0;
      // The database's fingerprint as the last refused case left it: still valid until a case is accepted.
      let known: string | null = null;
      for (const field of mutations()) {
        const defs = field.args.map((a) => `$${a.name}: ${variableType(a)}`).join(', ');
        const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
        const query = `mutation${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
        const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitrary(a.type, 0, a.name)])), { requiredKeys: [] });
        await fc.assert(
          fc.asyncProperty(variables, async (vars) => {
            cases++;
            const before = known ?? (await t.fingerprint());
            const res = await t.gql(query, vars as Record<string, unknown>, token);
            const text = JSON.stringify(res);
            const refused = Boolean(res.errors && !res.data?.[field.name]);
            const after = refused ? await t.fingerprint() : null;
            known = after;
            const problem = problemOf(res, text) ?? (refused && after !== before ? 'refused but wrote' : null);
            if (problem) failures.push(`${field.name}: ${problem}: ${JSON.stringify(vars).slice(0, 300)} → ${text.slice(0, 300)}`);
            return problem === null;
          }),
          { numRuns: RUNS, seed: 20261128, endOnFailure: true },
        ).catch(() => undefined);
      }
      expect(failures).toEqual([]);
      expect(cases).toBeGreaterThanOrEqual(RUNS * mutations().length);
    }, 60_000 + RUNS * 2_000);
  });
}

/**
 * Fuzzes every query that takes arguments, as staff, as a learner and with an API key (the compiled reads and the
 * resolvers alike):
 * whatever the arguments (cursors shaped like this API's own with keys that are not, ids, dates, numbers), the answer
 * is never a 500, never an internal error, never SQL or a stack trace.
 */
export function fuzzQueries(): void {
  describe('fuzzing every query with arguments', () => {
    let schema: GraphQLSchema;
    let t: TestApp;
    let tokens: string[];

    beforeAll(async () => {
      schema = await createSchema();
      t = await TestApp.start();
      const staff = await t.createUser(Role.STAFF);
      const coach = await t.createUser(Role.COACH);
      const learner = await t.createLearner(coach);
      // A client platform's API key too, with every read scope (the progress API's callers).
      const client = await t.gql(`mutation { createApiClient(name: "Fuzz", scopes: ["progress:read", "learners:read", "events:read"]) { key } }`, {}, t.tokenFor(staff));
      if (!client.data?.createApiClient) throw new Error(JSON.stringify(client.errors));
      tokens = [t.tokenFor(staff), t.tokenFor(learner.user), client.data.createApiClient.key];
    });
    afterAll(() => t.stop());

    const queries = () => Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length > 0).sort((a, b) => a.name.localeCompare(b.name));

    it('never answers 500, an internal error, SQL or a stack trace', async () => {
      const failures: string[] = [];
      let cases = 0;
      for (const field of queries()) {
        const defs = field.args.map((a) => `$${a.name}: ${variableType(a)}`).join(', ');
        const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const type = getNamedType(field.type);
        // __typename, and the fields that make a list or a connection read its rows and count them.
        const own = isObjectType(type) ? type.getFields() : {};
        const selection = isObjectType(type) ? ` { __typename${own.id ? ' id' : ''}${own.totalCount ? ' totalCount' : ''}${own.pageInfo ? ' pageInfo { endCursor }' : ''} }` : '';
        const query = `query(${defs}) { ${field.name}(${args})${selection} }`;
        const every = fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitrary(a.type, 0, a.name)])), { requiredKeys: [] });
        // A cursor alone half the time: with the other arguments random, most cases are refused on one of them before
        // the cursor is read.
        const cursorAlone = field.args.some((a) => a.name === 'after') && field.args.every((a) => a.name === 'after' || !isNonNullType(a.type) || a.defaultValue !== undefined);
        const variables = cursorAlone ? fc.oneof(every, cursorLike.map((after) => ({ after }))) : every;
        await fc.assert(
          fc.asyncProperty(variables, fc.integer({ min: 0, max: tokens.length - 1 }), async (vars, who) => {
            cases++;
            const res = await t.gql(query, vars as Record<string, unknown>, tokens[who]);
            const text = JSON.stringify(res);
            const problem = problemOf(res, text);
            if (problem) failures.push(`${field.name}: ${problem}: ${JSON.stringify(vars).slice(0, 300)} → ${text.slice(0, 300)}`);
            return problem === null;
          }),
          // Three times the cases where a cursor is read: its space is the largest.
          { numRuns: cursorAlone ? 3 * RUNS : RUNS, seed: 20261207, endOnFailure: true },
        ).catch(() => undefined);
      }
      // Fields with arguments inside the answer (a learner's jobActivities(days), requiredActivities(moduleWeek)), asked
      // through a root that returns their type and needs no arguments (allLearners), on both read paths.
      let nested = 0;
      for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
        const root = Object.values(schema.getQueryType()!.getFields()).find((f) => getNamedType(f.type) === type && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
        if (!root || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields()).filter((f) => f.args.length > 0)) {
          const defs = field.args.map((a) => `$${a.name}: ${variableType(a)}`).join(', ');
          const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
          const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
          const query = `query(${defs}) { ${root.name} { id ${field.name}(${args})${selection} } }`;
          nested++;
          const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitrary(a.type, 0, a.name)])), { requiredKeys: [] });
          await fc.assert(
            fc.asyncProperty(variables, fc.boolean(), async (vars, compiled) => {
              cases++;
              t.config.compiledReads = compiled;
              const res = await t.gql(query, vars as Record<string, unknown>, tokens[0]).finally(() => (t.config.compiledReads = true));
              const text = JSON.stringify(res);
              const problem = problemOf(res, text);
              if (problem) failures.push(`${type.name}.${field.name}: ${problem}: ${JSON.stringify(vars).slice(0, 300)} → ${text.slice(0, 300)}`);
              return problem === null;
            }),
            { numRuns: RUNS, seed: 20261207, endOnFailure: true },
          ).catch(() => undefined);
        }
      }
      expect(failures).toEqual([]);
      expect(nested).toBeGreaterThanOrEqual(2);
      expect(cases).toBeGreaterThanOrEqual(RUNS * (queries().length + nested));
    }, 60_000 + RUNS * 1_500);
  });
}
