import { Arg, Field, getMetadataStorage } from 'type-graphql';
import { ReferenceKind, type EntityManager } from '@mikro-orm/postgresql';
import { valueFromASTUntyped, type FieldNode } from 'graphql';
import { isoSql, type FieldScope, type FieldSql, type JsonType } from './json-select';

/** A GraphQL output type as type-graphql takes it: a scalar, an object type's class, an enum object. */
type ReturnTypeFuncValue = object;

/**
 * One definition per field. A read type's computed fields (due times, breaches, module weeks, names read through a
 * relation, the relations themselves) are declared once, next to the type in its module, as the SQL that
 * computes them and what that SQL reads. From that one declaration come:
 * - the GraphQL field (registered here on the entity's object type, with its description);
 * - its part of the whole-document statement (compiled reads, plugin.ts);
 * - its resolver when a document does not compile whole: the same SQL, batched, one statement per level
 *   (batch.ts) — there is no TypeScript copy of the rule to drift from it.
 * Plain columns need no declaration: their SQL comes from the ORM's metadata (`columnsOf`).
 */

/** An argument of a declared field: its GraphQL definition, and the check a value must pass. */
export interface FieldArg {
  type: () => ReturnTypeFuncValue;
  description: string;
  /** What is wrong with a value given (BAD_USER_INPUT on the argument), or null. Not called when it is left out. */
  check?: (value: unknown) => string | null;
}

/** A declared field's arguments by name, as given (an argument left out is absent). */
export type FieldArgs = Record<string, unknown>;

/**
 * A computed value (a scalar, or objects built in SQL): `sql` gives its JSON for the row under an alias, for the
 * selection `node` (undefined when a resolver asks: then every field of an object) and the field's arguments.
 * When no value can be built for that selection or those arguments, null: the document runs through the resolvers.
 */
export interface ComputedField {
  kind: 'computed';
  type: () => ReturnTypeFuncValue;
  nullable?: boolean;
  description: string;
  sql: (alias: string, scope: FieldScope, node: FieldNode, args: FieldArgs) => string | null;
  /** The field's arguments, all optional: the same values reach the compiled read and the resolver. */
  args?: Record<string, FieldArg>;
  /** The JSON value is an ISO timestamp (`isoSql`): the resolver hands GraphQL a Date. */
  date?: boolean;
  /** Tables besides the type's own that the SQL reads; `clock`: it uses the request's instant; `viewer`: who asks. */
  reads: readonly string[];
  clock?: boolean;
  viewer?: boolean;
}

/** A to-one relation computed in SQL: `key` gives the related row's id (null when there is none). */
export interface RelationField {
  kind: 'relation';
  target: () => ReadType;
  nullable?: boolean;
  description: string;
  key: FieldSql;
  /**
   * Set by `firstOf`: the relation is the first target row `where` picks in `order`, and a compiled read builds it
   * from that row in one lookup instead of finding its id (`key`) and then the row by id.
   */
  first?: { where: (parent: string, child: string) => string; order: (child: string) => string };
  reads: readonly string[];
  clock?: boolean;
  viewer?: boolean;
}

/**
 * A field read through one of the entity's many-to-one properties: the related row itself (`field` unset), its id
 * (`field: 'id'`), or one of its columns. Its SQL and its resolver both come from the ORM's mapping of `property`.
 */
export interface ThroughField {
  kind: 'through';
  property: string;
  field?: string;
  target: () => ReadType;
  type?: () => ReturnTypeFuncValue;
  nullable?: boolean;
  description: string;
}

/**
 * A to-many relation in SQL: the target rows (under `child`) that `where` picks for the row (under `parent`), in
 * `order` (ending in a unique column, so the order is stable).
 */
export interface ManyField {
  kind: 'many';
  target: () => ReadType;
  description: string;
  where: (parent: string, child: string) => string;
  order: (child: string) => string;
  reads: readonly string[];
}

export type ReadField = ComputedField | RelationField | ThroughField | ManyField;

/** An object type whose fields Waypoint reads in SQL. */
export interface ReadType {
  /** The GraphQL type name (the entity's class name). */
  name: string;
  entity: abstract new (...args: never[]) => object;
  table: string;
  fields: Record<string, ReadField>;
}

const registry = new Map<string, ReadType>();

/** Declares the computed fields of an entity's object type (at import, before the schema is built). */
export function readType(entity: ReadType['entity'], table: string, fields: Record<string, ReadField>): ReadType {
  const type: ReadType = { name: entity.name, entity, table, fields: {} };
  registry.set(type.name, type);
  return extendReadType(type, fields);
}

/**
 * Adds declared fields to a read type from another module: the one that owns their data (a learner's
 * `submissions` live in submissions, over its table).
 */
export function extendReadType(type: ReadType, fields: Record<string, ReadField>): ReadType {
  for (const [name, field] of Object.entries(fields)) {
    if (Object.hasOwn(type.fields, name)) throw new Error(`${type.name}.${name} is declared twice`);
    type.fields[name] = field;
    const returns =
      field.kind === 'computed' || (field.kind === 'through' && field.type) ? field.type!
        : field.kind === 'many' ? () => [field.target().entity as ReturnTypeFuncValue]
          : () => field.target().entity as ReturnTypeFuncValue;
    const nullable = field.kind === 'many' ? false : (field.nullable ?? false);
    // An argument is a parameter of the field to type-graphql: registered first, it becomes an argument of the field.
    const args = field.kind === 'computed' ? Object.entries(field.args ?? {}) : [];
    for (const [i, [argName, arg]] of args.entries()) Arg(argName, arg.type as never, { nullable: true, description: arg.description })(type.entity.prototype, name, i);
    Field(returns as never, { nullable, description: field.description })(type.entity.prototype, name);
  }
  return type;
}

/** The first problem with the arguments given, as [argument, message]; null when they pass their checks. */
export function argumentProblem(field: ComputedField, args: FieldArgs): [string, string] | null {
  for (const [name, arg] of Object.entries(field.args ?? {})) {
    const value = args[name];
    const problem = value === undefined || value === null || !arg.check ? null : arg.check(value);
    if (problem) return [name, problem];
  }
  return null;
}

/**
 * The arguments of a field as written in the document, variables put in; null when they fail their checks (the
 * resolver then gives the error). Validation has already checked their types against the schema.
 */
function argumentsOf(field: ComputedField, node: FieldNode | undefined, variables: Record<string, unknown>): FieldArgs | null {
  const args: FieldArgs = {};
  for (const a of node?.arguments ?? []) {
    if (!field.args || !Object.hasOwn(field.args, a.name.value)) return null;
    const value = valueFromASTUntyped(a.value, variables);
    if (value !== undefined) args[a.name.value] = value;
  }
  return argumentProblem(field, args) ? null : args;
}

export const computed = (field: Omit<ComputedField, 'kind'>): ComputedField => ({ kind: 'computed', ...field });

/**
 * Declares the fields of an object type that has no table of its own (built over a statement's CTEs or a JSON
 * document: progress and its series), each once: its GraphQL definition (registered here on the class) and its
 * SQL. Returns the type as compiled reads build it; its resolvers ask the same SQL (read/root.ts rootAnswer).
 * `extra`: SQL for fields whose GraphQL definition is a field resolver's (a relation to an entity).
 */
export function sqlType(
  cls: abstract new (...args: never[]) => object,
  fields: Record<string, Omit<ComputedField, 'kind'>>,
  extra: Record<string, FieldSql> = {},
): JsonType {
  for (const [name, field] of Object.entries(fields)) {
    Field(field.type as never, { nullable: field.nullable ?? false, description: field.description })(cls.prototype, name);
  }
  const sqlOf = (name: string, f: Omit<ComputedField, 'kind'>): FieldSql => {
    if (f.args) throw new Error(`${cls.name}.${name}: fields of a type without a table take no arguments`);
    return (a, scope, node) => f.sql(a, scope, node, {});
  };
  return { name: cls.name, from: () => '', fields: { ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, sqlOf(name, f)])), ...extra } };
}
export const relation = (field: Omit<RelationField, 'kind'>): RelationField => ({ kind: 'relation', ...field });
/**
 * A to-one relation to the first target row `where` picks for the row, in `order` (the latest revision, say),
 * declared once: its key (for the resolvers) and its compiled read both come from `where` and `order`.
 */
export const firstOf = (field: Omit<RelationField, 'kind' | 'key' | 'first'> & { where: (parent: string, child: string) => string; order: (child: string) => string }): RelationField => {
  const { where, order, ...rest } = field;
  return {
    kind: 'relation',
    ...rest,
    first: { where, order },
    key: (a, scope) => {
      const c = scope.params.alias();
      return `(select ${c}.id from ${field.target().table} ${c} where ${where(a, c)} order by ${order(c)} limit 1)`;
    },
  };
};
export const through = (field: Omit<ThroughField, 'kind'>): ThroughField => ({ kind: 'through', ...field });
export const many = (field: Omit<ManyField, 'kind'>): ManyField => ({ kind: 'many', ...field });

/** Every declared read type, by GraphQL name. */
export function readTypes(): ReadonlyMap<string, ReadType> {
  return registry;
}

export function readTypeOf(name: string): ReadType | undefined {
  return registry.get(name);
}

const columnCache = new Map<string, Record<string, FieldSql>>();

/**
 * The SQL of a type's plain GraphQL fields, from the ORM's metadata: each field of the object type that is an
 * entity property stored in one column (timestamps as GraphQL serializes them, dates as text).
 */
export function columnsOf(em: EntityManager, type: ReadType): Record<string, FieldSql> {
  let columns = columnCache.get(type.name);
  if (columns) return columns;
  const meta = em.getMetadata().get(type.entity as never);
  const graphqlFields = getMetadataStorage().fields.filter((f) => f.target === type.entity).map((f) => f.name);
  columns = {};
  for (const name of graphqlFields) {
    if (Object.hasOwn(type.fields, name)) continue;
    const prop = meta.properties[name as never] as { kind: ReferenceKind; fieldNames: string[]; runtimeType: string; type: string } | undefined;
    if (!prop || prop.kind !== ReferenceKind.SCALAR || prop.fieldNames.length !== 1) continue;
    const column = prop.fieldNames[0];
    if (prop.runtimeType === 'Date') columns[name] = (a) => isoSql(`${a}.${column}`);
    else if (prop.type === 'date' || prop.type === 'DateType') columns[name] = (a) => `${a}.${column}::text`;
    // A JSON column holding objects: its sub-selection is the resolvers' to shape, unless its module declares it (a
    // meeting's windows, meetings/meeting.read.ts).
    else columns[name] = (a, _scope, node) => (node?.selectionSet ? null : `${a}.${column}`);
  }
  columnCache.set(type.name, columns);
  return columns;
}

/** The column of a many-to-one (or owning one-to-one) property (`learner` → `learner_id`). */
export function foreignKeyColumn(em: EntityManager, type: ReadType, property: string): string {
  const prop = em.getMetadata().get(type.entity as never).properties[property as never] as { kind: ReferenceKind; owner?: boolean; fieldNames: string[] } | undefined;
  const ownsKey = prop && (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner));
  if (!ownsKey) throw new Error(`${type.name}.${property} is not a relation whose key this table holds`);
  return prop.fieldNames[0];
}

/** The compiled-reads view of a read type: its columns and declared fields, relations as nested objects. */
export function jsonTypeOf(em: EntityManager, type: ReadType): JsonType {
  const fields: Record<string, FieldSql> = { ...columnsOf(em, type) };
  const objectOf = (target: ReadType, key: string, scope: Parameters<FieldSql>[1], node: Parameters<FieldSql>[2]) => {
    const child = scope.params.alias();
    const object = scope.object(target.name, node, child);
    return object === null ? null : `(select ${object} from ${target.table} ${child} where ${child}.id = ${key})`;
  };
  for (const [name, field] of Object.entries(type.fields)) {
    if (field.kind === 'computed') {
      fields[name] = (a, scope, node) => {
        const args = argumentsOf(field, node, scope.variables);
        return args && field.sql(a, scope, node, args);
      };
    }
    else if (field.kind === 'many') {
      fields[name] = (a, scope, node) => {
        const target = field.target();
        const child = scope.params.alias();
        const object = scope.object(target.name, node, child);
        return object === null ? null : `(select coalesce(json_agg(${object} order by ${field.order(child)}), '[]'::json) from ${target.table} ${child} where ${field.where(a, child)})`;
      };
    } else if (field.kind === 'relation') {
      const first = field.first;
      fields[name] = first
        ? (a, scope, node) => {
            const target = field.target();
            const child = scope.params.alias();
            const object = scope.object(target.name, node, child);
            return object === null ? null : `(select ${object} from ${target.table} ${child} where ${first.where(a, child)} order by ${first.order(child)} limit 1)`;
          }
        : (a, scope, node) => {
            const key = field.key(a, scope, node);
            return key === null ? null : objectOf(field.target(), key, scope, node);
          };
    } else {
      const column = foreignKeyColumn(em, type, field.property);
      const target = field.target();
      if (!field.field) fields[name] = (a, scope, node) => objectOf(target, `${a}.${column}`, scope, node);
      else if (field.field === 'id') fields[name] = (a) => `${a}.${column}`;
      else {
        const targetColumn = columnsOf(em, target)[field.field];
        if (!targetColumn) throw new Error(`${target.name}.${field.field} is not a column`);
        fields[name] = (a, scope) => {
          const t = scope.params.alias();
          return `(select ${targetColumn(t, scope, undefined as never)} from ${target.table} ${t} where ${t}.id = ${a}.${column})`;
        };
      }
    }
  }
  return { name: type.name, from: (a) => `${type.table} ${a}`, fields };
}
