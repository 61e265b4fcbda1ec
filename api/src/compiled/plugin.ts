import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { isNonNullType, Kind, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import type { Context } from '../context';
import type { Viewer } from '../auth/viewer';
import { authChecker } from '../auth/auth-checker';
import { preparedQuery } from '../common/sql';
import { nulPath } from '../schema';
import { flatten, JsonCompiler, SqlParams } from './json-select';
import { COMPILED_TYPES } from './types';
import { QUEUE_ROOTS } from './queue';
import { PROGRESS_ROOTS, PROGRESS_TYPES } from './progress';
import type { RootSql } from './root';
import { AnswerCache, expiry, TRACKED_TABLES, unchangedSinceSql } from './cache';

const ROOTS: Record<string, RootSql> = { ...QUEUE_ROOTS, ...PROGRESS_ROOTS };

export type CompiledAnswer = { data: Record<string, unknown> };

/**
 * Compiled reads: a query whose every selected field Waypoint can build in SQL is answered by one statement that
 * returns the whole `data` object as JSON, as PostGraphile does, instead of running resolvers row by row. The
 * request plugin (app.ts) asks for it after Apollo has parsed and validated the document and the request limits
 * and API-key scopes have passed. The root field's @Authorized roles go through the same authChecker, the row
 * rules through the same services. Anything it does not handle (a mutation, a field not in compiled/types.ts, a
 * directive, invalid arguments, an error) gives null, and Apollo runs the request through the resolvers as
 * usual, which also gives every error. Reads only: falling back after a failure repeats no write.
 */
export function compiledReads(schema: GraphQLSchema, options: { cache: () => boolean }) {
  const cache = new AnswerCache();
  const compiler = new JsonCompiler([...COMPILED_TYPES, ...PROGRESS_TYPES]);
  const query = schema.getQueryType()!;
  const roles = new Map(getMetadataStorage().queries.map((q) => [q.schemaName, q.roles]));

  /**
   * The answer to the request for this viewer, or null. With `stillValid`, the viewer is only assumed (the
   * session's user, or the API client, as last read): the statement checks that SQL condition in the snapshot
   * it reads, and gives null (so the caller reads the viewer afresh) when it does not hold.
   */
  async function answer(
    rc: GraphQLRequestContextDidResolveOperation<Context>,
    viewer: Viewer,
    stillValid: ((p: (value: unknown) => string) => string) | null,
  ): Promise<CompiledAnswer | null> {
    const { operation, document, request } = rc;
    if (!operation || operation.operation !== 'query') return null;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const fields = flatten(operation.selectionSet, fragments, 'Query');
    if (!fields?.length || !fields.every((f) => Object.hasOwn(ROOTS, f.name))) return null;
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (variables.errors) return null;
    const ctx: Context = { ...rc.contextValue, viewer, authProblem: null };
    try {
      const now = ctx.clock.now();
      const params = new SqlParams(now);
      const scope = compiler.scope(params, fragments, viewer);
      const parts: string[] = [];
      let tables: Set<string> | null = new Set();
      for (const f of fields) {
        authChecker({ context: ctx, root: undefined, args: {}, info: undefined as never }, roles.get(f.name) ?? []);
        const args = getArgumentValues(query.getFields()[f.name], f.node, variables.coerced);
        if (nulPath(args, '')) return null;
        const root = await ROOTS[f.name](args, ctx, f.node, scope);
        if (root === null) return null;
        if (typeof root === 'string' || !root.tables.every((t) => (TRACKED_TABLES as readonly string[]).includes(t))) tables = null;
        else for (const t of root.tables) tables?.add(t);
        parts.push(`'${f.key}'`, typeof root === 'string' ? root : root.sql);
      }
      const data = `json_build_object(${parts.join(', ')})`;
      // Kept only if it reads tracked tables alone and depends on the clock through dates at most; keyed by the
      // statement and its values but the clock.
      const keep = options.cache() && tables !== null && !params.instant;
      const key = keep ? `${data}\u0000${JSON.stringify(params.values.map((v, i) => (i === params.nowIndex ? null : v)))}` : '';
      const kept = keep ? cache.get(key, now.getTime()) : undefined;
      if (kept) {
        // A small statement of its own: the full one's plan would be set up (every subquery) even when unused.
        const check = new SqlParams(now);
        const q = (v: unknown) => check.add(v);
        const [hit] = await preparedQuery<{ viewer_ok: boolean; unchanged: boolean }>(
          ctx.em,
          `select ${stillValid ? stillValid(q) : 'true'} as viewer_ok, ${unchangedSinceSql(kept.snapshot, kept.tables, q)} as unchanged`,
          check.values,
        );
        if (!hit.viewer_ok) return null;
        if (hit.unchanged) return { data: kept.data };
        stillValid = null; // just checked
      }
      const p = (v: unknown) => params.add(v);
      const viewerOk = stillValid ? stillValid(p) : 'true';
      const [row] = await preparedQuery<{ viewer_ok: boolean; data: Record<string, unknown> | null; snapshot: string | null }>(
        ctx.em,
        `select v.viewer_ok, case when v.viewer_ok then ${data} end as data, ${keep ? 'pg_current_snapshot()::text' : 'null::text'} as snapshot
         from (select ${viewerOk} as viewer_ok) v`,
        params.values,
      );
      if (!row.viewer_ok) return null;
      // A non-null root field that came back null (no such learner, say) is left to the resolvers' error.
      if (!row.data || fields.some((f) => row.data![f.key] === null && isNonNullType(query.getFields()[f.name].type))) return null;
      if (keep && row.snapshot) cache.set(key, { data: row.data, snapshot: row.snapshot, tables: [...tables!], expires: expiry(now.getTime(), params.dates) });
      return { data: row.data };
    } catch (e) {
      ctx.log.debug({ err: e }, 'compiled read fell back to the resolvers');
      return null;
    }
  }

  return { answer };
}
