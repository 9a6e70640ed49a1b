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

/** Applies the migrations before the one named *_`name`, leaving that one and every later one to apply. */
async function migrateUpTo(name: string): Promise<void> {
  const dir = await copyMigrations();
  const migrations = await readMigrations(dir);
  const first = migrations.find((m) => m.name.endsWith(`_${name}`))!;
  for (const later of migrations.filter((m) => m.name >= first.name))
    await fs.rm(path.join(dir, later.name), { recursive: true });
  await migrate(db.url, dir);
}

test('the statement-provenance migration tells the wording of the statements on record and grades their UN records', async () => {
  await migrateUpTo('statement_provenance');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const text = 'The minister called it “a lawful exchange” on Friday.\nOfficials said "routine" twice.';
    await client.query(
      "INSERT INTO entity (id, key, kind, name) VALUES (1, 'entity:minister', 'PERSON', 'Minister'), (2, 'entity:outlet', 'ORGANISATION', 'Outlet')",
    );
    await client.query(
      "INSERT INTO source (id, key, kind, title, publisher_id, text, text_sha256) VALUES (1, 'source:report', 'NEWS_ARTICLE', 'Report', 2, $1, encode(sha256(convert_to($1, 'UTF8')), 'hex'))",
      [text],
    );
    await client.query(
      "INSERT INTO claim (id, key, subject_id, predicate, statement, value_kind, modality) VALUES (1, 'claim:lawful', 1, 'legality', 'It is lawful.', 'SOME_VALUE', 'ASSERTED')",
    );
    await client.query(
      "INSERT INTO unsc_draft (id, key, title, agenda) VALUES (1, 'unsc:a', 'A', 'x'), (2, 'unsc:b', 'B', 'x'), (3, 'unsc:c', 'C', 'x')",
    );
    await client.query(
      "INSERT INTO claim_unsc_record (claim_id, draft_id, stance) VALUES (1, 1, 'SUPPORTS'), (1, 2, 'REFUTES'), (1, 3, 'REPORTS')",
    );
    for (const [agent, q] of [
      [1, 'a lawful exchange'], // inside curly quotation marks
      [1, '“a lawful exchange”'], // with its marks
      [1, 'The minister called it'], // the reporter's words
      [2, 'on Friday'], // the outlet's words in its own article
      [1, 'routine'], // inside straight quotation marks
      [1, 'said "routine'], // across an opening mark
    ] as const) {
      // The text is all in the Basic Multilingual Plane: UTF-16 offsets are code points.
      const [start, end] = [text.indexOf(q), text.indexOf(q) + q.length];
      await client.query(
        'INSERT INTO attribution (claim_id, agent_id, source_id, quotation, span_start, span_end, stance) VALUES (1, $1, 1, $2, $3, $4, $5)',
        [agent, q, start, end, 'SUPPORTS'],
      );
    }
  } finally {
    await client.end();
  }
  await migrate(db.url);
  const after = new pg.Client({ connectionString: db.url });
  await after.connect();
  try {
    const wordings = await after.query('SELECT quotation, wording FROM attribution ORDER BY id');
    expect(wordings.rows.map((r) => r.wording)).toEqual([
      'OWN_WORDS',
      'OWN_WORDS',
      'REPORTED',
      'OWN_WORDS',
      'OWN_WORDS',
      'REPORTED',
    ]);
    const records = await after.query('SELECT draft_id, support FROM claim_unsc_record ORDER BY draft_id');
    expect(records.rows.map((r) => r.support)).toEqual(['SUPPORTS', 'CONTRADICTS', 'CONTEXT']);
  } finally {
    await after.end();
  }
});

test("drafts stored with free-text agendas get agenda records, keyed by the text's slug as the importer keys them", async () => {
  await migrateUpTo('unsc_agendas');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`INSERT INTO unsc_draft (key, title, agenda) VALUES
      ('unsc:a', 'A', 'Non-proliferation/Democratic People''s Republic of Korea'),
      ('unsc:b', 'B', 'Non-proliferation/Democratic People''s Republic of Korea'),
      ('unsc:c', 'C', 'Middle East, including the Palestinian question')`);
    await migrate(db.url);
    const { rows } = await client.query(
      'SELECT d.key AS draft, a.key AS agenda, a.name FROM unsc_draft d JOIN unsc_agenda a ON a.id = d.agenda_id ORDER BY d.key',
    );
    expect(rows).toEqual([
      {
        draft: 'unsc:a',
        agenda: 'agenda:non-proliferation-democratic-people-s-republic-of-korea',
        name: "Non-proliferation/Democratic People's Republic of Korea",
      },
      {
        draft: 'unsc:b',
        agenda: 'agenda:non-proliferation-democratic-people-s-republic-of-korea',
        name: "Non-proliferation/Democratic People's Republic of Korea",
      },
      {
        draft: 'unsc:c',
        agenda: 'agenda:middle-east-including-the-palestinian-question',
        name: 'Middle East, including the Palestinian question',
      },
    ]);
  } finally {
    await client.end();
  }
});
