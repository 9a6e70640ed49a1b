import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { kbCli } from '../helpers/kb-cli';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const root = path.resolve(__dirname, '../..');
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(() => db.drop());

const kb = (...args: string[]) => kbCli(db.url, ...args);

test('kb import reports what it created, then that a second import left everything unchanged', async () => {
  const seed = path.join(root, 'prisma/seed/dprk-troops-and-unsc.bundle.json');
  const first = await kb('import', seed);
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/: \d+ created, 0 updated, 0 unchanged/);
  const second = await kb('import', seed);
  expect(second.stdout).toMatch(/: 0 created, 0 updated, \d+ unchanged/);
});

test('kb import of a bad file exits 1 with the path of the problem and no stack trace', async () => {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-')), 'bad.json');
  await fs.writeFile(
    file,
    JSON.stringify({ format: 'provenance-kb-bundle', version: 1, claims: [{ key: 'claim:x' }] }),
  );
  const result = await kb('import', file);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^kb: bundle rejected, nothing written/);
  expect(result.stderr).toContain('claims[0].subject');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test('kb --help describes the commands', async () => {
  const { stdout } = await kb('--help');
  expect(stdout).toMatch(/import \[options\] <file>/);
  expect(stdout).toMatch(/export \[options\]/);
});

test('kb keys create prints a key once; list shows it without the key; revoke revokes it', async () => {
  const created = await kb('keys', 'create', '--owner', 'ops', '--role', 'admin');
  expect(created.code).toBe(0);
  const key = created.stdout.trim();
  expect(key).toMatch(/^kb_[A-Za-z0-9_-]{32}$/);
  const listed = await kb('keys', 'list');
  expect(listed.stdout).toMatch(/\tops\tADMIN\t.*\tactive/);
  expect(listed.stdout).not.toContain(key);
  const id = listed.stdout.split('\t')[0]!;
  expect((await kb('keys', 'revoke', id)).stdout).toBe(`key ${id} (ops) revoked\n`);
  expect((await kb('keys', 'list')).stdout).toMatch(/\trevoked /);
  const bad = await kb('keys', 'create', '--owner', 'x', '--role', 'superuser');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/Allowed choices are reader, analyst, admin/);
  // Five CLI processes one after another: over 60 s under the full suite on the shared machine.
}, 180_000);

test('kb import of a bundle with a NUL byte or an over-long name exits 1 naming the path, not with a database error', async () => {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-')), 'bad-values.json');
  const entity = (key: string, name: string) => ({ key, kind: 'PERSON', name });
  await fs.writeFile(
    file,
    JSON.stringify({
      format: 'provenance-kb-bundle',
      version: 1,
      entities: [entity('entity:nul', 'Kim\u0000Jong'), entity('entity:long', 'K'.repeat(3_000))],
    }),
  );
  const result = await kb('import', file);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^kb: bundle rejected, nothing written \(2 problems\)/);
  expect(result.stderr).toContain('entities[0].name: must not contain the NUL character');
  expect(result.stderr).toContain('entities[1].name: must be at most 500 characters long, not 3000');
  expect(result.stderr).not.toMatch(/prisma|\n\s+at /i);
});
