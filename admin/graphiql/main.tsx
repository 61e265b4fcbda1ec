/**
 * GraphiQL for Waypoint's /graphql, built from the npm package into hashed files Waypoint serves itself at /graphiql
 * (no outside host). Requests run as whoever the console's session is (its cookie, with the CSRF token kept beside it
 * in localStorage), or as the Authorization header typed into the headers editor. The schema comes from
 * /graphiql/schema.json, which the server gives only to those it lets in here: /graphql keeps introspection off in
 * production for everyone.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { createRoot } from 'react-dom/client';
import { sessionHeaders } from '../src/session';

const DEFAULT_QUERY = `# Waypoint's GraphQL API: the reference is at /docs/.
# Requests run as you (the console's session), or as the Authorization header you set below.
query WhoAmI {
  me { name role }
  supportUrl
}
`;

/** Posts to the same /graphql the console uses, with the session's CSRF token; a header typed in GraphiQL wins. */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...sessionHeaders(), ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

/** The running server's schema, as introspection JSON from /graphiql/schema.json (staff only in production). */
async function loadSchema(): Promise<GraphQLSchema> {
  const response = await fetch('/graphiql/schema.json', { credentials: 'same-origin', headers: { Accept: 'application/json', ...sessionHeaders() } });
  const body = (await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] };
  if (!response.ok || !body.data) throw new Error(body.errors?.[0]?.message ?? `The schema did not load (HTTP ${response.status})`);
  return buildClientSchema(body.data);
}

const root = createRoot(document.getElementById('graphiql')!);
loadSchema().then(
  (schema) =>
    root.render(
      <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false}>
        <GraphiQL.Logo>Waypoint GraphiQL</GraphiQL.Logo>
      </GraphiQL>,
    ),
  (error: Error) =>
    root.render(
      <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', lineHeight: 1.5 }}>
        <h1>GraphiQL could not start</h1>
        <p role="alert">{error.message}</p>
        <p>
          Sign in to the <a href="/admin/">console</a> as staff, then open this page again. The API reference is at <a href="/docs/">/docs</a>.
        </p>
      </main>,
    ),
);
