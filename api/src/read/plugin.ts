import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, isNonNullType, type GraphQLSchema } from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import type { Context } from '../context';
import type { Viewer } from '../auth/viewer';
import { authChecker } from '../auth/auth-checker';
import { ClientGone, preparedQuery } from '../common/sql';
import { AppError } from '../common/errors';
import { loggable } from '../common/format-error';
import { isDatabaseUnavailable, isStatementTimeout, statementTimedOut } from '../common/unavailable';
import { unstorableText } from '../common/nul';
import { flatten, fragmentsOf, SqlParams } from './json-select';
import { compiledRoots, compilerFor } from './root';


/** A compiled answer: the `data` object's JSON text, as PostgreSQL built it. */
export type CompiledAnswer = { json: string };

/** Where the HTTP handler (graphql-http.ts) takes a compiled answer's text to send as it is. */
export interface CompiledText {
  json: string | null;
}


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
    // A copy on the same prototype: the request's entity manager and loaders, made when first used, stay shared.
    const ctx: Context = Object.assign(Object.create(Object.getPrototypeOf(rc.contextValue)) as Context, rc.contextValue, { viewer, authProblem: null });
    try {
      const now = ctx.clock.now();
      const params = new SqlParams(now, ctx.publicUrl);
      const scope = compilerFor(ctx.rootEm).scope(params, fragments, viewer, variables.coerced);
      // Each root field's value is a column of its own: the answer is built from them, and a non-null root that came
      // back null (no such learner, say; left to the resolvers' error) is seen on its column. Reading it back out
      // of the built answer (`data -> 'key'`) made PostgreSQL parse the whole answer's JSON again: a third of the
      // queue page's statement time. (`offset 0` keeps PostgreSQL from pulling the columns' expressions up into both
      // places they are read, which would run each root's statement twice.)
      const columns: string[] = [];
      const parts: string[] = [];
      const missing: string[] = [];
      for (const [i, f] of fields.entries()) {
        if (!allowed(ctx, roles.get(f.name) ?? [])) return null;
        const args = getArgumentValues(query.getFields()[f.name], f.node, variables.coerced);
        if (unstorableText(args)) return null;
        const root = await roots.get(f.name)!(args, ctx, f.node, scope);
        if (root === null) return null;
        columns.push(`${root} as r${i}`);
        parts.push(`'${f.key}'`, `r.r${i}`);
        if (isNonNullType(query.getFields()[f.name].type)) missing.push(`r.r${i} is null or json_typeof(to_json(r.r${i})) = 'null'`);
      }
      const p = (v: unknown) => params.add(v);
      const viewerOk = stillValid ? stillValid(p) : 'true';
      const [row] = await preparedQuery<{ viewer_ok: boolean; data: string | null; missing: boolean | null }>(
        ctx.rootEm,
        `select v.viewer_ok, d.data::text as data, d.missing
         from (select ${viewerOk} as viewer_ok) v
         left join lateral (select json_build_object(${parts.join(', ')}) as data, ${missing.length ? missing.join(' or ') : 'false'} as missing
                            from (select ${columns.join(', ')} offset 0) r where v.viewer_ok) d on true`,
        params.values,
        ctx.signal,
      );
      if (!row.viewer_ok || row.data === null || row.missing) return null;
      return { json: row.data };
    } catch (e) {
      // A coded error is a refusal the resolvers will give again; anything else (an SQL error, a TypeError) is a
      // bug in the compiler or a field's SQL: tests fail on it, production warns and answers through the resolvers.
      // A statement stopped at the timeout would only run as long again through the resolvers.
      if (isStatementTimeout(e)) throw statementTimedOut(ctx.config.statementTimeoutMs);
      // Nobody is waiting: no answer through the resolvers either (the error goes to a closed socket, and the metrics).
      if (e instanceof ClientGone) throw new AppError('CLIENT_CLOSED_REQUEST', 'The client closed the request before its answer', { http: { status: 499 } });
      if (options.strict && !(e instanceof GraphQLError) && !isDatabaseUnavailable(e)) throw e;
      ctx.log.warn({ err: loggable(e) }, 'compiled read failed; answered through the resolvers');
      return null;
    }
  }

  return { answer };
}
