import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { type StudyMode, studyApp } from '../../src/bench/compiler-study/server';
import { operations } from '../../src/bench/operations';
import { generate, load, scaleFor } from '../../src/bench/synthetic';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The compiler study measures the prototype only if it answers as the service does: each of its modes
// is asked the benchmark's nested query and queries with pages after a cursor, totals, page info,
// aliases and fragments, and must give the service's answer.
let db: TestDatabase;
let service: GraphQLClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await load(db.url, generate(scaleFor(2_000)).tables);
  await db.sql.$queryRaw`UPDATE entity SET merged_into_id = 1 WHERE id = 4`;
  service = graphqlClient(db);
}, 60_000);
afterAll(() => db.drop());

const nested = operations({ chainHead: '', probeClaim: '', pair: ['', ''], searchTerms: '' })[0]!.graphql;
const paged = /* GraphQL */ `
  query ($after: String, $claims: Int) {
    entities(first: 3, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...Shown claimsAbout(first: $claims) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { key attributions(first: 1) { totalCount edges { node { quotation source { title } } } } } }
      } } }
    }
  }
  fragment Shown on Entity { label: name key }`;
const asked: [string, Record<string, unknown>][] = [
  [nested, {}],
  [paged, { after: formatPrismaCursor({ id: 2 }, 'id'), claims: 2 }],
  [paged, { claims: 0 }],
  [paged, { after: formatPrismaCursor({ id: 4990 }, 'id'), claims: 100 }],
];

test.each<StudyMode>(['plugins', 'bare', 'passthrough'])('the prototype (%s) answers as the service', async (mode) => {
  const app = studyApp(db, mode);
  for (const [query, variables] of asked) {
    const response = await app.fetch(new URL('http://study/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    const expected = await service(query, variables);
    expect(expected.errors).toBeUndefined();
    expect(answer.data).toEqual(expected.data);
  }
});
