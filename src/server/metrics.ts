import { createCounter, type FillLabelsFnParams, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ChangeFeed } from '../db/change-feed';

// The codes yoga gives parse and validation errors when it answers (they carry none before).
const PHASE_CODES: Record<string, string> = { parse: 'GRAPHQL_PARSE_FAILED', validate: 'GRAPHQL_VALIDATION_FAILED' };

/**
 * `/metrics` in Prometheus' text format: operations counted and timed by operation name and type
 * (yoga's Prometheus plugin), GraphQL errors by code, HTTP requests by status, and this service's own
 * gauges: the database pool, the change listener, open subscriptions and response-cache hits. Each
 * app has its own registry, so that two apps in one process (the tests) count apart.
 */
export function useMetrics({ pool, changes }: { pool: pg.Pool; changes?: ChangeFeed }): Plugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The pool keeps these three numbers itself; read when scraped, nothing counted per query.
  registry.registerMetric(
    new Gauge({
      name: 'kb_db_pool_connections',
      help: 'PostgreSQL connections of the pool: open (total), idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    }),
  );
  registry.registerMetric(
    new Gauge({
      name: 'kb_change_listener_up',
      help: '1 while commits by any process are heard (the response cache and subscriptions depend on it)',
      registers: [],
      collect() {
        this.set(changes?.listening ? 1 : 0);
      },
    }),
  );
  const subscriptions = new Gauge({
    name: 'kb_subscriptions',
    help: 'GraphQL subscriptions open now',
    registers: [registry],
  });
  const cache = new Counter({
    name: 'kb_response_cache_requests_total',
    help: 'Queries the response cache answered (hit) or passed on (miss), from its Cache-Status header',
    labelNames: ['result'],
    registers: [registry],
  });
  type Phase = 'parse' | 'validate' | 'context' | 'execute' | 'subscribe';
  type ErrorLabels = 'operationName' | 'operationType' | 'phase' | 'code';
  const errors = createCounter<Phase, ErrorLabels, FillLabelsFnParams & { error: unknown; errorPhase: Phase }>({
    registry,
    counter: {
      name: 'graphql_envelop_error_result',
      help: 'GraphQL errors in answers, by operation, phase and error code',
      labelNames: ['operationName', 'operationType', 'phase', 'code'],
    },
    fillLabelsFn: ({ operationName, operationType, errorPhase, error }) => {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      return {
        operationName: operationName ?? 'Anonymous',
        operationType: operationType ?? 'unknown',
        phase: errorPhase,
        code: typeof code === 'string' ? code : (PHASE_CODES[errorPhase] ?? 'UNKNOWN'),
      };
    },
  });

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePrometheus({
          registry,
          endpoint: '/metrics',
          // The per-phase histograms, the summary and resolver timings are left off: they cost on every
          // request and the request histogram answers what an operator asks first.
          metrics: {
            graphql_envelop_request: true,
            graphql_envelop_request_duration: true,
            graphql_envelop_error_result: errors,
            graphql_yoga_http_duration: true,
            graphql_envelop_request_time_summary: false,
            graphql_envelop_phase_parse: false,
            graphql_envelop_phase_validate: false,
            graphql_envelop_phase_context: false,
            graphql_envelop_phase_execute: false,
            graphql_envelop_phase_subscribe: false,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
          },
        }),
      );
    },
    onSubscribe: () => ({
      onSubscribeResult({ result }) {
        if (!isAsyncIterable(result)) return undefined;
        subscriptions.inc();
        return { onEnd: () => subscriptions.dec() };
      },
    }),
    onResponse({ response }) {
      const status = response.headers.get('cache-status');
      if (status) cache.inc({ result: status.includes('hit') && !status.includes('fwd=') ? 'hit' : 'miss' });
    },
  };
}
