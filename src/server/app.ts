import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { InvalidApiKeyError, requestViewers } from '../auth/api-keys';
import { useCompiledReads } from '../compiled/plugin';
import type { ChangeFeed } from '../db/change-feed';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import { schema as serviceSchema } from '../schema';
import type { Context } from './context';
import { maskErrors } from './error-masking';
import { renderOfflineGraphiQL } from './graphiql';
import { graphiqlExamples } from './graphiql-examples';
import { useIdempotencyKeys } from './idempotency';
import { type LimitPolicy, useLimits } from './limits';
import { useRequestLog } from './request-log';
import { type TrustedDocuments, useTrustedDocuments } from './trusted-documents';

export type AppPolicy = LimitPolicy & {
  introspection: boolean;
  /** Browser origins besides the service's own that may call it (CORS); none by default. */
  corsOrigins: string[];
  /** Whether only registered (trusted) documents are run; GraphiQL is then off, as it sends its own. */
  trustedDocumentsOnly: boolean;
  /** Whether the queries the compiler covers are answered by one compiled statement (src/compiled/). */
  compiledReads: boolean;
};

export const defaultPolicy: AppPolicy = {
  anonymousRead: true,
  introspection: true,
  rateLimitPerMinute: 600,
  maxBodyBytes: 1 << 20,
  trustedDocumentsOnly: false,
  corsOrigins: [],
  compiledReads: true,
};

/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for the service's own origin and the configured ones; any other origin gets no CORS headers, so
 * a browser keeps the answer from its page. Yoga's default echoes every origin with credentials.
 */
const corsFor = (origins: string[]) => (request: Request) => {
  const origin = request.headers.get('origin');
  const own = new URL(request.url).origin;
  if (origin === null || (origin !== own && !origins.includes(origin))) return false as const;
  return {
    origin: [own, ...origins],
    credentials: true,
    maxAge: PREFLIGHT_MAX_AGE,
    // A rate-limited client reads when to retry; a dashboard reads whether the cache answered.
    exposedHeaders: ['Retry-After', 'Cache-Status'],
  };
};

/**
 * `plugin`'s request hook only on the requests it answers (its own test, less the URLPattern): yoga's
 * readiness check matches every other request against a URLPattern, on Node 20 a slow polyfill.
 */
const onlyAt = (path: string, plugin: Plugin): Plugin => ({
  ...plugin,
  onRequest: (payload) =>
    payload.url.pathname === path || payload.request.url.endsWith(path) ? plugin.onRequest?.(payload) : undefined,
});

type ServerContext = { req?: { socket?: { remoteAddress?: string } } };

export function createApp({
  db,
  logger,
  policy = defaultPolicy,
  responseCache,
  schema = serviceSchema,
  plugins = [],
  changes,
  observers = [],
  trustedDocuments,
}: {
  db: Pick<Database, 'prisma' | 'sql'>;
  logger: Logger;
  policy?: AppPolicy;
  /** Answers cached until the data changes (see response-cache.ts); none when absent. */
  responseCache?: Plugin;
  /** Another schema, and plugins after the limits, served through the same pipeline (src/bench/). */
  schema?: GraphQLSchema;
  plugins?: Plugin[];
  /** Commits heard from every process; subscriptions need it. */
  changes?: ChangeFeed;
  /** Metrics and tracing (see metrics.ts, tracing.ts): first, so that they count and time all the rest. */
  observers?: Plugin[];
  /** Documents clients may name by hash (trusted-documents.ts); with `policy.trustedDocumentsOnly`, the only ones run. */
  trustedDocuments?: TrustedDocuments;
}) {
  const { prisma, sql } = db;
  const viewerOf = requestViewers(prisma);
  return createYoga<ServerContext, Context>({
    schema,
    // The limits' gate has authenticated the request before this runs (once: viewerOf remembers).
    context: async ({ request }) => {
      try {
        return {
          prisma,
          sql,
          logger,
          viewer: await viewerOf(request),
          anonymousRead: policy.anonymousRead,
          changes,
        };
      } catch (error) {
        if (!(error instanceof InvalidApiKeyError)) throw error;
        throw new GraphQLError(error.message, {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
        });
      }
    },
    logging: logger,
    cors: corsFor(policy.corsOrigins),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    // useBodyLimit below decides from the headers.
    maxRequestBodySize: false,
    maskedErrors: { maskError: maskErrors },
    graphiql: policy.trustedDocumentsOnly
      ? false
      : { title: 'Provenance knowledge base', defaultQuery: graphiqlExamples },
    renderGraphiQL: renderOfflineGraphiQL,
    plugins: [
      ...observers,
      onlyAt(
        '/health',
        useReadinessCheck({
          endpoint: '/health',
          check: async () => {
            await prisma.$queryRaw`SELECT 1`;
          },
        }),
      ),
      useRequestLog(logger),
      // Browsers may not send simple (unpreflighted) requests without this header; GraphiQL and the
      // dashboard post JSON, which is never simple (test/web/dashboard.test.ts runs GraphiQL).
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      ...useLimits(policy, viewerOf, (ctx) => (ctx as ServerContext).req?.socket?.remoteAddress ?? 'local'),
      ...(trustedDocuments || policy.trustedDocumentsOnly
        ? [useTrustedDocuments(trustedDocuments ?? new Map(), policy.trustedDocumentsOnly)]
        : []),
      useIdempotencyKeys(),
      ...(policy.introspection ? [] : [useDisableIntrospection()]),
      ...plugins,
      // After the limits, so that they apply to answers from the cache too.
      ...(responseCache ? [responseCache] : []),
      // Last: the cache answers first, and stores what the compiled statement answers.
      ...(policy.compiledReads ? [useCompiledReads()] : []),
    ],
  });
}
