import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';
import { badInput } from '../common/errors';
import { UUID } from '../common/validators';
import { selectedFields } from '../common/selection';
import { flatten, type FieldScope } from './json-select';
import { fieldNode, rootAnswer, validInstance, type RootSql } from './root';

/**
 * Cursor connections (Relay style) and offset pages, built once for every list: the page's rows are taken first
 * (a keyset condition from the cursor, the order's index, `first + 1` rows), and JSON is built for those rows only,
 * so a page costs the same however large the table grows. A module gives the table, its conditions (the same SQL
 * its offset list and resolvers use for who may see what), and its orders; compiled reads answer with the SQL
 * whole, and the connection's resolver runs the same SQL for the page's ids, cursors and pageInfo (connectionAnswer).
 */

export const MAX_FIRST = 200;
const RANGE = `first must be from 0 to ${MAX_FIRST}`;

/** first and after, shared by every connection (each adds its orderBy). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 50, description: `How many rows this page holds, 0 to ${MAX_FIRST} (0: only totalCount and pageInfo).` })
  @IsInt({ message: RANGE })
  @Min(0, { message: RANGE })
  @Max(MAX_FIRST, { message: RANGE })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Start after this cursor: the previous page\'s pageInfo.endCursor (or any edge\'s cursor), asked with the same orderBy. Omit for the first page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  after?: string;
}

@ObjectType({ description: 'Where a page of a connection starts and ends, and whether rows lie beyond it (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more rows follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether rows come before this page (false on the first page).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first row's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last row's cursor: pass it as `after` for the next page; null on an empty page." })
  endCursor!: string | null;
}

type Class<T> = abstract new (...args: never[]) => T;

/** The edge and connection types of a node type: `<Node>Edge { cursor node }`, `<Node>Connection { totalCount edges nodes pageInfo }`. */
export function connectionTypes<T extends object>(node: Class<T>, rows: string, order: string) {
  @ObjectType(`${node.name}Edge`, { description: `One of a page of ${rows}, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Where this row stands in the order: pass it as `after` to continue after it. Opaque.' })
    cursor!: string;

    @Field(() => node as never, { description: 'The row.' })
    node!: T;
  }

  @ObjectType(`${node.name}Connection`, { description: `A page of ${rows} (${order}), with where it ends and how many there are in all.` })
  class Connection {
    @Field(() => Int, { description: `How many ${rows} match the filter, across all pages (counted only when asked for).` })
    totalCount!: number;

    @Field(() => [Edge], { description: 'This page, each row with its cursor.' })
    edges!: Edge[];

    @Field(() => [node as never], { description: 'This page, the rows alone (the same as edges { node }).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page starts and ends, and whether more follow.' })
    pageInfo!: PageInfo;
  }
  return { Edge, Connection };
}

/** One key of an order, over the list's alias (and its joins); the last key of an order is unique (an id). */
export interface SortKey {
  sql: string;
  /** How the cursor holds the value; `cast`: the SQL type it is compared as (default from `type`). */
  type: 'timestamp' | 'date' | 'text' | 'int' | 'uuid';
  cast?: string;
}

/** A sort order: every key in the one direction, so the keyset condition is one row comparison an index answers. */
export interface ListOrder {
  keys: SortKey[];
  desc: boolean;
  /** Joins the keys read (e.g. the learner's user for its name). */
  joins?: string;
}

/** Which rows of a table a list holds: the table under `alias`, its joins (for sort keys), and its conditions as SQL with the statement's parameters. */
export interface ListSource {
  /** GraphQL type of a row, and of the connection and edge (for __typename). */
  typeName: string;
  table: string;
  alias: string;
  joins?: string;
  where: string;
}

/**
 * A sort enum (`<KEY>_ASC`, `<KEY>_DESC` for each key) registered with GraphQL, and the order each value reads.
 * Every order ends in a unique key (an id), so rows that tie on the first key still have one place.
 */
export function sortOrders<K extends string>(
  name: string,
  rows: string,
  spec: Record<K, { keys: SortKey[]; joins?: string; description: string; asc: string; desc: string }>,
): { values: Record<string, string>; orders: Record<string, ListOrder> } {
  const values: Record<string, string> = {};
  const orders: Record<string, ListOrder> = {};
  const valuesConfig: Record<string, { description: string }> = {};
  for (const [key, { keys, joins, description, asc, desc: descWords }] of Object.entries(spec) as [K, (typeof spec)[K]][]) {
    for (const desc of [false, true]) {
      const value = `${key}_${desc ? 'DESC' : 'ASC'}`;
      values[value] = value;
      orders[value] = { keys, desc, joins };
      valuesConfig[value] = { description: `${description}, ${desc ? descWords : asc}; ties by id.` };
    }
  }
  registerEnumType(values, { name, description: `How a page of ${rows} is ordered. A cursor belongs to the order it was made in.`, valuesConfig });
  return { values, orders };
}

/** A list's conditions as a module builds them: SQL over its alias with `?` parameters. */
export interface ListRule {
  sql: string;
  params: unknown[];
}

/**
 * The compiled root of a connection: its arguments checked as type-graphql checks them (invalid: null, the resolver
 * gives the error), the cursor decoded for the order asked, and the module's rows (`source`, which applies who may see
 * what through the module's own service code) as one connectionSql.
 */
export function connectionRoot<F extends object>(
  argsType: new () => ConnectionArgs & { orderBy: string },
  filterType: (new () => F) | null,
  orders: Record<string, ListOrder>,
  source: (filter: F | undefined, ctx: Context, now: Date) => Omit<ListSource, 'where'> & { where: ListRule },
): RootSql {
  return async (args, ctx, node, scope) => {
    const page = await validInstance(argsType, { first: args.first, after: args.after, orderBy: args.orderBy });
    const filter = filterType && args.filter ? await validInstance(filterType, args.filter as Record<string, unknown>) : undefined;
    if (!page || filter === null || !Object.hasOwn(orders, page.orderBy)) return null;
    const order = orders[page.orderBy];
    const after = page.after ? decodeCursor(page.after, page.orderBy, order) : null;
    const s = source(filter, ctx, scope.params.clock);
    const where = scope.params.inline(s.where.sql, s.where.params);
    return connectionSql({ ...s, where }, { first: page.first, after, orderName: page.orderBy, order }, node, scope);
  };
}

const CAST = { timestamp: 'timestamptz', date: 'date', text: 'text', int: 'int', uuid: 'uuid' } as const;
const castOf = (k: SortKey) => k.cast ?? CAST[k.type];

/** A key's value as the cursor holds it (timestamps to the microsecond, so no two rows share a cursor). */
function cursorValue(k: SortKey, expr: string): string {
  if (k.type === 'timestamp') return `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (k.type === 'date' || k.type === 'uuid') return `(${expr})::text`;
  return expr;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\d{3}Z$/;
const DATE = /^\d{4}-\d\d-\d\d$/;

function validKey(k: SortKey, v: unknown): boolean {
  if (k.type === 'int') return Number.isSafeInteger(v);
  if (typeof v !== 'string') return false;
  if (k.type === 'uuid') return UUID.test(v);
  if (k.type === 'text') return v.length <= 1000 && !v.includes('\u0000');
  const m = (k.type === 'timestamp' ? TIMESTAMP : DATE).exec(v);
  if (!m) return false;
  const ms = k.type === 'timestamp' ? `${m[1]}Z` : `${v}T00:00:00.000Z`;
  return !Number.isNaN(Date.parse(ms)) && new Date(ms).toISOString() === ms;
}

/** A cursor: base64url of ["ORDER_NAME", key values…]. */
export function encodeCursor(orderName: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([orderName, ...values])).toString('base64url');
}

/** The key values a cursor holds for this order; BAD_USER_INPUT on `after` for anything this API did not make for it. */
export function decodeCursor(cursor: string, orderName: string, order: ListOrder): unknown[] {
  const refuse = () => badInput('after', 'after must be a cursor this API returned (pageInfo.endCursor or an edge\'s cursor)');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== order.keys.length + 1 || typeof parsed[0] !== 'string') throw refuse();
  if (parsed[0] !== orderName) throw badInput('after', `after is a cursor of orderBy ${parsed[0].slice(0, 40)}: ask with that orderBy, or start again without after`);
  const values = parsed.slice(1);
  if (!values.every((v, i) => validKey(order.keys[i], v))) throw refuse();
  return values;
}

/** The SQL of a cursor for the page row under `r` (whose keys are `_k0`, `_k1`, …): as encodeCursor builds it. */
function cursorSql(orderName: string, order: ListOrder, r: string): string {
  const values = order.keys.map((k, i) => cursorValue(k, `${r}._k${i}`));
  return `translate(encode(convert_to(json_build_array('${orderName}', ${values.join(', ')})::text, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

export interface ConnectionPage {
  first: number;
  /** The cursor's key values, decoded (decodeCursor); null on the first page. */
  after: unknown[] | null;
  orderName: string;
  order: ListOrder;
}

/**
 * The JSON of a connection for `node`'s selection (typeName `<Node>Connection`), or null if a field does not compile.
 * The page is a CTE of at most first + 1 rows read in the order's keys after the cursor; edges, nodes and pageInfo
 * are built from it, totalCount counts the conditions alone.
 */
export function connectionSql(source: ListSource, page: ConnectionPage, node: FieldNode, scope: FieldScope): string | null {
  if (!node.selectionSet) return null;
  const fields = flatten(node.selectionSet, scope.fragments, `${source.typeName}Connection`);
  if (!fields) return null;
  const p = scope.params;
  const a = source.alias;
  const order = page.order;
  const dir = order.desc ? 'desc' : 'asc';
  const keys = order.keys.map((k) => k.sql);
  const tuple = `(${keys.join(', ')})`;
  const at = page.after ? `(${page.after.map((v, i) => `${p.add(v)}::${castOf(order.keys[i])}`).join(', ')})` : null;
  const joins = order.joins ?? source.joins;
  const from = `${source.table} ${a}${joins ? ` ${joins}` : ''}`;
  const cte = p.alias('page');
  const limit = `${p.add(page.first)}::int`;
  const r = p.alias('r');
  const rowOrder = (x: string, d = dir) => order.keys.map((_, i) => `${x}._k${i} ${d}`).join(', ');
  const rows = `(select * from ${cte} x order by ${rowOrder('x')} limit ${limit}) ${r}`;
  const cursor = cursorSql(page.orderName, order, r);
  const list = (item: string) => `(select coalesce(json_agg(${item} order by ${rowOrder(r)}), '[]'::json) from ${rows})`;

  const pairs: string[] = [];
  for (const f of fields) {
    let sql: string | null = null;
    if (f.name === '__typename') sql = `'${source.typeName}Connection'`;
    else if (f.name === 'totalCount') sql = `(select count(*)::int from ${source.table} ${a} where ${source.where})`;
    else if (f.name === 'nodes') {
      const obj = scope.object(source.typeName, f.node, r);
      sql = obj === null ? null : list(obj);
    } else if (f.name === 'edges' && f.node.selectionSet) {
      const edge = flatten(f.node.selectionSet, scope.fragments, `${source.typeName}Edge`);
      const parts: string[] = [];
      for (const e of edge ?? []) {
        const value = e.name === '__typename' ? `'${source.typeName}Edge'` : e.name === 'cursor' ? cursor : e.name === 'node' ? scope.object(source.typeName, e.node, r) : null;
        if (value === null) return null;
        parts.push(`'${e.key}'`, value);
      }
      sql = edge ? list(`json_build_object(${parts.join(', ')})`) : null;
    } else if (f.name === 'pageInfo' && f.node.selectionSet) {
      const info = flatten(f.node.selectionSet, scope.fragments, 'PageInfo');
      const parts: string[] = [];
      for (const i of info ?? []) {
        let value: string | null = null;
        if (i.name === '__typename') value = `'PageInfo'`;
        else if (i.name === 'hasNextPage') value = `((select count(*) from ${cte}) > ${limit})`;
        else if (i.name === 'endCursor') value = `(select ${cursor} from ${rows} order by ${rowOrder(r, order.desc ? 'asc' : 'desc')} limit 1)`;
        else if (i.name === 'startCursor') value = `(select ${cursor} from ${rows} order by ${rowOrder(r)} limit 1)`;
        else if (i.name === 'hasPreviousPage') value = at ? `exists (select 1 from ${from} where (${source.where}) and ${tuple} ${order.desc ? '>=' : '<='} ${at})` : 'false';
        if (value === null) return null;
        parts.push(`'${i.key}'`, value);
      }
      sql = info ? `json_build_object(${parts.join(', ')})` : null;
    }
    if (sql === null) return null;
    pairs.push(`'${f.key}'`, sql);
  }
  const after = at ? ` and ${tuple} ${order.desc ? '<' : '>'} ${at}` : '';
  const keyColumns = keys.map((k, i) => `${k} as _k${i}`).join(', ');
  return `(with ${cte} as (select ${a}.*, ${keyColumns} from ${from} where (${source.where})${after}
                      order by ${keys.map((k) => `${k} ${dir}`).join(', ')} limit ${limit} + 1)
          select json_build_object(${pairs.join(', ')}))`;
}

/**
 * The JSON array of an offset page (react-admin's lists) for `node`'s selection: the page's rows first (`order`,
 * limit, offset), then JSON for those rows only, in the page's order. A null limit: every row (a list that has no
 * pages, such as the open coach alerts).
 */
export function offsetListSql(source: ListSource, orderSql: string, page: { limit: number | null; offset: number }, node: FieldNode, scope: FieldScope): string | null {
  const p = scope.params;
  const r = p.alias('r');
  const obj = scope.object(source.typeName, node, r);
  if (obj === null) return null;
  const a = source.alias;
  return `(select coalesce(json_agg(${obj} order by ${r}._n), '[]'::json)
           from (select q.*, row_number() over () as _n
                 from (select ${a}.* from ${source.table} ${a}${source.joins ? ` ${source.joins}` : ''} where ${source.where}
                       order by ${orderSql} limit ${p.add(page.limit)}::int offset ${p.add(page.offset)}::int) q) ${r})`;
}

/** A ListMetadata object (`{ count }`) of the rows a list holds. */
export function countSql(source: ListSource, node: FieldNode, scope: FieldScope): string | null {
  const m = scope.params.alias('m');
  const meta = scope.object('ListMetadata', node, m);
  return meta === null ? null : `(select ${meta} from (select count(*)::int as count from ${source.table} ${source.alias} where ${source.where}) ${m})`;
}

/**
 * A connection's resolver: the root's own SQL for the page's ids, cursors, pageInfo and (when selected) totalCount,
 * then the page's rows by id (`load`, the module's batched loader, in the page's order), so every field of the
 * node type resolves as it does anywhere else.
 */
export async function connectionAnswer<T extends { id: string }>(
  root: RootSql,
  args: Record<string, unknown>,
  ctx: Context,
  info: GraphQLResolveInfo,
  load: (ids: string[]) => Promise<(T | null)[]>,
): Promise<{ totalCount?: number; edges: { cursor: string; node: T }[]; nodes: T[]; pageInfo: PageInfo }> {
  const total = selectedFields(info).has('totalCount');
  const text = `${info.fieldName} { ${total ? 'totalCount ' : ''}edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
  const node = fieldNode(text);
  const page = (await rootAnswer<{ totalCount?: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: PageInfo }>(root, args, ctx, node))!;
  const rows = await load(page.edges.map((e) => e.node.id));
  const edges = page.edges.map((e, i) => ({ cursor: e.cursor, node: rows[i]! })).filter((e) => e.node);
  return { totalCount: page.totalCount, edges, nodes: edges.map((e) => e.node), pageInfo: page.pageInfo };
}

/**
 * A list root's resolver: the root's own SQL (its conditions, order and page) for the rows' ids in order, then the
 * rows by id (`load`, in that order), so every field of the row type resolves as it does anywhere else.
 */
export async function listAnswer<T extends { id: string }>(
  root: RootSql,
  args: Record<string, unknown>,
  ctx: Context,
  fieldName: string,
  load: (ids: string[]) => Promise<(T | null)[]>,
): Promise<T[]> {
  const text = `${fieldName} { id }`;
  const node = fieldNode(text);
  const ids = ((await rootAnswer<{ id: string }[]>(root, args, ctx, node)) ?? []).map((r) => r.id);
  return (await load(ids)).filter((r): r is T => r !== null);
}

/** Entities by id in the ids' order (null for one gone meanwhile): one statement, for a connection's resolver. */
export async function rowsByIds<T extends { id: string }>(em: EntityManager, entity: Class<T>, ids: string[], populate: string[] = []): Promise<(T | null)[]> {
  if (!ids.length) return [];
  const found = (await em.find(entity as never, { id: { $in: ids } } as never, { populate: populate as never })) as T[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
