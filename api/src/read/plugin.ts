import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, isNonNullType, type GraphQLSchema } from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import type { Context } from '../context';
import type { Viewer } from '../auth/viewer';
import { authChecker } from '../auth/auth-checker';
import { preparedQuery } from '../common/sql';
import { loggable } from '../common/format-error';
import { isDatabaseUnavailable, isStatementTimeout, statementTimedOut } from '../common/unavailable';
import { unstorableText } from '../common/nul';
import { flatten, fragmentsOf, SqlParams } from './json-select';
import { compiledRoots, compilerFor } from './root';


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
/** The root field's @Authorized roles, as authChecker decides them; a refusal is the resolvers' to report. */
function allowed(ctx: Context, roles: string[]): boolean {
  try {
    return authChecker({ context: ctx, root: undefined, args: {}, info: undefined as never }, roles) !== false;
  } catch {
    return false;
  }
}

export function compiledReads(schema: GraphQLSchema, options: { strict: boolean }) {
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
    const fragments = fragmentsOf(document);
    const fields = flatten(operation.selectionSet, fragments, 'Query');
    const { roots } = compiledRoots();
    if (!fields?.length || !fields.every((f) => roots.has(f.name))) return null;
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (variables.errors) return null;
    const ctx: Context = { ...rc.contextValue, viewer, authProblem: null };
    try {
      const now = ctx.clock.now();
      const params = new SqlParams(now);
      const scope = compilerFor(ctx.em).scope(params, fragments, viewer);
      const parts: string[] = [];
      for (const f of fields) {
        if (!allowed(ctx, roles.get(f.name) ?? [])) return null;
        const args = getArgumentValues(query.getFields()[f.name], f.node, variables.coerced);
        if (unstorableText(args)) return null;
        const root = await roots.get(f.name)!(args, ctx, f.node, scope);
        if (root === null) return null;
        parts.push(`'${f.key}'`, root);
      }
      const data = `json_build_object(${parts.join(', ')})`;
      const p = (v: unknown) => params.add(v);
      const viewerOk = stillValid ? stillValid(p) : 'true';
      const [row] = await preparedQuery<{ viewer_ok: boolean; data: Record<string, unknown> | null }>(
        ctx.em,
        `select v.viewer_ok, case when v.viewer_ok then ${data} end as data from (select ${viewerOk} as viewer_ok) v`,
        params.values,
      );
      if (!row.viewer_ok) return null;
      // A non-null root field that came back null (no such learner, say) is left to the resolvers' error.
      if (!row.data || fields.some((f) => row.data![f.key] === null && isNonNullType(query.getFields()[f.name].type))) return null;
      return { data: row.data };
    } catch (e) {
      // A coded error is a refusal the resolvers will give again; anything else (an SQL error, a TypeError) is a
      // bug in the compiler or a field's SQL: tests fail on it, production warns and answers through the resolvers.
      // A statement stopped at the timeout would only run as long again through the resolvers.
      if (isStatementTimeout(e)) throw statementTimedOut(ctx.config.statementTimeoutMs);
      if (options.strict && !(e instanceof GraphQLError) && !isDatabaseUnavailable(e)) throw e;
      ctx.log.warn({ err: loggable(e) }, 'compiled read failed; answered through the resolvers');
      return null;
    }
  }

  return { answer };
}
