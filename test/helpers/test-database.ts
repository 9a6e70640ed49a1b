import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/db/client';

export const templateDatabase = 'kb_test_template';

function adminUrl(): string {
  const url = process.env.KB_TEST_ADMIN_URL;
  if (!url) throw new Error('test database not set up: run the suite through jest (globalSetup)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = Database & {
  url: string;
  /** SQL statements sent since the last reset, with their parameters. */
  queries: { sql: string; params: unknown[] }[];
  drop: () => Promise<void>;
};

/** A fresh database for one test file: an empty one, or a clone of the migrated template. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  await admin((c) =>
    c.query(
      options.migrated === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`,
    ),
  );
  const url = databaseUrl(name);
  const queries: TestDatabase['queries'] = [];
  const db = connectDatabase(url, { onQuery: (sql, params) => queries.push({ sql, params }) });
  return {
    ...db,
    url,
    queries,
    drop: async () => {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
