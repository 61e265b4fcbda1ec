import DataLoader from 'dataloader';
import { Reference, type EntityManager, type Ref } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { pgArray, preparedQuery } from '../common/sql';
import { badInput } from '../common/errors';
import { argumentProblem, readTypes, type FieldArgs, type ReadField, type ReadType } from './declare';
import { SqlParams } from './json-select';
import { compilerFor } from './root';

/**
 * Declared fields when a document does not compile whole: each field's resolver asks for its value by the row's
 * id, and the fields and rows asked for in one tick (one level of the response) are read in one statement that
 * selects the declarations' own SQL for that set of ids. Relations give the related id; the related row comes from
 * the entity loader of its type (one more statement per level).
 */
export function createReadBatch(
  em: EntityManager,
  now: () => Date,
  viewer: () => Viewer | null,
  /** The modules' own by-id loaders, by type name: a row is then loaded once per request, whoever asks. */
  byId: Record<string, DataLoader<string, object | null>> = {},
  /** Where clients reach this server (the request's publicUrl), for fields that hand out links. */
  publicUrl = '',
) {
  const loaders = new Map<string, DataLoader<string, unknown>>();
  const entities = new Map<string, DataLoader<string, object | null>>(Object.entries(byId));

  const valuesOf = (type: ReadType) => {
    let loader = loaders.get(type.name);
    if (!loader) {
      // Keyed "field id", the field with its arguments' JSON when it has any: the batch is the set of fields
      // (with their arguments) and ids this level asked for.
      loader = new DataLoader<string, unknown>(async (keys) => {
        const split = (k: string) => [k.slice(0, k.lastIndexOf(' ')), k.slice(k.lastIndexOf(' ') + 1)] as const;
        const fields = [...new Set(keys.map((k) => split(k)[0]))];
        const ids = [...new Set(keys.map((k) => split(k)[1]))];
        const rows = await selectFields(em, type, fields, ids, now(), viewer(), publicUrl);
        return keys.map((k) => {
          const [field, id] = split(k);
          const row = rows.get(id);
          return row ? row[`f${fields.indexOf(field)}`] : null;
        });
      });
      loaders.set(type.name, loader);
    }
    return loader;
  };

  const entityOf = (type: ReadType) => {
    let loader = entities.get(type.name);
    if (!loader) {
      loader = new DataLoader<string, object | null>(async (ids) => {
        const rows = (await em.find(type.entity as never, { id: { $in: [...ids] } } as never)) as { id: string }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      entities.set(type.name, loader);
    }
    return loader;
  };

  return {
    /** The value of a declared field for the row with this id, as its GraphQL resolver returns it. */
    async field(type: ReadType, name: string, id: string, args: FieldArgs = {}): Promise<unknown> {
      const field = type.fields[name];
      const value = await valuesOf(type).load(`${fieldKey(name, args)} ${id}`);
      if (value === null || value === undefined) return null;
      if (field.kind === 'relation') return entityOf(field.target()).load(String(value));
      if (field.kind === 'many') {
        const related = await entityOf(field.target()).loadMany(value as string[]);
        return related.map((r) => {
          if (r instanceof Error) throw r;
          return r;
        }).filter((r) => r !== null);
      }
      return resolvedValue(field, value);
    },
    /** An entity of a read type by id (batched). */
    entity<T>(type: ReadType, id: string): Promise<T | null> {
      return entityOf(type).load(id) as Promise<T | null>;
    },
    clearAll(): void {
      for (const l of [...loaders.values(), ...entities.values()]) l.clearAll();
    },
  };
}

export type ReadBatch = ReturnType<typeof createReadBatch>;

/** A field and the arguments it was asked with, as one key: `name` alone, or `name{"arg":value}`. */
const fieldKey = (name: string, args: FieldArgs) => (Object.keys(args).length ? `${name}${JSON.stringify(args)}` : name);

function parseFieldKey(key: string): [string, FieldArgs] {
  const brace = key.indexOf('{');
  return brace < 0 ? [key, {}] : [key.slice(0, brace), JSON.parse(key.slice(brace)) as FieldArgs];
}

/** One statement: the JSON of each of `fields` (keys of fieldKey) for each of `ids`, by id, under `f0`, `f1`, ... */
async function selectFields(
  em: EntityManager,
  type: ReadType,
  fields: string[],
  ids: string[],
  now: Date,
  viewer: Viewer | null,
  publicUrl: string,
): Promise<Map<string, Record<string, unknown>>> {
  const params = new SqlParams(now, publicUrl);
  const scope = compilerFor(em).scope(params, {}, { userId: viewer?.userId ?? '', role: viewer?.role ?? '' });
  const sqlOf = (field: ReadField, args: FieldArgs) => {
    if (field.kind === 'many') {
      // The related rows' ids in order; the rows themselves come from the target's entity loader.
      const c = params.alias('c');
      return `(select coalesce(json_agg(${c}.id order by ${field.order(c)}), '[]'::json) from ${field.target().table} ${c} where ${field.where('r', c)})`;
    }
    return (field.kind === 'computed' ? field.sql('r', scope, undefined as never, args) : field.kind === 'relation' ? field.key('r', scope, undefined as never) : null) ?? 'null';
  };
  const pairs = fields.flatMap((key, i) => {
    const [name, args] = parseFieldKey(key);
    return [`'f${i}'`, sqlOf(type.fields[name], args)];
  });
  const idsParam = params.add(pgArray(ids));
  const rows = await preparedQuery<{ id: string; v: Record<string, unknown> }>(
    em,
    `select r.id::text as id, json_build_object(${pairs.join(', ')}) as v from ${type.table} r where r.id = any(${idsParam}::uuid[])`,
    params.values,
  );
  return new Map(rows.map((r) => [r.id, r.v]));
}

/**
 * Declared fields' values already read for a row, by name. A read that serves many requests at once (the live bell:
 * one batch for every console a message wakes, notification.live.ts) hands its rows out with them, and the fields'
 * resolvers answer from them instead of each request's batch asking again: one statement per message, not per
 * subscriber.
 */
const known = new WeakMap<object, Record<string, unknown>>();

/**
 * Reads, in one statement, the declared fields of `type` that take no arguments and are the same whoever asks (no
 * `viewer`), for `rows`, and keeps them with the rows (`known`): their resolvers answer from them. The same SQL as
 * everywhere else; `publicUrl` and `now` are the requests' (alike for all the rows' readers).
 */
export async function withDeclaredFields<T extends { id: string }>(em: EntityManager, type: ReadType, rows: T[], now: Date, publicUrl: string): Promise<T[]> {
  const names = Object.entries(type.fields)
    .filter(([, f]) => f.kind === 'computed' && !f.args && !f.viewer)
    .map(([name]) => name);
  if (!rows.length || !names.length) return rows;
  const values = await selectFields(em, type, names, [...new Set(rows.map((r) => r.id))], now, null, publicUrl);
  for (const row of rows) {
    const v = values.get(row.id);
    if (!v) continue;
    known.set(row, Object.fromEntries(names.map((name, i) => [name, resolvedValue(type.fields[name], v[`f${i}`])])));
  }
  return rows;
}

/** A computed field's JSON value as its resolver hands it to GraphQL (a timestamp as a Date). */
const resolvedValue = (field: ReadField, value: unknown) => (value === null || value === undefined ? null : field.kind === 'computed' && field.date ? new Date(value as string) : value);

/** The entity behind a relation when the ORM query that read the row joined it in. */
export function inMemory<T extends object>(ref: Ref<T>): T | undefined {
  return Reference.isReference<T>(ref) && ref.isInitialized() ? ref.getEntity() : undefined;
}

/** A value now, or later: field resolvers return values they already hold synchronously (no promise per field and row). */
export type MaybePromise<T> = T | Promise<T>;

/** `fn` applied to a value that may still be on its way. */
export function map<T, R>(value: MaybePromise<T>, fn: (v: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

type Root = { id: string } & Record<string, unknown>;
type Ctx = { loaders: { read: ReadBatch } };

/** The resolver a declaration derives. */
function resolverOf(type: ReadType, name: string, field: ReadField) {
  if (field.kind === 'computed' && field.args) {
    return (root: Root, args: FieldArgs, ctx: Ctx) => {
      const problem = argumentProblem(field, args);
      if (problem) throw badInput(...problem);
      return ctx.loaders.read.field(type, name, root.id, args);
    };
  }
  if (field.kind === 'computed') {
    return (root: Root, _args: unknown, ctx: Ctx) => {
      const values = known.get(root);
      return values && Object.hasOwn(values, name) ? values[name] : ctx.loaders.read.field(type, name, root.id);
    };
  }
  if (field.kind !== 'through') return (root: Root, _args: unknown, ctx: Ctx) => ctx.loaders.read.field(type, name, root.id);
  return (root: Root, _args: unknown, ctx: Ctx): MaybePromise<unknown> => {
    const ref = root[field.property] as Ref<{ id: string }> | null | undefined;
    if (!ref) return null;
    if (field.field === 'id') return ref.id;
    const related = inMemory<{ id: string }>(ref) ?? ctx.loaders.read.entity<object>(field.target(), ref.id);
    return field.field ? map(related, (r) => (r as Record<string, unknown> | null)?.[field.field!] ?? null) : related;
  };
}

/**
 * Gives every declared field of the built schema its resolver, derived from its declaration. Declared fields are
 * plain properties to type-graphql (no resolver class), so this is their only implementation.
 */
export function attachReadResolvers(schema: GraphQLSchema): void {
  for (const type of readTypes().values()) {
    const object = schema.getType(type.name);
    if (!object || !('getFields' in object)) throw new Error(`read type ${type.name} is not an object type of the schema`);
    const fields = object.getFields() as Record<string, { resolve?: unknown }>;
    for (const [name, field] of Object.entries(type.fields)) fields[name].resolve = resolverOf(type, name, field);
  }
}
