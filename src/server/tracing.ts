import type { Plugin } from 'graphql-yoga';

/**
 * OpenTelemetry traces of every operation (its name, type and document; no per-field spans, which
 * cost on every resolver), exported in batches over OTLP/HTTP. Only started when an endpoint is
 * configured (config.ts): the exporter itself reads the standard OTEL_EXPORTER_OTLP_* variables
 * (endpoint, headers, timeout) and the batch processor OTEL_BSP_*.
 */
export async function startTracing(serviceName: string): Promise<{ plugin: Plugin; stop: () => Promise<void> }> {
  // Loaded here, only when tracing is configured: the OpenTelemetry SDK adds seconds to every start otherwise.
  const [{ useOpenTelemetry }, { SpanKind }, { OTLPTraceExporter }, { resourceFromAttributes }, sdk] =
    await Promise.all([
      import('@envelop/opentelemetry'),
      import('@opentelemetry/api'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-node'),
    ]);
  const { BatchSpanProcessor, NodeTracerProvider } = sdk;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  const plugin = useOpenTelemetry(
    { document: true, resolvers: false, variables: false, result: false },
    provider,
    SpanKind.SERVER,
    {},
    serviceName,
  );
  // Sends the spans still in the batch before the service exits.
  return { plugin: plugin as Plugin, stop: () => provider.shutdown() };
}
