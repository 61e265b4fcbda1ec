import { ReferenceKind, type EntityClass, type EntityManager, type EntityProperty } from '@mikro-orm/postgresql';

/**
 * Read models for hot list queries: rows selected as JSON in one hand-written statement and turned into plain
 * objects with the entity's property names, skipping the ORM's hydration, identity map and unit of work (most of
 * a list's cost). They are read-only: never persisted, never passed to the entity manager. A relation is
 * `{ id }`, or `related(value)` when the statement joined it in; `userOf`/`learnerOf` (loaders.ts) take both.
 */

/** Where a relation joined in by the statement keeps its value. */
export const LOADED = Symbol('loaded');

/** A relation as a plain read model holds it: its id, and its value if the statement joined it in. */
export interface Related<T> {
  id: string;
  [LOADED]?: T;
}

export const related = <T extends { id: string }>(value: T): Related<T> => ({ id: value.id, [LOADED]: value });

interface Column {
  prop: string;
  /** SQL of the value, `$` standing for the table alias. */
  sql: string;
  kind: 'value' | 'date' | 'relation';
}

const columnsCache = new Map<string, Column[]>();

function columns(em: EntityManager, entity: EntityClass<object>): Column[] {
  const cached = columnsCache.get(entity.name);
  if (cached) return cached;
  const meta = em.getMetadata().get(entity);
  const out: Column[] = [];
  for (const p of Object.values(meta.properties) as EntityProperty[]) {
    // Lazy and hidden properties (a password hash, a token cut-off) are never shown: a read model leaves them out.
    // A formula is not persisted, but is read like a column (Submission.targetHours).
    if (p.lazy || p.hidden || (p.persist === false && !p.formula)) continue;
    if (p.formula) {
      const table = { alias: '$', name: meta.tableName, qualifiedName: meta.tableName, toString: () => '$' };
      out.push({ prop: p.name, sql: `(${p.formula({ toString: () => '$' } as never, table as never)})`, kind: 'value' });
    } else if (p.kind === ReferenceKind.SCALAR) {
      out.push({ prop: p.name, sql: `$.${p.fieldNames[0]}`, kind: p.runtimeType === 'Date' ? 'date' : 'value' });
    } else if (p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) {
      out.push({ prop: p.name, sql: `$.${p.fieldNames[0]}`, kind: 'relation' });
    }
  }
  columnsCache.set(entity.name, out);
  return out;
}

/** Built once per entity, alias and omitted properties: list statements are assembled on every request. */
const rowJsonCache = new Map<string, string>();

/**
 * SQL: the row of table alias `alias` as a JSON object keyed by the entity's property names (lazy and hidden ones
 * left out, and those in `omit`: a read model then lacks them, so leave out only what nothing will read).
 */
export function rowJson(em: EntityManager, entity: EntityClass<object>, alias: string, omit: readonly string[] = []): string {
  const key = `${entity.name}:${alias}:${omit.join(',')}`;
  let sql = rowJsonCache.get(key);
  if (sql === undefined) {
    sql = `json_build_object(${columns(em, entity)
      .filter((c) => !omit.includes(c.prop))
      .map((c) => `'${c.prop}', ${c.sql.replaceAll('$', alias)}`)
      .join(', ')})`;
    rowJsonCache.set(key, sql);
  }
  return sql;
}

const prototypes = new Map<string, object>();

/**
 * What read models of an entity inherit from: the entity's prototype (so type-graphql takes them as instances
 * instead of copying each into a new one, which would run the constructor and its defaults), with the ORM's
 * property accessors shadowed by plain fields, so setting a property stores it on the object and never wakes
 * the ORM's change tracking.
 */
function readPrototype(em: EntityManager, entity: EntityClass<object>): object {
  let proto = prototypes.get(entity.name);
  if (!proto) {
    proto = Object.create(entity.prototype) as object;
    for (const c of columns(em, entity)) Object.defineProperty(proto, c.prop, { value: undefined, writable: true, configurable: true });
    prototypes.set(entity.name, proto);
  }
  return proto;
}

/** The plain read model of a `rowJson` value: dates as Date, relations as `{ id }` (null stays null). */
export function fromRowJson<T>(em: EntityManager, entity: EntityClass<T & object>, json: Record<string, unknown>): T {
  const out = Object.create(readPrototype(em, entity)) as Record<string, unknown>;
  for (const c of columns(em, entity)) {
    if (!(c.prop in json)) continue;
    const v = json[c.prop];
    out[c.prop] = v === null || v === undefined ? (v ?? null) : c.kind === 'date' ? new Date(v as string) : c.kind === 'relation' ? { id: v } : v;
  }
  return out as T;
}
