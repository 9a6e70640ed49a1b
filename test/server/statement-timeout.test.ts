import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { loadConfig } from '../../src/config';
import { connectDatabase, type Database } from '../../src/db/client';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// A statement that runs too long is stopped by PostgreSQL (KB_STATEMENT_TIMEOUT_MS), so that no request
// holds the pool's connections indefinitely: here the reads wait on a lock another session holds,
// which counts against the timeout as running does.
let template: TestDatabase;
let db: Database;
let client: GraphQLClient;
let locker: pg.Client;

beforeAll(async () => {
  template = await createTestDatabase();
  db = connectDatabase(template.url, { poolSize: 4, statementTimeoutMs: 300 });
  client = graphqlClient(db, { policy: { rateLimitPerMinute: 100_000 } });
  locker = new pg.Client({ connectionString: template.url });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await db.close();
  await template.drop();
});

test('a read that runs past the statement timeout is stopped with QUERY_TIMEOUT, and frees its connection', async () => {
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE entity IN ACCESS EXCLUSIVE MODE');
  const release = setTimeout(() => void locker.query('COMMIT'), 10_000);
  try {
    // More requests than the pool has connections: each is stopped, none waits for the lock's holder.
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        client.fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: '{ entities(first: 1) { totalCount } }' }),
        }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeNull();
      const body = (await response.json()) as { errors: { message: string; extensions: unknown }[] };
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/ran longer than the service allows and was stopped; nothing was written/),
          extensions: { code: 'QUERY_TIMEOUT' },
        }),
      ]);
    }
  } finally {
    clearTimeout(release);
    await locker.query('COMMIT');
  }
  expect(await client('{ entities(first: 1) { totalCount } }')).toEqual({ data: { entities: { totalCount: 0 } } });
});

test('a write stopped by the timeout writes nothing', async () => {
  const { key } = await createApiKey(db.prisma, { owner: 'writer', role: 'ANALYST', createdBy: 'test' });
  const writer = graphqlClient(db, { apiKey: key, policy: { rateLimitPerMinute: 100_000 } });
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE change_log IN ACCESS EXCLUSIVE MODE');
  let result: Awaited<ReturnType<GraphQLClient>>;
  try {
    result = await writer(
      `mutation { createEntity(input: { key: "entity:timed-out", name: "Timed out", kind: PERSON }) { __typename } }`,
    );
  } finally {
    await locker.query('COMMIT');
  }
  // Stopped inside a field's resolver, the error names that field.
  expect(result.errors).toEqual([
    expect.objectContaining({ path: ['createEntity'], extensions: { code: 'QUERY_TIMEOUT' } }),
  ]);
  expect(await db.prisma.entity.count({ where: { key: 'entity:timed-out' } })).toBe(0);
});

test('KB_STATEMENT_TIMEOUT_MS: 30 s unless set, 0 for no limit, never negative', () => {
  expect(loadConfig({}).statementTimeoutMs).toBe(30_000);
  expect(loadConfig({ KB_STATEMENT_TIMEOUT_MS: '0' }).statementTimeoutMs).toBe(0);
  expect(() => loadConfig({ KB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/KB_STATEMENT_TIMEOUT_MS/);
});
