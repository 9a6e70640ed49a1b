import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { type ChangeFeed, listenForChanges } from '../../src/db/change-feed';
import { createLogger } from '../../src/logger';
import { createResponseCache, type ResponseCache } from '../../src/server/response-cache';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let feed: ChangeFeed;
let cache: ResponseCache;
let gql: GraphQLClient;
let writer: pg.Client;
let heard = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  cache = createResponseCache({ maxBytes: 8 << 20, listening: () => feed?.listening ?? false });
  feed = await listenForChanges(db.url, createLogger('silent'), () => (heard++, cache.changed()), 500);
  gql = graphqlClient(db, { responseCache: cache.plugin });
  writer = new pg.Client({ connectionString: db.url });
  await writer.connect();
});
afterAll(async () => {
  await writer.end();
  await feed.close();
  await db.drop();
});

const PENTAGON = '{ entity(key: "entity:pentagon") { name description } }';

/** The answer to `query`, and how many SQL statements it took. */
async function ask(client: GraphQLClient, query = PENTAGON) {
  db.queries.length = 0;
  const result = await client(query);
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: db.queries.length };
}

async function eventually(check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `write` and waits until its notification has come, so that it cannot move the cache on later. */
async function notified<T>(write: () => Promise<T>): Promise<T> {
  const before = heard;
  const result = await write();
  await eventually(() => heard > before);
  return result;
}
const written = (sql: string) => notified(() => writer.query(sql));

test('a query asked again is answered from the cache, without SQL, with the same answer', async () => {
  const first = await ask(gql);
  expect(first.statements).toBeGreaterThan(0);
  const again = await ask(gql);
  expect(again).toEqual({ data: first.data, statements: 0 });
});

test('a commit by another process is heard, and the next answer reads it', async () => {
  await ask(gql);
  await written(`UPDATE entity SET description = 'written elsewhere' WHERE key = 'entity:pentagon'`);
  const fresh = await ask(gql);
  expect(fresh.data).toMatchObject({ entity: { description: 'written elsewhere' } });
  expect(fresh.statements).toBeGreaterThan(0);
  // Once the new answer is cached, it is served again.
  expect((await ask(gql)).statements).toBe(0);
});

test("a mutation's client reads its own write at once, before any notification could arrive", async () => {
  // A cache that hears nothing from the database: only the mutation itself can move it on.
  const deaf = createResponseCache({ maxBytes: 8 << 20, listening: () => true });
  const analyst = graphqlClient(db, {
    apiKey: (await notified(() => createApiKey(db.prisma, { owner: 'lee', role: 'ANALYST', createdBy: 'test' }))).key,
    responseCache: deaf.plugin,
  });
  const before = (await ask(analyst, '{ entity(key: "entity:pat-ryder") { version description } }')).data as {
    entity: { version: number };
  };
  const update = await notified(() =>
    analyst(`mutation { updateEntity(input: { key: "entity:pat-ryder", kind: PERSON, name: "Pat Ryder", description: "read back at once" },
    expectedVersion: ${before.entity.version}) { __typename } }`),
  );
  expect(update).toEqual({ data: { updateEntity: { __typename: 'Entity' } } });
  const after = await ask(analyst, '{ entity(key: "entity:pat-ryder") { version description } }');
  expect(after.data).toEqual({ entity: { version: before.entity.version + 1, description: 'read back at once' } });
  expect(after.statements).toBeGreaterThan(0);
});

test('answers are kept per API key: one caller never gets an answer computed for another', async () => {
  const keyed = graphqlClient(db, {
    apiKey: (await notified(() => createApiKey(db.prisma, { owner: 'kim', role: 'READER', createdBy: 'test' }))).key,
    responseCache: cache.plugin,
  });
  await ask(gql);
  expect((await ask(gql)).statements).toBe(0);
  const miss = await ask(keyed);
  db.queries.length = 0;
  expect((await keyed(PENTAGON)).data).toEqual(miss.data);
  // A keyed request still has its key checked; the answer itself comes from the cache.
  expect(db.queries.map((q) => q.sql)).toEqual([expect.stringContaining('"api_key"')]);
  expect(miss.statements).toBeGreaterThan(1);
});

test('Cache-Status (RFC 9211) says whether an answer came from the cache', async () => {
  const post = () =>
    gql.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PENTAGON }),
    });
  await written(`UPDATE entity SET description = 'fresh' WHERE key = 'entity:pentagon'`);
  const first = await post();
  expect(first.headers.get('cache-status')).toBe('provenance-kb; fwd=miss; stored');
  const second = await post();
  expect(second.headers.get('cache-status')).toBe('provenance-kb; hit');
  expect(await second.json()).toEqual(await first.json());
  const failed = await gql.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ claims(first: 1000) { totalCount } }' }),
  });
  expect(((await failed.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
  expect(failed.headers.get('cache-status')).toBeNull(); // an answer with errors is not kept
});

test('while notifications cannot be heard nothing is served from the cache; once they resume it is, with what was written meanwhile', async () => {
  await ask(gql);
  await writer.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'provenance-kb changes' AND datname = current_database()`,
  );
  await eventually(async () => !feed.listening);
  await writer.query(`UPDATE entity SET description = 'written while deaf' WHERE key = 'entity:pentagon'`);
  const deaf = await ask(gql);
  expect(deaf.data).toMatchObject({ entity: { description: 'written while deaf' } });
  expect(deaf.statements).toBeGreaterThan(0);
  expect((await ask(gql)).statements).toBeGreaterThan(0);
  expect(feed.listening).toBe(false); // still within the half-second before it reconnects
  await eventually(async () => feed.listening);
  await ask(gql);
  expect(await ask(gql)).toEqual({
    data: { entity: { name: expect.any(String), description: 'written while deaf' } },
    statements: 0,
  });
});

test('every table announces its writes on the change channel', async () => {
  const { rows } = await writer.query<{ table: string }>(`
    SELECT t.tablename AS table FROM pg_tables t
     WHERE t.schemaname = current_schema() AND t.tablename <> '_prisma_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
                        WHERE g.tgrelid = to_regclass(t.tablename) AND p.proname = 'kb_notify_change')`);
  expect(rows).toEqual([]);
  expect(
    (await writer.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`)).rows[0].n,
  ).toBeGreaterThan(10);
});
