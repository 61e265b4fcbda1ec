import { validate } from 'class-validator';
import type { FieldNode } from 'graphql';
import type { Context } from '../context';
import type { FieldScope, JsonType } from './json-select';

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
