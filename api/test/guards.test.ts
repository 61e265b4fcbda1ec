import { getMetadataStorage } from 'type-graphql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../src/schema';
import { TestApp } from './harness';
import { Role } from '../src/modules/users/user.entity';

/** Operations anyone may call: signing in, and asking who you are (null when anonymous). */
const PUBLIC = new Set(['Mutation.login', 'Mutation.signInWithCookie', 'Query.me']);

/** A value of the type that passes parsing (not necessarily the service's rules): enough to reach the guard. */
function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && depth < 4) out[f.name] = sample(f.type, depth + 1);
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'LocalDate':
        return '2026-11-18';
      case 'DateTimeISO':
        return '2026-11-18T12:00:00.000Z';
      default:
        return 'sample text';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** A document calling one root field with sample values for its required arguments. */
function call(schema: GraphQLSchema, root: 'Query' | 'Mutation', name: string): { query: string; variables: Record<string, unknown> } {
  const field = (root === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name];
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const variables = Object.fromEntries(required.map((a) => [a.name, sample(a.type)]));
  const defs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const op = root === 'Query' ? 'query' : 'mutation';
  return { query: `${op}${defs ? `(${defs})` : ''} { ${name}${args ? `(${args})` : ''}${selection} }`, variables };
}

describe('every operation is guarded', () => {
  let schema: GraphQLSchema;
  let t: TestApp;
  const ops: { key: string; root: 'Query' | 'Mutation'; name: string; roles: string[] | undefined }[] = [];

  beforeAll(async () => {
    schema = await createSchema();
    const storage = getMetadataStorage();
    for (const [root, list] of [['Query', storage.queries], ['Mutation', storage.mutations]] as const) {
      for (const m of list) ops.push({ key: `${root}.${m.schemaName}`, root, name: m.schemaName, roles: m.roles });
    }
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('lists exactly the schema\'s root fields, each with @Authorized unless it is public by design', () => {
    const inSchema = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
    ].sort();
    expect(ops.map((o) => o.key).sort()).toEqual(inSchema);
    const unguarded = ops.filter((o) => o.roles === undefined && !PUBLIC.has(o.key)).map((o) => o.key);
    expect(unguarded).toEqual([]);
    expect(ops.length).toBeGreaterThan(60);
  });

  it('refuses every guarded operation to an anonymous caller with UNAUTHENTICATED, writing nothing', async () => {
    const before = await t.snapshot();
    const wrong: string[] = [];
    for (const op of ops.filter((o) => !PUBLIC.has(o.key))) {
      const { query, variables } = call(schema, op.root, op.name);
      const res = await t.gql(query, variables);
      if (res.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') wrong.push(`${op.key}: ${JSON.stringify(res.errors ?? res.data).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await t.snapshot()).toBe(before);
  });

  it('refuses role-restricted operations to the roles they exclude with FORBIDDEN, writing nothing', async () => {
    const coach = await t.createUser(Role.COACH);
    const learner = await t.createLearner(coach);
    const tokens: Record<string, string> = { COACH: t.tokenFor(coach), LEARNER: learner.token };
    const before = await t.snapshot();
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.roles?.length)) {
      for (const role of ['COACH', 'LEARNER'].filter((r) => !op.roles!.includes(r))) {
        const { query, variables } = call(schema, op.root, op.name);
        const res = await t.gql(query, variables, tokens[role]);
        checked++;
        if (res.errors?.[0]?.extensions?.code !== 'FORBIDDEN') wrong.push(`${op.key} as ${role}: ${JSON.stringify(res.errors ?? res.data).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40);
    expect(await t.snapshot()).toBe(before);
  });
});
