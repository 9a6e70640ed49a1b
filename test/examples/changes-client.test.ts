import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manifest } from '../../examples/changes-client/generate';
import { cursorOf, headCursor } from '../../src/changes/feed';
import { writeAs } from '../../src/db/write';
import { freePort } from '../helpers/free-port';
import { type ServiceProcess, spawnService } from '../helpers/service-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const root = path.resolve(__dirname, '../..');
const example = path.join(root, 'examples/changes-client');

test('the example registers its current documents', () => {
  expect(fs.readFileSync(path.join(example, 'trusted-documents.json'), 'utf8')).toBe(manifest());
});

describe('against a service that runs trusted documents only', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let url: string;
  const cursorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-')), 'cursor');

  beforeAll(async () => {
    db = await createTestDatabase();
    service = spawnService({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      KB_LOAD_SEED: 'false',
      KB_TRUSTED_DOCUMENTS_ONLY: 'true',
      KB_TRUSTED_DOCUMENTS: path.join(example, 'trusted-documents.json'),
    });
    url = await service.ready;
  });
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await db.drop();
  });

  /** Runs the example until it has printed `count` lines; returns them. */
  async function run(count: number): Promise<string[]> {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'examples/changes-client/follow-changes.ts'],
      {
        cwd: root,
        env: { ...process.env, KB_URL: url, KB_PERSISTED: 'true', KB_CURSOR_FILE: cursorFile, KB_TYPES: 'ENTITY' },
      },
    );
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk) => (err += chunk));
    try {
      return await new Promise<string[]>((resolve, reject) => {
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          const lines = out.split('\n').slice(0, -1);
          if (lines.length >= count) resolve(lines);
        });
        child.once('exit', (code) => reject(new Error(`example exited with ${code}: ${err}`)));
      });
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }
  const entity = async (key: string) =>
    (await writeAs(db.prisma, 'example-test', (tx) => tx.entity.create({ data: { key, kind: 'PERSON', name: key } })))
      .id;
  const line = (id: number) => expect.stringMatching(new RegExp(` example-test INSERT ENTITY ${id}$`));

  test('it prints each change once, and resumes from its cursor file after a restart', async () => {
    fs.writeFileSync(cursorFile, cursorOf(await headCursor(db.sql)));
    const first = await entity('entity:first');
    expect(await run(1)).toEqual([line(first)]);
    // Written while the example is not running: the next run starts after the first change.
    const [second, third] = [await entity('entity:second'), await entity('entity:third')];
    expect(await run(2)).toEqual([line(second), line(third)]);
  });
});
