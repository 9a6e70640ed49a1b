import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { kbCli } from '../helpers/kb-cli';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// npm run kb -- propose: a report file becomes a draft; a file that is not UTF-8 text, or an unknown
// publisher, exits 1 with the reason and writes nothing.

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-propose-'));
});
afterAll(() => db.drop());

const kb = (...args: string[]) => kbCli(db.url, ...args);
const propose = (file: string, publisher = 'entity:associated-press') =>
  kb('propose', file, '--title', 'Shoal collision', '--publisher', publisher, '--published', '2026-11-30T08:00:00Z');

test('kb propose makes a draft and says what it proposed', async () => {
  const result = await propose(path.join(__dirname, 'reports/shoal-collision.txt'));
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^draft \d+ \(\S+\): \d+ entity, \d+ statement, 1 quantity/);
  expect(await db.prisma.draft.count()).toBe(1);
  expect(await db.prisma.source.count({ where: { key: 'source:shoal-collision' } })).toBe(0);
});

test('kb propose of a binary file or for an unknown publisher exits 1 and writes nothing', async () => {
  const before = await db.prisma.draft.count();
  const binary = path.join(dir, 'report.pdf');
  await fs.writeFile(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x81]));
  const refused = await propose(binary);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^kb: .*is not UTF-8 text/);
  const unknown = await propose(path.join(__dirname, 'reports/snb-rate-cut.txt'), 'entity:no-such-outlet');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/^kb: no entity entity:no-such-outlet/);
  expect(await db.prisma.draft.count()).toBe(before);
});
