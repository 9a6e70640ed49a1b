import { createApiKey } from '../../src/auth/api-keys';
import { createResponseCache } from '../../src/server/response-cache';
import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';
import { COVERED, isCompiled } from './shapes';

// A covered operation costs one statement whatever the number of rows; the compiled path answers
// nobody who may not read, nor anything over the cost limits.
const seeded = seededGraphQL();
const compiledStatements = () => seeded.db.queries.filter((q) => isCompiled(q.sql));

/** The tables a statement reads, in the order it names them. */
const tablesOf = (sql: string) => [...new Set([...sql.matchAll(/FROM (\w+) /g)].map((m) => m[1]))];

test.each(COVERED.map((s) => [s.name, s] as const))('%s costs one statement', async (_name, shape) => {
  seeded.db.queries.length = 0;
  const result = await seeded.gql(shape.query, {
    entity: 'entity:north-korea',
    claim: 'x',
    source: 'x',
    ...shape.variables,
  });
  expect(result.errors).toBeUndefined();
  expect(seeded.db.queries).toHaveLength(1);
  expect(compiledStatements()).toHaveLength(1);
});

test('entities -> claims -> attributions -> source is one statement for 1 entity as for 40, reading the tables it names', async () => {
  const query = COVERED[0]!.query;
  const counts: number[] = [];
  for (const first of [1, 40]) {
    seeded.db.queries.length = 0;
    const result = await seeded.gql(query, { first, claims: 10 });
    expect(result.errors).toBeUndefined();
    counts.push(seeded.db.queries.length);
  }
  expect(counts).toEqual([1, 1]);
  expect(tablesOf(seeded.db.queries[0]!.sql)).toEqual(['entity', 'claim', 'standing_attribution', 'source']);
});

const nested = COVERED[0]!.query;

test('an anonymous request where anonymous reading is off is refused as before, and no compiled statement runs', async () => {
  const closed = graphqlClient(seeded.db, { policy: { anonymousRead: false } });
  const resolved = graphqlClient(seeded.db, { policy: { anonymousRead: false, compiledReads: false } });
  seeded.db.queries.length = 0;
  const refused = await closed(nested, { first: 2 });
  expect(compiledStatements()).toHaveLength(0);
  expect(refused.errors?.[0]?.message).toMatch(/API key/);
  expect(refused).toEqual(await resolved(nested, { first: 2 }));
});

test('a reader’s key reads through the compiled path where anonymous reading is off', async () => {
  const { key } = await createApiKey(seeded.db.prisma, { owner: 'compiled-reader', role: 'READER', createdBy: 'test' });
  const reader = graphqlClient(seeded.db, { apiKey: key, policy: { anonymousRead: false } });
  seeded.db.queries.length = 0;
  const read = await reader(nested, { first: 2 });
  expect(read.errors).toBeUndefined();
  expect(compiledStatements()).toHaveLength(1);
  expect(read).toEqual(await seeded.gql(nested, { first: 2 }));
});

test('an operation deeper than the limit is refused as before, with no compiled statement', async () => {
  const deep = `{ claims(first: 1) { edges { node { attributions(first: 1) { edges { node { claim {
    attributions(first: 1) { edges { node { claim { subject { key } } } } } } } } } } } } }`;
  seeded.db.queries.length = 0;
  const result = await seeded.gql(deep);
  expect(compiledStatements()).toHaveLength(0);
  expect(result.errors?.[0]?.message).toMatch(/depth/i);
});

test('the response cache keeps and serves a compiled answer', async () => {
  const cache = createResponseCache({ maxBytes: 1 << 20, listening: () => true });
  const cached = graphqlClient(seeded.db, { responseCache: cache.plugin });
  const body = { query: nested, variables: { first: 2 } };
  const ask = () =>
    cached.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const miss = await ask();
  expect(miss.headers.get('cache-status')).toMatch(/stored/);
  seeded.db.queries.length = 0;
  const hit = await ask();
  expect(hit.headers.get('cache-status')).toMatch(/hit/);
  expect(seeded.db.queries).toHaveLength(0);
  const first = (await miss.json()) as unknown;
  expect(await hit.json()).toEqual(first);
  expect(first).toEqual(await seeded.gql(nested, { first: 2 }));
});
