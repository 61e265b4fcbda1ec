import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type {
  IntrospectionField,
  IntrospectionInputObjectType,
  IntrospectionInputTypeRef,
  IntrospectionInputValue,
  IntrospectionType,
} from 'graphql';
import type { BuildQuery, BuildQueryResult, IntrospectionResult } from 'ra-data-graphql';
import { CREATE, GET_LIST, GET_MANY, GET_MANY_REFERENCE, GET_ONE, HttpError, UPDATE, type Identifier, type RaRecord } from 'react-admin';
import { MAX_PER_PAGE } from './graphqlClient';

/* eslint-disable @typescript-eslint/no-explicit-any -- variables are built from the introspected arguments below */
/**
 * A react-admin resource's typed documents, one per kind of call; variables declared but not sent are
 * left out, exactly as an argument not written.
 */
export interface ResourceDocuments {
  /** the GraphQL type, as ra-data-graphql names its operations (allLearners, Learner, createLearner …) */
  type: string;
  /** fields the API sorts by; another sort (react-admin's default `id`) is left to the API's default order */
  sortFields: string[];
  /** a page with the total behind it (getList, getManyReference) */
  list: TypedDocumentNode<{ items: readonly RaRecord[]; total: { count: number } }, any>;
  /** records by id, no total (getMany) */
  many: TypedDocumentNode<{ items: readonly RaRecord[] }, any>;
  one: TypedDocumentNode<{ data: RaRecord | null }, any>;
  create?: TypedDocumentNode<{ data: RaRecord }, any>;
  update?: TypedDocumentNode<{ data: RaRecord }, any>;
  /** update arguments where null means "clear it": emptied in a form, they are sent as null (other blanks are left out) */
  clearable?: string[];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function namedType(ref: IntrospectionInputTypeRef): { kind: string; name: string } {
  let current = ref;
  while (current.kind === 'NON_NULL' || current.kind === 'LIST') current = current.ofType;
  return current as { kind: string; name: string };
}

function isList(ref: IntrospectionInputTypeRef): boolean {
  const inner = ref.kind === 'NON_NULL' ? ref.ofType : ref;
  return inner.kind === 'LIST';
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Coerces a form or filter value to what an argument of this type accepts; undefined means "leave it out". */
function coerce(value: unknown, ref: IntrospectionInputTypeRef, types: Map<string, IntrospectionType>): unknown {
  if (isBlank(value)) return undefined;
  if (isList(ref)) {
    const inner = ref.kind === 'NON_NULL' ? ref.ofType : ref;
    if (inner.kind !== 'LIST') return undefined;
    const items = (Array.isArray(value) ? value : [value])
      .map((item) => coerce(item, inner.ofType, types))
      .filter((item) => item !== undefined);
    return items;
  }
  const named = namedType(ref);
  if (named.kind === 'INPUT_OBJECT') {
    const type = types.get(named.name) as IntrospectionInputObjectType | undefined;
    return type ? pickArguments(type.inputFields, value as Record<string, unknown>, types) : undefined;
  }
  switch (named.name) {
    case 'Int': {
      const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
      return Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
    case 'Float': {
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'Boolean':
      return value === true || value === 'true';
    case 'ID':
      return String(value);
    case 'LocalDate':
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      return String(value).slice(0, 10);
    case 'DateTimeISO':
      return value instanceof Date ? value.toISOString() : String(value);
    default:
      return value;
  }
}

/** Keeps the entries of `data` that are arguments (or input fields), coerced to their types. */
function pickArguments(
  args: readonly IntrospectionInputValue[],
  data: Record<string, unknown> | undefined,
  types: Map<string, IntrospectionType>,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!data) return picked;
  for (const arg of args) {
    const value = coerce(data[arg.name], arg.type, types);
    if (value !== undefined) picked[arg.name] = value;
  }
  if (import.meta.env.DEV) {
    const unknown = Object.keys(data).filter((key) => !args.some((a) => a.name === key) && !isBlank(data[key]));
    if (unknown.length) console.debug('[dataProvider] not sent (not in the schema):', unknown);
  }
  return picked;
}

function listVariables(
  params: {
    pagination?: { page: number; perPage: number };
    sort?: { field: string; order: string };
    filter?: Record<string, unknown>;
  },
  sortFields: string[],
) {
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  const sort = params.sort && sortFields.includes(params.sort.field) ? params.sort : undefined;
  return {
    page: Math.max(page - 1, 0),
    perPage: Math.min(perPage, MAX_PER_PAGE),
    sortField: sort?.field,
    sortOrder: sort?.order,
    filter: params.filter ?? {},
  };
}

/**
 * Our buildQuery for ra-data-graphql, after ra-data-graphql-simple's convention: each resource's own typed
 * documents, with the variables coerced to the arguments the introspected schema declares.
 */
export const buildQuery =
  (resources: Record<string, ResourceDocuments>) =>
  (introspection: IntrospectionResult): BuildQuery =>
  (fetchType, resource, params): BuildQueryResult => {
    const documents = resources[resource];
    if (!documents) throw new Error(`The console reads no resource "${resource}".`);
    const typeName = documents.type;
    const introspected = introspection.resources.find((r) => r.type.name === typeName);
    if (!introspected) throw new Error(`The API has no resource "${typeName}".`);
    const field = (introspected as unknown as Partial<Record<string, IntrospectionField>>)[fetchType];
    if (!field) throw new Error(`The API cannot ${fetchType} ${typeName}.`);
    const types = new Map(introspection.types.map((t) => [t.name, t]));

    switch (fetchType) {
      case GET_LIST:
      case GET_MANY_REFERENCE: {
        const raw =
          fetchType === GET_MANY_REFERENCE
            ? listVariables({ ...params, filter: { ...params.filter, [params.target]: params.id } }, documents.sortFields)
            : listVariables(params, documents.sortFields);
        return {
          query: documents.list,
          variables: pickArguments(field.args, raw, types),
          parseResponse: (response) => ({ data: structuredClone(response.data.items), total: response.data.total.count }),
        };
      }
      case GET_MANY: {
        const ids = params.ids as Identifier[];
        const raw = { page: 0, perPage: Math.min(Math.max(ids.length, 1), MAX_PER_PAGE), filter: { ids } };
        return {
          query: documents.many,
          variables: pickArguments(field.args, raw, types),
          parseResponse: (response) => ({ data: structuredClone(response.data.items) }),
        };
      }
      case GET_ONE:
        return {
          query: documents.one,
          variables: pickArguments(field.args, { id: params.id }, types),
          parseResponse: (response) => {
            if (!response.data.data) {
              throw new HttpError(`This ${typeName.toLowerCase()} does not exist (any more).`, 404, { code: 'NOT_FOUND' });
            }
            return { data: structuredClone(response.data.data) };
          },
        };
      case CREATE:
      case UPDATE: {
        const document = fetchType === CREATE ? documents.create : documents.update;
        if (!document) throw new Error(`The console does not ${fetchType} ${typeName}.`);
        let data: Record<string, unknown> = params.data;
        if (fetchType === UPDATE) {
          // Send only what changed, so an untouched field is never re-validated or overwritten.
          const previous = (params.previousData ?? {}) as Record<string, unknown>;
          data = Object.fromEntries(
            Object.entries(params.data as Record<string, unknown>).filter(
              ([key, value]) => key === 'id' || JSON.stringify(value) !== JSON.stringify(previous[key]),
            ),
          );
          data.id = params.id;
        }
        const variables = pickArguments(field.args, data, types);
        for (const key of fetchType === UPDATE ? (documents.clearable ?? []) : []) {
          if (key in data && isBlank(data[key])) variables[key] = null;
        }
        return {
          query: document,
          variables,
          parseResponse: (response) => ({ data: structuredClone(response.data.data) }),
        };
      }
      default:
        throw new Error(`The console does not ${fetchType} ${typeName}.`);
    }
  };
