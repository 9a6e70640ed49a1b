import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logger';
import { createApp, defaultPolicy } from '../../src/server/app';
import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

const seeded = seededGraphQL();
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
  body: JSON.stringify(body),
});

test('a query nested too deep, too costly or with too large a page is refused before it runs, with a code', async () => {
  const deep =
    '{ entities(first: 1) { edges { node { claimsAbout(first: 1) { edges { node { subject { claimsAbout(first: 1) { edges { node { subject { claimsAbout(first: 1) { edges { node { key } } } } } } } } } } } } } } }';
  const result = await seeded.gql(deep);
  expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_DEEP' } })]);
  expect(result.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded, found 15/i);
  const costly =
    '{ entities(first: 100) { edges { node { claimsAbout(first: 100) { edges { node { attributions(first: 100) { edges { node { quotation } } } } } } } } } }';
  expect((await seeded.gql(costly)).errors).toEqual([
    expect.objectContaining({
      message: 'the query costs 3030301, more than 1000000',
      extensions: { code: 'QUERY_TOO_COSTLY' },
    }),
  ]);
  expect((await seeded.gql('{ entities(first: 1000) { totalCount } }')).errors).toEqual([
    expect.objectContaining({ message: 'first must be at most 100, got 1000', extensions: { code: 'PAGE_TOO_LARGE' } }),
  ]);
  expect((await seeded.gql('{ entities(first: 1, after: "zzz") { totalCount } }')).errors).toEqual([
    expect.objectContaining({ extensions: { code: 'INVALID_CURSOR' } }),
  ]);
});

test('a document is judged once, but its cost again whenever a variable sets a page size or a list', async () => {
  const query =
    'query ($n: Int, $ids: [ID!]!) { entities(first: $n) { edges { node { claimsAbout(first: $n) { edges { node { attributions(first: $n) { edges { node { key: quotation } } } } } } } } } nodes(ids: $ids) { id } }';
  const small = await seeded.gql(query, { n: 1, ids: [] });
  expect(small.errors).toBeUndefined();
  expect((await seeded.gql(query, { n: 100, ids: [] })).errors).toEqual([
    expect.objectContaining({ extensions: { code: 'QUERY_TOO_COSTLY' } }),
  ]);
  expect((await seeded.gql(query, { n: 1, ids: Array.from({ length: 101 }, (_, i) => String(i)) })).errors).toEqual([
    expect.objectContaining({ extensions: { code: 'LIST_TOO_LONG' } }),
  ]);
  expect(await seeded.gql(query, { n: 1, ids: [] })).toEqual(small);
  // The same text again: refused for its shape every time, from the judgement kept.
  const wide = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: claims(first: 1) { totalCount }`).join(' ')} }`;
  for (let i = 0; i < 2; i++)
    expect((await seeded.gql(wide)).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'TOO_MANY_ALIASES' } }),
    ]);
});

test('a body over the limit is refused with 413, a malformed length with 400, and a chunked body without a length with 411', async () => {
  const small = graphqlClient(seeded.db, { policy: { maxBodyBytes: 2048 } });
  const big = await small.fetch('/graphql', {
    ...post({ query: `{ claims { totalCount } } # ${'x'.repeat(5000)}` }),
    headers: { 'content-type': 'application/json', 'content-length': '5100' },
  });
  expect(big.status).toBe(413);
  const smuggled = await small.fetch('/graphql', {
    ...post({ query: '{ claims { totalCount } }' }),
    headers: { 'content-type': 'application/json', 'content-length': '36, 5100' },
  });
  expect(smuggled.status).toBe(400);
  // Transfer-Encoding is a forbidden header for fetch, so this one goes over a real socket.
  const app = createApp({
    db: seeded.db,
    logger: createLogger('silent'),
    policy: { ...defaultPolicy, maxBodyBytes: 2048 },
  });
  const server = http.createServer((req, res) => void app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      request.on('error', reject);
      request.write('{"query":');
      request.end('"{ claims { totalCount } }"}');
    });
    expect(status).toBe(411);
  } finally {
    server.close();
  }
});

test('each client gets its own rate limit; past it, 429 with Retry-After', async () => {
  const limited = graphqlClient(seeded.db, { policy: { rateLimitPerMinute: 3 } });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++)
    statuses.push((await limited.fetch('/graphql', post({ query: '{ claims { totalCount } }' }))).status);
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  const refused = await limited.fetch('/graphql', post({ query: '{ claims { totalCount } }' }));
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
    'RATE_LIMITED',
  );
});

test('browsers cannot send simple cross-site requests (CSRF): a GET needs the preflighted header', async () => {
  const simple = await seeded.gql.fetch('/graphql?query=%7Bclaims%7BtotalCount%7D%7D', { method: 'GET' });
  expect(simple.status).toBe(403);
  const preflighted = await seeded.gql.fetch('/graphql?query=%7Bclaims%7BtotalCount%7D%7D', {
    method: 'GET',
    headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
  });
  expect(preflighted.status).toBe(200);
});

test('introspection can be turned off for production', async () => {
  const query = '{ __schema { queryType { name } } }';
  expect((await seeded.gql(query)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  const closed = graphqlClient(seeded.db, { policy: { introspection: false } });
  expect((await closed(query)).errors?.[0]?.message).toMatch(/introspection/i);
});

test('unexpected errors are masked: no SQL or stack trace reaches the client', async () => {
  // A client whose model delegate is missing makes a resolver throw a TypeError.
  // Through the resolvers, and through a compiled statement.
  const brokenPrisma = graphqlClient(
    { sql: seeded.db.sql, prisma: { ...seeded.db.prisma, claim: undefined } as never },
    { policy: { compiledReads: false } },
  );
  const failing = async () => {
    throw new TypeError('SELECT failed at src/db/raw-sql.ts');
  };
  const brokenSql = graphqlClient({ sql: { $queryRaw: failing }, prisma: seeded.db.prisma });
  for (const broken of [brokenPrisma, brokenSql]) {
    const response = await broken('{ claims { totalCount } }');
    expect(response.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.' })]);
    expect(JSON.stringify(response)).not.toMatch(/SELECT|at .*\.ts|TypeError/);
  }
});
