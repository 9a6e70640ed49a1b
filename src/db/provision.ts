import pg from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { StartupError } from '../startup-error';
import { embeddedServerUrl, startEmbeddedPostgres } from './embedded-postgres';

export type ProvisionedDatabase = { url: string; stop: () => Promise<void> };

const embeddedDatabaseName = 'kb';

/** Uses DATABASE_URL when given; otherwise starts the embedded server and creates the database on first use. */
export async function provisionDatabase(config: Config, logger: Logger): Promise<ProvisionedDatabase> {
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl);
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  const running = await reachable(embeddedUrl(config, 'postgres'));
  if (running) {
    // Another process of ours (the service, or the CLI beside it) already runs this data directory.
    await createDatabaseIfMissing(embeddedUrl(config, 'postgres'), embeddedDatabaseName);
    return { url: embeddedUrl(config, embeddedDatabaseName), stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    log: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
  });
  try {
    await createDatabaseIfMissing(server.url('postgres'), embeddedDatabaseName);
  } catch (error) {
    await server.stop();
    throw error;
  }
  logger.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'embedded PostgreSQL started');
  return { url: server.url(embeddedDatabaseName), stop: server.stop };
}

function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

const embeddedUrl = (config: Config, database: string) => embeddedServerUrl(config.embeddedPgPort, database);

async function reachable(url: string): Promise<boolean> {
  return checkReachable(url, 1_000).then(
    () => true,
    () => false,
  );
}

async function checkReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  let encoding: string | undefined;
  try {
    await client.connect();
    encoding = (await client.query<{ server_encoding: string }>('SHOW server_encoding')).rows[0]?.server_encoding;
  } catch (error) {
    throw new StartupError(
      `cannot reach PostgreSQL at ${describe(url)}: ${(error as Error).message || (error as { code?: string }).code}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (encoding !== 'UTF8') {
    throw new StartupError(
      `PostgreSQL at ${describe(url)} uses ${encoding} encoding; the knowledge base needs a UTF8 database (quotation spans count characters)`,
    );
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
