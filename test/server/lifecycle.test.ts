import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/free-port';
import { type ServiceProcess, spawnService } from '../helpers/service-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const countClaims = async (url: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ claims { totalCount } }' }),
  });
  return ((await response.json()) as { data: { claims: { totalCount: number } } }).data.claims.totalCount;
};

describe('with DATABASE_URL', () => {
  let db: TestDatabase;
  let spawned: ServiceProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    // A failed check must not leave the service running (and the suite waiting on it).
    if (spawned?.child.exitCode === null) spawned.child.kill('SIGKILL');
    await db.drop();
  });

  test('migrates, seeds, serves, and on SIGTERM finishes the request in flight before exiting 0', async () => {
    const service = (spawned = spawnService({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      KB_RESPONSE_CACHE_MB: '16',
    }));
    const url = await service.ready;
    expect((await fetch(url.replace('/graphql', '/health'))).status).toBe(200);
    expect(await countClaims(url)).toBeGreaterThan(30);

    // With the response cache on, answers are cached, and a write by another process still reaches them.
    const pentagon = async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ entity(key: "entity:pentagon") { name } }' }),
      });
      return {
        cache: response.headers.get('cache-status'),
        name: ((await response.json()) as { data: { entity: { name: string } } }).data.entity.name,
      };
    };
    await pentagon();
    expect((await pentagon()).cache).toBe('provenance-kb; hit');
    await db.pool.query(`UPDATE entity SET name = 'Pentagon (renamed elsewhere)' WHERE key = 'entity:pentagon'`);
    const deadline = Date.now() + 5_000;
    while ((await pentagon()).name !== 'Pentagon (renamed elsewhere)') {
      if (Date.now() > deadline) throw new Error('the rename never reached the service');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const graphiql = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('GraphiQL');

    // A request whose body is still arriving when the signal comes must still be answered.
    const body = JSON.stringify({ query: '{ claims { totalCount } }' });
    const { port, hostname } = new URL(url);
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: hostname,
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 300);
      }, 100);
    });
    const response = await answered;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.claims.totalCount).toBeGreaterThan(30);
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('"msg":"stopped"');
    expect(service.stdout()).toMatch(/"method":"POST","path":"\/graphql","status":200/);
  });
});

describe('bad configuration gets one line of explanation and exit 1', () => {
  const expectOneLine = async (env: Record<string, string>, message: RegExp) => {
    const service = spawnService(env);
    expect(await service.exited).toBe(1);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  };

  test('an unreachable DATABASE_URL', async () => {
    await expectOneLine(
      { DATABASE_URL: `postgresql://kb@127.0.0.1:${await freePort()}/kb`, PORT: '0' },
      /^provenance-kb: cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/kb: /,
    );
  });

  test('a port already in use', async () => {
    const db = await createTestDatabase();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const { port } = blocker.address() as net.AddressInfo;
      await expectOneLine(
        { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', KB_LOAD_SEED: 'false' },
        new RegExp(`^provenance-kb: port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      blocker.close();
      await db.drop();
    }
  });

  test('a data directory that cannot be written', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'kb-')), 'not-a-directory');
    await fs.writeFile(file, '');
    await expectOneLine(
      { KB_DATA_DIR: path.join(file, 'postgres'), PORT: '0' },
      /^provenance-kb: data directory .*not-a-directory.* cannot be written/,
    );
  });

  test('a malformed setting', async () => {
    await expectOneLine({ PORT: 'eighty' }, /^provenance-kb: invalid configuration: PORT: /);
  });
});

test('with no configuration it runs an embedded PostgreSQL whose data survives a restart', async () => {
  const dataRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-embedded-'));
  await fs.chmod(dataRoot, 0o755);
  const env = {
    KB_DATA_DIR: path.join(dataRoot, 'postgres'),
    KB_EMBEDDED_PG_PORT: String(await freePort()),
    HOST: '127.0.0.1',
  };
  try {
    const first = spawnService({ ...env, PORT: String(await freePort()) });
    const claims = await countClaims(await first.ready);
    expect(claims).toBeGreaterThan(30);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = spawnService({ ...env, PORT: String(await freePort()) });
    expect(await countClaims(await second.ready)).toBe(claims);
    expect(second.stdout()).not.toContain('seed knowledge loaded');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  } finally {
    await fs.rm(dataRoot, { recursive: true, force: true });
  }
  // Two cold starts of a fresh cluster (initdb, migrations, seed): 51 s alone on the shared machine.
}, 180_000);
