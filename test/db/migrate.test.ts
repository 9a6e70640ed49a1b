import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsDir, readMigrations } from '../../src/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterEach(() => db.drop());

async function bookkeeping(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, logs, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at',
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function copyMigrations(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-migrations-'));
  await fs.cp(migrationsDir, dir, { recursive: true });
  return dir;
}

test('applies every migration once, with the checksum Prisma records', async () => {
  const files = await readMigrations();
  expect(await migrate(db.url)).toEqual(files.map((m) => m.name));
  const rows = await bookkeeping(db.url);
  expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
  for (const [i, row] of rows.entries()) {
    const sql = await fs.readFile(path.join(migrationsDir, files[i]!.name, 'migration.sql'));
    expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.applied_steps_count).toBe(1);
  }
  expect(await migrate(db.url)).toEqual([]);
  expect(await bookkeeping(db.url)).toHaveLength(files.length);
});

test('concurrent runners apply each migration exactly once', async () => {
  const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
  expect(results.flat()).toEqual((await readMigrations()).map((m) => m.name));
  expect(await bookkeeping(db.url)).toHaveLength(results.flat().length);
});

test('refuses to run when an applied migration file was changed', async () => {
  const dir = await copyMigrations();
  await migrate(db.url, dir);
  const [first] = await readMigrations(dir);
  await fs.appendFile(path.join(dir, first!.name, 'migration.sql'), '\n-- edited\n');
  await expect(migrate(db.url, dir)).rejects.toThrow(`migration ${first!.name} was changed after it was applied`);
});

test('a failing migration is rolled back, recorded as failed, and blocks later runs', async () => {
  const dir = await copyMigrations();
  await fs.mkdir(path.join(dir, '29990101000000_broken'));
  await fs.writeFile(
    path.join(dir, '29990101000000_broken', 'migration.sql'),
    'CREATE TABLE half_done (id INT);\nSELECT no_such_function();\n',
  );
  await expect(migrate(db.url, dir)).rejects.toThrow('migration 29990101000000_broken failed');
  const rows = await bookkeeping(db.url);
  const broken = rows.find((r) => r.migration_name === '29990101000000_broken');
  expect(broken).toMatchObject({ finished_at: null, applied_steps_count: 0 });
  expect(broken.logs).toContain('no_such_function');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
  await client.end();
  expect(rowCount).toBe(0);
  await expect(migrate(db.url, dir)).rejects.toThrow('failed earlier');
});
