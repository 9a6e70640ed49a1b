import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config';
import { type ChangeFeed, listenForChanges } from '../db/change-feed';
import { connectDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { provisionDatabase } from '../db/provision';
import type { Logger } from '../logger';
import { buildOriginCounts } from '../provenance/stored-origin-counts';
import { StartupError } from '../startup-error';
import { createApp } from './app';
import { DASHBOARD_MANIFEST, withDashboard } from './dashboard';
import { useMetrics } from './metrics';
import { createResponseCache } from './response-cache';
import { loadSeedIfEmpty } from './seed';
import { startTracing } from './tracing';
import { EXAMPLES_MANIFEST, readTrustedDocuments } from './trusted-documents';

export type RunningService = { url: string; databaseUrl: string; stop: () => Promise<void> };

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use (set PORT)`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, resolve);
  });
}

/** Provisions and migrates the database, loads the seed on an empty one, and serves GraphQL until stopped. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const provisioned = await provisionDatabase(config, logger);
  const cleanups: (() => Promise<void>)[] = [provisioned.stop];
  const unwind = async () => {
    for (const cleanup of cleanups.toReversed())
      await cleanup().catch((error) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const applied = await migrate(provisioned.url);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const db = connectDatabase(provisioned.url, {
      poolSize: config.dbPoolSize,
      statementTimeoutMs: config.statementTimeoutMs,
    });
    cleanups.push(db.close);
    await buildOriginCounts(db.prisma, logger);
    if (config.loadSeed) await loadSeedIfEmpty(db.prisma, logger);
    // One connection hears every process's commits, for the response cache and the subscribers alike.
    let changes: ChangeFeed | undefined;
    const cache =
      config.responseCacheMb > 0
        ? createResponseCache({
            maxBytes: config.responseCacheMb * 2 ** 20,
            listening: () => changes?.listening ?? false,
          })
        : undefined;
    changes = await listenForChanges(provisioned.url, logger, cache?.changed);
    cleanups.push(changes.close);
    const tracing = config.tracing && (await startTracing(config.tracing.serviceName));
    if (tracing) cleanups.push(tracing.stop);
    const trustedDocuments = readTrustedDocuments([
      EXAMPLES_MANIFEST,
      DASHBOARD_MANIFEST,
      ...config.trustedDocumentFiles,
    ]);
    const app = createApp({
      db,
      logger,
      policy: config.policy,
      responseCache: cache?.plugin,
      changes,
      trustedDocuments,
      observers: [
        ...(config.metrics ? [useMetrics({ pool: db.pool, changes })] : []),
        ...(tracing ? [tracing.plugin] : []),
      ],
    });
    // yoga answers errors itself; its promise only says when the response is done.
    const server = http.createServer(withDashboard((req, res) => void app(req, res)));
    await listen(server, config.port, config.host);
    cleanups.push(
      () =>
        // close() stops accepting and resolves once in-flight requests have been answered.
        new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    );
    const { port } = server.address() as AddressInfo;
    const origin = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    const url = `${origin}/graphql`;
    logger.info({ dashboard: `${origin}/`, url }, 'serving GraphQL (GraphiQL in a browser) and the dashboard');
    return { url, databaseUrl: provisioned.url, stop: unwind };
  } catch (error) {
    await unwind();
    throw error;
  }
}
