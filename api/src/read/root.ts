import { validate } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context';
import { preparedQuery } from '../common/sql';
import { jsonTypeOf, readTypes } from './declare';
import { column, JsonCompiler, SqlParams, type FieldScope, type JsonType } from './json-select';

/**
 * A root query field that compiles: from its coerced arguments and the request, the SQL expression of its JSON
 * answer, or null to leave the request to the resolvers (which give the error, if there is one; so may a throw).
 * The role check of its @Authorized has passed; the rules beyond roles (whose data a viewer may see) are applied
 * here, through the same service code the resolver uses.
 */
export type RootSql = (args: Record<string, unknown>, ctx: Context, node: FieldNode, scope: FieldScope) => Promise<string | null>;

/** Checked arguments by class and JSON: a client asks with the same few argument sets over and over. */
const checked = new Map<new () => object, Map<string, object | null>>();

/**
 * Arguments as type-graphql hands them to a resolver: an instance of the argument class, checked by
 * class-validator; null if invalid. Frozen: the same instance answers every request with these values.
 */
export async function validInstance<T extends object>(type: new () => T, values: Record<string, unknown> | null | undefined): Promise<T | null> {
  const key = JSON.stringify(values ?? {});
  let byJson = checked.get(type);
  if (byJson?.has(key)) return byJson.get(key) as T | null;
  const instance = Object.assign(new type(), values ?? {});
  const errors = await validate(instance, { forbidUnknownValues: false, skipMissingProperties: true });
  const result = errors.length ? null : Object.freeze(instance);
  if (!byJson) checked.set(type, (byJson = new Map()));
  if (byJson.size >= 1_000) byJson.clear();
  byJson.set(key, result);
  return result;
}

const roots = new Map<string, RootSql>();
const extraTypes: JsonType[] = [];

/** Registers root query fields that compile (and the object types only they build), from the module that owns them. */
export function readRoots(fields: Record<string, RootSql>, types: JsonType[] = []): void {
  for (const [name, sql] of Object.entries(fields)) roots.set(name, sql);
  extraTypes.push(...types);
}

/** The registered compiled roots by field name, and the object types registered with them. */
export function compiledRoots(): { roots: ReadonlyMap<string, RootSql>; types: readonly JsonType[] } {
  return { roots, types: extraTypes };
}

/** ListMetadata over a row with a `count` column. */
const ListMetadataJson: JsonType = { name: 'ListMetadata', from: () => '', fields: { count: column('count') } };

let compiler: JsonCompiler | undefined;

/** Every type compiled reads can build: the declared read types, and those registered with the roots. */
export function compilerFor(em: EntityManager): JsonCompiler {
  // Built on first use: the columns come from the ORM's metadata, known once it has started.
  compiler ??= new JsonCompiler([...[...readTypes().values()].map((t) => jsonTypeOf(em, t)), ListMetadataJson, ...compiledRoots().types]);
  return compiler;
}

const fieldNodes = new Map<string, FieldNode>();

/**
 * The field of a selection written as text (`failedJobs { id task }`), parsed once: the selection a resolver asks
 * a root for.
 */
export function fieldNode(text: string): FieldNode {
  let node = fieldNodes.get(text);
  if (!node) {
    node = (parse(`{ ${text} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    if (fieldNodes.size >= 1_000) fieldNodes.clear();
    fieldNodes.set(text, node);
  }
  return node;
}

/**
 * A root's answer through its resolver: the same SQL as the compiled read, for a selection the resolver builds
 * (keyed by field names, so GraphQL's default resolvers read the JSON); the fields it leaves out have resolvers
 * of their own. The JSON, or null when the statement answers null (no such row).
 */
export async function rootAnswer<T>(root: RootSql, args: Record<string, unknown>, ctx: Context, node: FieldNode): Promise<T | null> {
  const params = new SqlParams(ctx.clock.now(), ctx.publicUrl);
  const scope = compilerFor(ctx.em).scope(params, {}, ctx.viewer!);
  const sql = await root(args, ctx, node, scope);
  if (sql === null) throw new Error(`a compiled root refused a selection its own resolver built: ${node.name.value}`);
  const [row] = await preparedQuery<{ v: T | null }>(ctx.em, `select ${sql} as v`, params.values, ctx.signal);
  return row.v;
}
