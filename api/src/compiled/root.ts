import { validate } from 'class-validator';
import type { FieldNode } from 'graphql';
import type { Context } from '../context';
import type { FieldScope } from './json-select';

/**
 * A root query field that compiles: from its coerced arguments and the request, the SQL expression of its JSON
 * answer, or null to leave the request to the resolvers (which give the error, if there is one; so may a throw).
 * The role check of its @Authorized has passed; the rules beyond roles (whose data a viewer may see) are applied
 * here, through the same service code the resolver uses. A plain string is an answer that is never cached.
 */
export type RootSql = (args: Record<string, unknown>, ctx: Context, node: FieldNode, scope: FieldScope) => Promise<RootAnswer | string | null>;

/** A root field's SQL with every table its answer may read (types nested in it included): its answer may be cached (cache.ts). */
export interface RootAnswer {
  sql: string;
  tables: readonly string[];
}

/** Arguments as type-graphql hands them to a resolver: an instance of the argument class, checked by class-validator; null if invalid. */
export async function validInstance<T extends object>(type: new () => T, values: Record<string, unknown> | null | undefined): Promise<T | null> {
  const instance = Object.assign(new type(), values ?? {});
  const errors = await validate(instance, { forbidUnknownValues: false, skipMissingProperties: true });
  return errors.length ? null : instance;
}
