import pg from 'pg';
import { createApiKey } from '../../src/auth/api-keys';
import { FEED_TABLES } from '../../src/changes/feed';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let gql: GraphQLClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  // The paging tests read the log a page at a time both ways, hundreds of requests a minute from one
  // client: more than the default rate limit allows, which limits.test.ts tests.
  gql = graphqlClient(db, { policy: { rateLimitPerMinute: 100_000 } });
});
afterAll(() => db.drop());

const CHANGES = /* GraphQL */ `
  query Changes($after: String, $before: String, $first: Int, $last: Int, $types: [ChangeTable!]) {
    changes(after: $after, before: $before, first: $first, last: $last, types: $types) {
      __typename
      ... on ChangeConnection {
        totalCount
        edges { cursor node { actor operation table recordId before after } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
      ... on InputValidationError { issues { path message } }
    }
  }
`;

type Change = { actor: string; operation: string; table: string; recordId: string; before: unknown; after: unknown };
type Page = {
  changes: {
    __typename: string;
    edges?: { cursor: string; node: Change }[];
    totalCount?: number;
    pageInfo?: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    issues?: { path: string[]; message: string }[];
  };
};

async function page(variables: Record<string, unknown>, client = gql) {
  const result = await client<Page>(CHANGES, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.changes;
}

/** Every change after `after`, read page by page as a client that comes back would. */
async function readAll(after: string | null, first = 100, types?: string[]) {
  const changes: { cursor: string; node: Change }[] = [];
  for (let cursor = after, more = true; more; ) {
    const { edges, pageInfo } = await page({ after: cursor, first, types });
    changes.push(...edges!);
    cursor = pageInfo!.endCursor ?? cursor;
    more = pageInfo!.hasNextPage;
  }
  return { changes, last: changes.at(-1)?.cursor ?? after };
}

/** A connection that writes as a CLI or another instance would: its own transaction, with an actor. */
async function writer(actor: string) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query("SELECT set_config('kb.actor', $1, true)", [actor]);
  return client;
}
const entity = (client: pg.Client, key: string) =>
  client.query("INSERT INTO entity (key, kind, name, updated_at) VALUES ($1, 'PERSON', $1, now())", [key]);

test('the feed pages the log in order; resuming from any page cursor reads exactly the rest', async () => {
  const all = await readAll(null, 100);
  expect(all.changes.length).toBeGreaterThan(100);
  expect(all.changes[0]!.node).toMatchObject({ actor: 'seed', operation: 'INSERT' });
  const small = await readAll(null, 7);
  expect(small.changes).toEqual(all.changes);
  const middle = all.changes[41]!.cursor;
  expect((await readAll(middle, 13)).changes).toEqual(all.changes.slice(42));
  expect(await page({ after: all.last })).toMatchObject({
    edges: [],
    pageInfo: { hasNextPage: false, endCursor: null },
  });
});

/** Every change before `before` (the end when null), read backwards page by page, in commit order. */
async function readBack(before: string | null, last: number, types?: string[]) {
  const changes: { cursor: string; node: Change }[] = [];
  for (let cursor = before, more = true; more; ) {
    const { edges, pageInfo } = await page({ before: cursor, last, types });
    changes.unshift(...edges!);
    cursor = pageInfo!.startCursor ?? cursor;
    more = pageInfo!.hasPreviousPage;
  }
  return changes;
}

test('last pages backwards from the end or from a cursor: the same changes in the same order', async () => {
  const all = (await readAll(null)).changes;
  expect(await readBack(null, 100)).toEqual(all);
  expect(await readBack(null, 9)).toEqual(all);
  const latest = await page({ last: 5 });
  expect(latest.edges).toEqual(all.slice(-5));
  expect(latest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, endCursor: all.at(-1)!.cursor });
  expect(latest.totalCount).toBe(all.length);
  const middle = all[60]!.cursor;
  expect(await readBack(middle, 7)).toEqual(all.slice(0, 60));
  expect(await page({ before: middle, last: 3 })).toMatchObject({
    edges: all.slice(57, 60),
    totalCount: 60,
    pageInfo: { hasPreviousPage: true, hasNextPage: true },
  });
  // Between two cursors, from either end.
  const window = { after: all[10]!.cursor, before: all[20]!.cursor };
  expect((await page({ ...window, first: 100 })).edges).toEqual(all.slice(11, 20));
  expect((await page({ ...window, last: 4 })).edges).toEqual(all.slice(16, 20));
  expect((await page({ ...window, last: 4 })).totalCount).toBe(9);
  expect(await page({ before: all[0]!.cursor, last: 10 })).toMatchObject({
    edges: [],
    pageInfo: { hasPreviousPage: false, startCursor: null, endCursor: null },
  });
  const claims = all.filter((c) => ['CLAIM', 'ATTRIBUTION'].includes(c.node.table));
  expect(await readBack(null, 13, ['CLAIM', 'ATTRIBUTION'])).toEqual(claims);
});

test('the latest page’s endCursor is where a reader picks up: what commits next, nothing twice', async () => {
  const latest = await page({ last: 3 });
  const next = await writer('after-latest');
  await entity(next, 'entity:after-latest');
  await next.query('COMMIT');
  await next.end();
  const since = await readAll(latest.pageInfo!.endCursor);
  expect(since.changes.map((c) => c.node.actor)).toEqual(['after-latest']);
  expect((await page({ last: 1 })).edges!.map((c) => c.node.actor)).toEqual(['after-latest']);
});

test('a transaction that commits after a later one, with a smaller id, is read after it, not skipped', async () => {
  const { last } = await readAll(null);
  const early = await writer('early');
  await entity(early, 'entity:early-id-late-commit'); // takes the smaller change_log id
  const late = await writer('late');
  await entity(late, 'entity:late-id-early-commit');
  await late.query('COMMIT');

  const first = await readAll(last);
  expect(first.changes.map((c) => c.node.actor)).toEqual(['late']);
  await early.query('COMMIT');
  const second = await readAll(first.last);
  expect(second.changes.map((c) => c.node.actor)).toEqual(['early']);
  const ids = await db.sql.$queryRaw<
    { actor: string; id: bigint }[]
  >`SELECT actor, id FROM change_log WHERE actor IN ('early', 'late') ORDER BY id`;
  // The race this guards against: ids in the order taken, commits in the other.
  expect(ids.map((r) => r.actor)).toEqual(['early', 'late']);
  await Promise.all([early.end(), late.end()]);
});

test('many transactions racing to commit are each read once, in the order they became visible', async () => {
  const { last } = await readAll(null);
  const writers = await Promise.all(Array.from({ length: 8 }, (_, i) => writer(`racer-${i}`)));
  await Promise.all(writers.map((w, i) => entity(w, `entity:racer-${i}`)));
  const seen: string[] = [];
  let cursor = last;
  // Commit in the reverse order of their ids, reading the feed between commits.
  for (const w of writers.toReversed()) {
    await w.query('COMMIT');
    const read = await readAll(cursor);
    seen.push(...read.changes.map((c) => c.node.actor));
    cursor = read.last;
  }
  expect(seen).toEqual(writers.map((_, i) => `racer-${i}`).toReversed());
  await Promise.all(writers.map((w) => w.end()));
});

test('a rolled-back transaction leaves nothing in the feed and no gap that hides a later commit', async () => {
  const { last } = await readAll(null);
  const failed = await writer('rolled-back');
  await entity(failed, 'entity:never');
  await failed.query('ROLLBACK');
  await failed.end();
  const next = await writer('after-rollback');
  await entity(next, 'entity:after-rollback');
  await next.query('COMMIT');
  await next.end();
  expect((await readAll(last)).changes.map((c) => c.node.actor)).toEqual(['after-rollback']);
});

test('API keys are logged but never in the feed, whoever reads it', async () => {
  const { key } = await createApiKey(db.prisma, { owner: 'feed-admin', role: 'ADMIN', createdBy: 'test' });
  const logged = await db.sql.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM change_log WHERE table_name = 'api_key'`;
  expect(Number(logged[0]!.n)).toBeGreaterThan(0);
  for (const client of [gql, graphqlClient(db, { apiKey: key })]) {
    const { changes } = await readAll(null);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.node.table === 'API_KEY' || JSON.stringify(c.node).includes('key_hash'))).toEqual(
      [],
    );
    expect((await client(CHANGES, { types: ['API_KEY'] })).errors?.[0]?.message).toMatch(/API_KEY/);
  }
});

test('every audited table but api_key is a feed table', async () => {
  const audited = await db.sql.$queryRaw<{ table: string }[]>`
    SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname LIKE '%\\_audit\\_insert'`;
  expect(audited.map((r) => r.table).toSorted()).toEqual([...FEED_TABLES, 'api_key'].toSorted());
});

test('types keeps only those tables, in the same order', async () => {
  const all = await readAll(null);
  const claims = await readAll(null, 50, ['CLAIM', 'ATTRIBUTION']);
  expect(claims.changes.length).toBeGreaterThan(0);
  expect(claims.changes).toEqual(all.changes.filter((c) => ['CLAIM', 'ATTRIBUTION'].includes(c.node.table)));
});

test('a cursor that is not one, or a page over 100, is a typed error', async () => {
  expect(await page({ after: 'nonsense' })).toMatchObject({
    __typename: 'InputValidationError',
    issues: [{ path: ['after'], message: 'not a cursor of the change feed' }],
  });
  expect(await page({ first: 101 })).toMatchObject({
    __typename: 'InputValidationError',
    issues: [{ path: ['first'] }],
  });
  expect(await page({ last: 101 })).toMatchObject({
    __typename: 'InputValidationError',
    issues: [{ path: ['last'] }],
  });
  expect(await page({ before: 'nonsense', last: 2 })).toMatchObject({
    __typename: 'InputValidationError',
    issues: [{ path: ['before'], message: 'not a cursor of the change feed' }],
  });
});

test('totalCount counts what follows the cursor', async () => {
  const all = await readAll(null);
  const result = await gql<{ changes: { totalCount: number } }>(
    'query($after: String) { changes(after: $after, first: 1) { ... on ChangeConnection { totalCount } } }',
    { after: all.changes.at(-5)!.cursor },
  );
  expect(result.data!.changes.totalCount).toBe(4);
});

test('without anonymous reads, the feed needs a key', async () => {
  const closed = graphqlClient(db, { policy: { anonymousRead: false } });
  const result = await closed(CHANGES, {});
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
