import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { replacePlaceholders } from '../common/sql';

/**
 * The building blocks of compiled reads: a GraphQL selection turned into one SQL expression that builds the
 * field's JSON answer in PostgreSQL, the way PostGraphile compiles a request into one statement. Each object
 * type that can be compiled says how to read each of its fields from a row (`JsonType`); a selection naming
 * anything else does not compile, and the request runs through the ordinary resolvers instead.
 */

/** A document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

/** One response key of a flattened selection set (fragments merged in). */
export interface Selected {
  key: string;
  name: string;
  node: FieldNode;
}

/**
 * The fields of a selection set on `typeName` by response key, fragments and inline fragments merged in; null
 * when it uses something compiled reads do not handle (a directive, a fragment on another type, a key that
 * repeats with its own sub-selection). Validation has already checked the document against the schema.
 */
export function flatten(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, typeName: string): Selected[] | null {
  const out = new Map<string, Selected>();
  const walk = (s: SelectionSetNode): boolean => {
    for (const sel of s.selections) {
      if (sel.directives?.length) return false;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const seen = out.get(key);
        if (seen && (seen.node.selectionSet || sel.selectionSet)) return false;
        if (!seen) out.set(key, { key, name: sel.name.value, node: sel });
      } else {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
        if (!fragment) return false;
        if (fragment.typeCondition && fragment.typeCondition.name.value !== typeName) return false;
        if (!walk(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return walk(set) ? [...out.values()] : null;
}

/** The statement being built: its parameters, numbered as they are added, so their order in the text does not matter. */
export class SqlParams {
  readonly values: unknown[] = [];
  private nowRef?: string;
  private urlRef?: string;
  private counter = 0;

  constructor(
    private readonly nowValue: Date,
    /** Where clients reach this server (the request's `publicUrl`), for links a field hands out. */
    private readonly publicUrlValue = '',
  ) {}

  /** A placeholder for a value. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The request's clock (one instant for the whole statement, as the resolvers use). */
  get now(): string {
    this.nowRef ??= `${this.add(this.nowValue)}::timestamptz`;
    return this.nowRef;
  }

  /** The request's public URL (PUBLIC_URL, or the host it came to), once for the whole statement. */
  get publicUrl(): string {
    this.urlRef ??= `${this.add(this.publicUrlValue)}::text`;
    return this.urlRef;
  }

  /** The clock as a value, for `?` conditions built elsewhere. */
  get clock(): Date {
    return this.nowValue;
  }

  /** `?` placeholders of a condition built for em.execute, as numbered ones of this statement. */
  inline(sql: string, params: unknown[]): string {
    return replacePlaceholders(sql, (i) => this.add(params[i]));
  }

  /** A fresh table alias. */
  alias(prefix = 't'): string {
    return `${prefix}${this.counter++}`;
  }
}

/** What a field's SQL may depend on besides its row: the parameters, the viewer, the other compiled types. */
export interface FieldScope {
  params: SqlParams;
  /** The document's fragments by name. */
  fragments: Record<string, FragmentDefinitionNode>;
  /** The JSON object of a selection on another compiled type, for the row under `alias`; null if it does not compile. */
  object(typeName: string, node: FieldNode, alias: string): string | null;
  viewer: { userId: string; role: string };
  /** The request's variables, coerced: the arguments of nested fields are read with them. */
  variables: Record<string, unknown>;
}

/** How one field is read from a row under `alias`: a JSON-able SQL expression, or null when these arguments cannot be compiled. */
export type FieldSql = (alias: string, scope: FieldScope, node: FieldNode) => string | null;

/** An object type that compiled reads can build. */
export interface JsonType {
  /** The GraphQL type name. */
  name: string;
  /** The FROM items for one row of the type under `alias` (joins it needs for its fields included). */
  from(alias: string): string;
  fields: Record<string, FieldSql>;
}

/** A timestamp as type-graphql's DateTimeISO serializes a Date (toISOString: milliseconds, UTC, "Z"). */
export const isoSql = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A column read as it is. */
export const column =
  (name: string): FieldSql =>
  (a) =>
    `${a}.${name}`;

/** A timestamptz column as DateTimeISO. */
export const timestamp =
  (name: string): FieldSql =>
  (a) =>
    isoSql(`${a}.${name}`);

/**
 * A to-one relation: the related row of `type` under a fresh alias, found by `where(parent, child)`
 * (e.g. `${child}.id = ${parent}.user_id`, possibly with an order and limit); null when there is none.
 */
export const toOne =
  (type: () => JsonType, where: (parent: string, child: string) => string): FieldSql =>
  (a, scope, node) => {
    const child = scope.params.alias();
    const object = scope.object(type().name, node, child);
    return object === null ? null : `(select ${object} from ${type().from(child)} where ${where(a, child)})`;
  };

/** json_build_object takes at most 100 arguments: wider objects are built in parts and concatenated. */
function buildObject(pairs: string[]): string {
  if (pairs.length === 0) return `'{}'::json`;
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) chunks.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
  return chunks.length === 1 ? `json_build_object(${pairs.join(', ')})` : `(${chunks.join(' || ')})::json`;
}

const quoteKey = (key: string) => `'${key}'`; // response keys are GraphQL names: [_A-Za-z][_0-9A-Za-z]*

/** Builds JSON objects of the registered types for selections; keeps the fragments of the document. */
export class JsonCompiler {
  private readonly types = new Map<string, JsonType>();

  constructor(types: JsonType[]) {
    for (const t of types) this.types.set(t.name, t);
  }

  has(typeName: string): boolean {
    return this.types.has(typeName);
  }

  /** A scope for one statement. */
  scope(params: SqlParams, fragments: Record<string, FragmentDefinitionNode>, viewer: FieldScope['viewer'], variables: Record<string, unknown> = {}): FieldScope {
    const scope: FieldScope = {
      params,
      fragments,
      viewer,
      variables,
      object: (typeName, node, alias) => (node.selectionSet ? this.object(typeName, node.selectionSet, alias, scope, fragments) : null),
    };
    return scope;
  }

  /** The JSON object for a selection set on `typeName` over the row under `alias`, or null if any field does not compile. */
  object(typeName: string, set: SelectionSetNode, alias: string, scope: FieldScope, fragments: Record<string, FragmentDefinitionNode>): string | null {
    const type = this.types.get(typeName);
    if (!type) return null;
    const selected = flatten(set, fragments, typeName);
    if (!selected) return null;
    const pairs: string[] = [];
    for (const s of selected) {
      if (s.name === '__typename') {
        pairs.push(quoteKey(s.key), `'${typeName}'`);
        continue;
      }
      const field = Object.hasOwn(type.fields, s.name) ? type.fields[s.name] : undefined;
      const sql = field?.(alias, scope, s.node);
      if (sql === null || sql === undefined) return null;
      pairs.push(quoteKey(s.key), sql);
    }
    return buildObject(pairs);
  }
}
