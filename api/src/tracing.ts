import type { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * Traces with OpenTelemetry, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (the SDK reads the standard OTEL_*
 * variables itself: the endpoint, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, ...; they are the SDK's, not
 * config.ts's). Imported first by main.ts, before http and pg load, so their instrumentation can wrap them:
 * - one span per HTTP request (health probes and scrapes aside); GraphQL requests get their operation name, type
 *   and the viewer's role on it (graphql.ts), never personal data;
 * - a child span per SQL statement, with the statement text (its values stay out: parameters are not recorded);
 * - a span per job the worker runs (jobs/worker.ts).
 * The SDK is loaded only then: it cost a third of a second of every start with tracing off (issue 21's cold start).
 * Loaded with require, not import(): it has to wrap http and pg before they load, so it cannot wait a tick.
 */
let sdk: NodeSDK | undefined;

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'waypoint',
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)\b/.test(req.url ?? ''),
        // Feed tokens travel in calendar URLs: their spans keep the route, not the token.
        requestHook: (span, req) => {
          const url = 'url' in req ? (req.url ?? '') : '';
          if (!url.startsWith('/calendar/')) return;
          for (const key of ['http.target', 'url.path', 'http.url', 'url.full']) span.setAttribute(key, '/calendar/[redacted]');
        },
      }),
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Sends the spans still buffered (at shutdown). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
}
