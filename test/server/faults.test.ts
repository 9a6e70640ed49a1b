import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../src/auth/api-keys';
import { connectDatabase, type Database } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { createDatabaseIfMissing } from '../../src/db/provision';
import { freePort } from '../helpers/free-port';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';

// PostgreSQL goes away under load and comes back: requests fail fast with a clear 503, the service
// does not crash, recovers by itself, and every write it acknowledged is still there.
let pg: ChildProcess;
let db: Database;
let client: GraphQLClient;
const lines: string[] = [];
const waitFor = (line: string, timeoutMs = 30_000) =>
  new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const found = lines.find((l) => l.startsWith(line));
      if (found) {
        lines.splice(lines.indexOf(found), 1);
        clearInterval(poll);
        resolve(found);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no "${line}" from the PostgreSQL helper`));
      }
    }, 20);
  });

beforeAll(async () => {
  const dataDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-faults-')), 'pg');
  await fs.chmod(path.dirname(dataDir), 0o755);
  pg = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '../helpers/postgres-process.ts'), dataDir, String(await freePort())],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  pg.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const admin = (await waitFor('ready ')).slice('ready '.length);
  await createDatabaseIfMissing(admin, 'kb');
  const url = admin.replace(/\/postgres$/, '/kb');
  await migrate(url);
  db = connectDatabase(url, { poolSize: 4 });
  const { key } = await createApiKey(db.prisma, { owner: 'writer', role: 'ANALYST', createdBy: 'test' });
  client = graphqlClient(db, { apiKey: key, policy: { rateLimitPerMinute: 100_000 } });
});
afterAll(async () => {
  await db?.close();
  pg?.stdin?.end();
  await new Promise((resolve) => pg?.once('exit', resolve));
});

type Outcome = { ok: boolean; key: string; code?: string | undefined; phase: string };

async function createOne(i: number, phase: string): Promise<Outcome> {
  const key = `entity:fault-${i}`;
  const r = await client<{ createEntity: { __typename: string } }>(
    `mutation { createEntity(input: { key: "${key}", kind: OTHER, name: "Fault ${i}" }) { __typename } }`,
  );
  return {
    ok: r.data?.createEntity?.__typename === 'Entity',
    key,
    code: r.errors?.[0]?.extensions?.code as string | undefined,
    phase,
  };
}

test('the database stops and starts again under load', async () => {
  let i = 0;
  const outcomes: Outcome[] = [];
  let phase = 'up';
  let running = true;
  // Two writers keep writing throughout.
  const load = Promise.all(
    [0, 1].map(async () => {
      // oxlint-disable-next-line no-unmodified-loop-condition -- the test sets it after the outage
      while (running) outcomes.push(await createOne(++i, phase));
    }),
  );
  // Until writes are going through (the first ones take a while on a loaded machine).
  for (let waited = 0; waited < 20_000 && !outcomes.some((o) => o.ok); waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  phase = 'down';
  pg.stdin!.write('stop\n');
  await waitFor('stopped');
  await new Promise((r) => setTimeout(r, 1500));
  // While it is down, a request fails fast with 503 and says why.
  const started = Date.now();
  const down = await client.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ entities(first: 1) { totalCount } }' }),
  });
  expect(down.status).toBe(503);
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(
    ((await down.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0],
  ).toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
  expect((await client.fetch('/health')).status).toBe(503);
  phase = 'back';
  pg.stdin!.write('start\n');
  await waitFor('started');
  // It recovers by itself.
  let recovered = false;
  for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
    recovered = (await client.fetch('/health')).status === 200;
    if (!recovered) await new Promise((r) => setTimeout(r, 200));
  }
  expect(recovered).toBe(true);
  running = false;
  await load;
  // Writes go through again (asked after the writers stopped: theirs may have started mid-restart).
  for (let k = 0; k < 3; k++) outcomes.push(await createOne(++i, 'after'));

  const failedDown = outcomes.filter((o) => o.phase === 'down' && !o.ok);
  expect(failedDown.length).toBeGreaterThan(0);
  expect(failedDown.every((o) => o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
  expect(outcomes.filter((o) => o.phase === 'up' && o.ok).length).toBeGreaterThan(0);
  expect(outcomes.slice(-3)).toEqual(outcomes.slice(-3).map((o) => ({ ...o, ok: true })));
  // Every acknowledged write survived.
  const acknowledged = outcomes.filter((o) => o.ok).map((o) => o.key);
  expect(await db.prisma.entity.count({ where: { key: { in: acknowledged } } })).toBe(acknowledged.length);
});
