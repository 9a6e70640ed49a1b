import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { migrate } from '../../src/db/migrate';
import { createDatabaseIfMissing } from '../../src/db/provision';
import { freePort } from './free-port';
import { databaseUrl, templateDatabase } from './test-database';

declare global {
  var __kbStopPostgres: (() => Promise<void>) | undefined;
}

// Tests run against real PostgreSQL: DATABASE_URL when given (its server must allow CREATE DATABASE),
// otherwise an embedded server in a throwaway directory. Each test file clones a migrated template.
export default async function globalSetup(): Promise<void> {
  // Away from UTC, at a half-hour offset, so that a time-zone bug fails a test: the test workers, the
  // service processes they start and the embedded server (initdb takes its TimeZone from here) inherit it.
  process.env.TZ = 'America/St_Johns';
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.join(os.tmpdir(), `kb-test-${process.pid}-${Date.now()}`);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    url = server.url('postgres');
    globalThis.__kbStopPostgres = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  process.env.KB_TEST_ADMIN_URL = url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
  await client.end();
  await createDatabaseIfMissing(url, templateDatabase);
  await migrate(databaseUrl(templateDatabase));
}
