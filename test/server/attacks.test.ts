import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Requests that once stopped the service (issue 17): each is refused before any resolver runs, with
// one error whose code says why, and the service answers the next request.
const seeded = seededGraphQL();

type Answer = { status: number; errors: { message: string; extensions?: { code?: string } }[]; data?: unknown };
async function send(body: unknown, client = seeded.gql): Promise<Answer> {
  const response = await client.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Omit<Answer, 'status'>;
  return { status: response.status, errors: json.errors ?? [], data: json.data };
}

/** Sends `body` and checks it was refused with `code` alone, and that no SQL statement ran for it. */
async function expectRefused(body: unknown, code: string) {
  const before = seeded.db.queries.length;
  const answer = await send(body);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors[0]!.extensions?.code).toBe(code);
  expect(answer.data ?? null).toBeNull();
  expect(seeded.db.queries.length).toBe(before);
  return answer;
}

const entityId = (n: number) => Buffer.from(`Entity:${n}`).toString('base64');

test('20,000 aliases are refused at once, with one error and before any resolver runs', async () => {
  const query = `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: entity(key: "entity:e${i}") { key }`).join(' ')} }`;
  expect(query.length).toBeGreaterThan(800_000);
  const answer = await expectRefused({ query }, 'QUERY_TOO_LARGE');
  expect(answer.status).toBe(400);
  // Under the token limit, aliases are counted before the document is validated.
  const fewer = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: entity(key: "entity:e${i}") { key }`).join(' ')} }`;
  await expectRefused({ query: fewer }, 'TOO_MANY_ALIASES');
  expect((await send({ query: '{ entity(key: "entity:pentagon") { key } }' })).data).toEqual({
    entity: { key: 'entity:pentagon' },
  });
});

test('40,000 ids are refused, in the document or in variables, and a list argument counts in the cost', async () => {
  const ids = Array.from({ length: 40_000 }, (_, i) => entityId(i + 1));
  await expectRefused({ query: `{ nodes(ids: ${JSON.stringify(ids)}) { id } }` }, 'QUERY_TOO_LARGE');
  const byVariable = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
  const refused = await expectRefused({ query: byVariable, variables: { ids } }, 'LIST_TOO_LONG');
  expect(refused.errors[0]!.message).toMatch(/ids holds 40000 items; at most 100/);
  expect((await send({ query: byVariable, variables: { ids: ids.slice(0, 100) } })).errors).toEqual([]);
  // The same selection for one id and for a hundred: the hundred cost a hundred times as much.
  const deep = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { claimsAbout(first: 100) {
    edges { node { attributions(first: 100) { edges { node { quotation } } } } } } } } }`;
  expect((await send({ query: deep, variables: { ids: ids.slice(0, 1) } })).errors).toEqual([]);
  await expectRefused({ query: deep, variables: { ids: ids.slice(0, 100) } }, 'QUERY_TOO_COSTLY');
});

test('5,000 levels of nesting are refused (they overflowed the parser), in selections and in values', async () => {
  const selections = `{ entities { edges { node { ${'mergedFrom { '.repeat(5000)}key${' }'.repeat(5000)} } } } }`;
  expect((await expectRefused({ query: selections }, 'QUERY_TOO_DEEP')).status).toBe(400);
  await expectRefused(
    { query: `{ search(query: ${'['.repeat(5000)}"x"${']'.repeat(5000)}) { __typename } }` },
    'QUERY_TOO_DEEP',
  );
  // Deeper than 12 fields, but not deep enough to trouble the parser: refused before validation.
  const thirteen = `{ entities { edges { node { ${'mergedFrom { '.repeat(10)}key${' }'.repeat(10)} } } } }`;
  await expectRefused({ query: thirteen }, 'QUERY_TOO_DEEP');
});

test('wide documents are refused before graphql-js compares their fields pairwise', async () => {
  await expectRefused({ query: `{ claims { ${'totalCount '.repeat(401)}} }` }, 'QUERY_TOO_WIDE');
  await expectRefused({ query: `{ claims { totalCount ${'@skip(if: false) '.repeat(51)}} }` }, 'TOO_MANY_DIRECTIVES');
});

test('the rate limit spends what a request costs, and refused or unparsable documents spend too', async () => {
  const limited = graphqlClient(seeded.db, { policy: { rateLimitPerMinute: 10 } });
  // 100 entities with 60 claims each cost 6,301: 7 points of 10.
  const costly = '{ entities(first: 100) { edges { node { claimsAbout(first: 60) { __typename } } } } }';
  expect((await send({ query: costly }, limited)).status).toBe(200);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await send({ query: '{ claims { totalCount } }' }, limited)).status);
  expect(statuses).toEqual([200, 200, 200, 429]);

  const junk = graphqlClient(seeded.db, { policy: { rateLimitPerMinute: 10 } });
  // 25 KB of a broken document: 3 points each.
  const broken = { query: `{ claims { ${'#'.repeat(25_000)}` };
  const refusals: (string | undefined)[] = [];
  for (let i = 0; i < 5; i++) refusals.push((await send(broken, junk)).errors[0]?.extensions?.code);
  expect(refusals).toEqual([
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'RATE_LIMITED',
  ]);
});
