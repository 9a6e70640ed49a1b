import path from 'node:path';
import { z } from 'zod';
import type { AppPolicy } from './server/app';
import { StartupError } from './startup-error';

const projectRoot = path.resolve(__dirname, '..');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  KB_DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(projectRoot, '.data', 'postgres')),
  KB_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  KB_LOAD_SEED: booleanFlag.default(true),
  KB_ANONYMOUS_READ: booleanFlag.default(true),
  KB_INTROSPECTION: booleanFlag.optional(),
  KB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  KB_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1 << 20),
  KB_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  KB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  KB_RESPONSE_CACHE_MB: z.coerce.number().min(0).default(0),
  KB_METRICS: booleanFlag.default(true),
  KB_TRUSTED_DOCUMENTS: z.string().default(''),
  KB_TRUSTED_DOCUMENTS_ONLY: booleanFlag.default(false),
  KB_COMPILED_READS: booleanFlag.default(true),
  KB_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url().refine((url) => new URL(url).origin === url, 'an origin is scheme://host[:port]'))),
  // OpenTelemetry's standard variables: tracing starts only when an OTLP endpoint is named.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SDK_DISABLED: booleanFlag.default(false),
  OTEL_SERVICE_NAME: z.string().min(1).default('provenance-kb'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  loadSeed: boolean;
  dbPoolSize: number;
  statementTimeoutMs: number;
  /** Memory for cached query answers; 0 turns the response cache off. */
  responseCacheMb: number;
  /** Manifests of trusted documents besides the GraphiQL examples' (e.g. the dashboard's). */
  trustedDocumentFiles: string[];
  /** Whether `/metrics` is served (Prometheus text). */
  metrics: boolean;
  /** OpenTelemetry tracing, when an OTLP endpoint is configured: the service name its spans carry. */
  tracing: { serviceName: string } | undefined;
  logLevel: (typeof logLevels)[number];
  production: boolean;
  policy: AppPolicy;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new StartupError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KB_DATA_DIR),
    embeddedPgPort: e.KB_EMBEDDED_PG_PORT,
    loadSeed: e.KB_LOAD_SEED,
    dbPoolSize: e.KB_DB_POOL_SIZE,
    statementTimeoutMs: e.KB_STATEMENT_TIMEOUT_MS,
    responseCacheMb: e.KB_RESPONSE_CACHE_MB,
    metrics: e.KB_METRICS,
    trustedDocumentFiles: e.KB_TRUSTED_DOCUMENTS.split(',')
      .map((file) => file.trim())
      .filter(Boolean)
      .map((file) => path.resolve(file)),
    tracing:
      (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || e.OTEL_EXPORTER_OTLP_ENDPOINT) && !e.OTEL_SDK_DISABLED
        ? { serviceName: e.OTEL_SERVICE_NAME }
        : undefined,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    policy: {
      anonymousRead: e.KB_ANONYMOUS_READ,
      // Introspection stays on for development and GraphiQL, off in production unless asked for.
      introspection: e.KB_INTROSPECTION ?? e.NODE_ENV !== 'production',
      rateLimitPerMinute: e.KB_RATE_LIMIT_PER_MINUTE,
      maxBodyBytes: e.KB_MAX_BODY_BYTES,
      trustedDocumentsOnly: e.KB_TRUSTED_DOCUMENTS_ONLY,
      compiledReads: e.KB_COMPILED_READS,
      corsOrigins: e.KB_CORS_ORIGINS,
    },
  };
}
