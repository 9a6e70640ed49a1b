import { type ChangeFeed, listenForChanges } from '../../src/db/change-feed';
import { createLogger } from '../../src/logger';
import { createApp, defaultPolicy } from '../../src/server/app';
import { useMetrics } from '../../src/server/metrics';
import { createResponseCache } from '../../src/server/response-cache';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type Family, parsePrometheus } from '../helpers/prometheus';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let changes: ChangeFeed;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  changes = await listenForChanges(db.url, createLogger('silent'));
  const cache = createResponseCache({ maxBytes: 1 << 20, listening: () => changes.listening });
  app = createApp({
    db,
    logger: createLogger('silent'),
    policy: defaultPolicy,
    responseCache: cache.plugin,
    changes,
    observers: [useMetrics({ pool: db.pool, changes })],
  });
});
afterAll(async () => {
  await changes.close();
  await db.drop();
});

const post = (body: object, accept = 'application/graphql-response+json', apiKey?: string) =>
  app.fetch('http://kb.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify(body),
  });

async function scrape(): Promise<Family[]> {
  const response = await app.fetch('http://kb.test/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

/** The value of the sample `name` (a histogram's `_count`) with these labels. */
function sample(families: Family[], name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const wanted = family?.type === 'histogram' ? `${name}_count` : name;
  return family?.samples.find((s) => s.name === wanted && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

const PENTAGON = 'query Pentagon { entity(key: "entity:pentagon") { name } }';

test('/metrics parses as Prometheus text and counts and times a query by its name', async () => {
  const before = await scrape();
  expect(sample(before, 'graphql_envelop_request', { operationName: 'Pentagon' })).toBeUndefined();
  await post({ query: PENTAGON });
  const after = await scrape();
  expect(sample(after, 'graphql_envelop_request', { operationName: 'Pentagon', operationType: 'query' })).toBe(1);
  expect(sample(after, 'graphql_envelop_request_duration', { operationName: 'Pentagon' })).toBe(1);
  expect(after.find((f) => f.name === 'graphql_envelop_request_duration')?.type).toBe('histogram');
  expect(sample(after, 'kb_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
  expect(sample(after, 'kb_change_listener_up')).toBe(1);
  expect(sample(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
});

test('errors are counted by code, and the response cache by hit or miss', async () => {
  await post({ query: 'query Broken { entity(key: "entity:pentagon") { nonsense } }' });
  await post({ query: 'query Unauthenticated { entity(key: "entity:pentagon") { name } }' }, 'application/json', 'x');
  await post({ query: PENTAGON });
  const families = await scrape();
  expect(
    sample(families, 'graphql_envelop_error_result', { operationName: 'Broken', code: 'GRAPHQL_VALIDATION_FAILED' }),
  ).toBe(1);
  expect(sample(families, 'graphql_envelop_error_result', { phase: 'context', code: 'UNAUTHENTICATED' })).toBe(1);
  expect(sample(families, 'kb_response_cache_requests_total', { result: 'miss' })).toBe(1);
  expect(sample(families, 'kb_response_cache_requests_total', { result: 'hit' })).toBe(1);
});

test('open subscriptions are counted while they last', async () => {
  const response = await post({ query: 'subscription { changes { cursor } }' }, 'text/event-stream');
  const reader = response.body!.getReader();
  await reader.read();
  expect(sample(await scrape(), 'kb_subscriptions')).toBe(1);
  await reader.cancel();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(sample(await scrape(), 'kb_subscriptions')).toBe(0);
});
