import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

/**
 * Traces with OpenTelemetry, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (the SDK reads the standard OTEL_*
 * variables itself: the endpoint, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, ...; they are the SDK's, not
 * config.ts's). Imported first by main.ts, before http and pg load, so their instrumentation can wrap them:
 * - one span per HTTP request (health probes and scrapes aside); GraphQL requests get their operation name, type
 *   and the viewer's role on it (graphql.ts), never personal data;
 * - a child span per SQL statement, with the statement text (its values stay out: parameters are not recorded);
 * - a span per job the worker runs (jobs/worker.ts).
 */
let sdk: NodeSDK | undefined;

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
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
