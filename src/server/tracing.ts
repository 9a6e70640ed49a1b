import { useOpenTelemetry } from '@envelop/opentelemetry';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Plugin } from 'graphql-yoga';

/**
 * OpenTelemetry traces of every operation (its name, type and document; no per-field spans, which
 * cost on every resolver), exported in batches over OTLP/HTTP. Only started when an endpoint is
 * configured (config.ts): the exporter itself reads the standard OTEL_EXPORTER_OTLP_* variables
 * (endpoint, headers, timeout) and the batch processor OTEL_BSP_*.
 */
export function startTracing(serviceName: string): { plugin: Plugin; stop: () => Promise<void> } {
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
