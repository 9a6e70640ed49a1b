import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { freePort } from '../helpers/free-port';
import { spawnService } from '../helpers/service-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let collector: http.Server;
const received: string[] = [];

// An OTLP/HTTP collector on loopback: it keeps what it is sent.
beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(`${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
  await db.drop();
});

test('tracing is off unless an OTLP endpoint is configured', () => {
  expect(loadConfig({}).tracing).toBeUndefined();
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).tracing).toEqual({
    serviceName: 'provenance-kb',
  });
  expect(
    loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
  ).toBeUndefined();
});

test('with an endpoint, each operation is exported as a span named after it', async () => {
  const { port } = collector.address() as AddressInfo;
  const service = spawnService({
    DATABASE_URL: db.url,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    KB_LOAD_SEED: 'false',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces`,
    OTEL_SERVICE_NAME: 'kb-under-test',
    OTEL_BSP_SCHEDULE_DELAY: '50',
  });
  try {
    const url = await service.ready;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query TracedPentagon { entity(key: "entity:pentagon") { name } }' }),
    });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (!received.some((r) => r.includes('TracedPentagon')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const trace = received.find((r) => r.includes('TracedPentagon'));
    expect(trace).toMatch(/^\/v1\/traces /);
    expect(trace).toContain('kb-under-test');
    expect(trace).toContain('graphql.execute.operationName');
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
  }
});
