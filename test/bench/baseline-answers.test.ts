import pg from 'pg';
import { type Operation, operations } from '../../src/bench/operations';
import { startPostGraphile } from '../../src/bench/postgraphile-server';
import { generate, load, scaleFor } from '../../src/bench/synthetic';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The benchmark's ratios mean something only if the baseline does the service's work: each baseline
// statement must compute the answer the service gives. Answers are compared as parsed JSON with
// toEqual: member order inside an object means nothing in JSON, everything else does (every value,
// every list in its order, null against absent). The baseline returns the service's `data` as is, so
// no other normalisation is needed. Beside the benchmark's own probes, which are small at this scale
// (its search term finds nothing here), each operation is asked probes picked to reach every rule the
// service applies: derivation chains met in another order than their ids, origins an agent published
// or the body it spoke for authored, refuting evidence, UN records, hedged claims, aliases, no shared votes.
let db: TestDatabase;
let gql: GraphQLClient;
let client: pg.Client;
let data: ReturnType<typeof generate>;

beforeAll(async () => {
  db = await createTestDatabase();
  data = generate(scaleFor(2_000));
  await load(db.url, data.tables);
  // A merged entity among the first ten: lists leave it out.
  await db.sql.$queryRaw`UPDATE entity SET merged_into_id = 1 WHERE id = 4`;
  gql = graphqlClient(db);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client.end();
  await db.drop();
});

type Probe = Parameters<typeof operations>[0];
const probe = (): Probe => ({
  chainHead: data.chainHead,
  probeClaim: data.probeClaim,
  pair: data.pair,
  searchTerms: data.searchTerms,
});
const keys = async (sql: string) => (await client.query<{ key: string }>(sql)).rows.map((r) => r.key);

/** Each operation's answer from the service and from its baseline statement, for every probe. */
async function bothAnswers(name: string, probes: Probe[]) {
  const answers: { service: unknown; baseline: unknown }[] = [];
  for (const p of probes) {
    const op = operations(p).find((o) => o.name === name) as Operation;
    const service = await gql(op.graphql, op.variables);
    expect(service.errors).toBeUndefined();
    const baseline = (await client.query<{ data: unknown }>(op.sql, op.params)).rows;
    expect(baseline).toHaveLength(1);
    answers.push({ service: service.data, baseline: baseline[0]!.data });
  }
  return answers;
}

type Entities = { entities: { edges: unknown[] } };
type Provenance = { claim: { provenance: { derivations: unknown[] } } };
type Corroboration = {
  claim: { corroboration: { documents: number; independentOrigins: number; suggestedCredibility: number } };
};
type Search = { search: { data: { totalCount: number } } };

test('the nested baseline answers as the service', async () => {
  const [nested] = await bothAnswers('nested entity -> claims -> attributions -> source', [probe()]);
  expect((nested!.service as Entities).entities.edges).toHaveLength(10);
  expect(nested!.baseline).toEqual(nested!.service);
});

test('PostGraphile answers the nested query as the service', async () => {
  const op = operations(probe())[0]!;
  if (!('graphql' in op.postgraphile)) throw new Error('the nested query has a PostGraphile form');
  const postgraphile = await startPostGraphile(db.url, 0);
  try {
    const response = await fetch(postgraphile.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: op.postgraphile.graphql }),
    });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual((await gql(op.graphql, op.variables)).data);
  } finally {
    await postgraphile.close();
  }
});

test('the provenance chain baseline answers as the service', async () => {
  // Claims carried by two sources that both derive from others, the later-attributed one first in id order.
  const crossed = await keys(`
    SELECT c.key FROM claim c
      JOIN attribution a1 ON a1.claim_id = c.id JOIN attribution a2 ON a2.claim_id = c.id AND a2.id > a1.id AND a2.source_id < a1.source_id
     WHERE EXISTS (SELECT 1 FROM source_derivation WHERE derived_id = a1.source_id)
       AND EXISTS (SELECT 1 FROM source_derivation WHERE derived_id = a2.source_id)
     ORDER BY c.id LIMIT 5`);
  const rootCarried = await keys(`
    SELECT c.key FROM claim c JOIN attribution a ON a.claim_id = c.id
     WHERE NOT EXISTS (SELECT 1 FROM source_derivation WHERE derived_id = a.source_id) ORDER BY c.id LIMIT 2`);
  expect(crossed.length).toBeGreaterThan(0);
  const answers = await bothAnswers(
    'provenance chain (11 hops)',
    [data.chainHead, ...crossed, ...rootCarried].map((chainHead) => ({ ...probe(), chainHead })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  expect((answers[0]!.service as Provenance).claim.provenance.derivations).toHaveLength(11);
});

test('the corroboration baseline answers as the service', async () => {
  // Rules the synthetic data never reaches, set on a few claims: an attribution made on behalf of the
  // publisher of the primary source two steps behind it, a primary source its agent authored, and UN
  // records for and against.
  const roots = `SELECT DISTINCT ON (a.id) a.id, a.claim_id, a.agent_id, s.id AS root, s.publisher_id FROM attribution a
      JOIN source_derivation d1 ON d1.derived_id = a.source_id JOIN source_derivation d2 ON d2.derived_id = d1.origin_id
      JOIN source s ON s.id = d2.origin_id
     WHERE NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = s.id) AND s.publisher_id <> a.agent_id
     ORDER BY a.id`;
  const onBehalf = await keys(`WITH behind AS (${roots} LIMIT 3)
    UPDATE attribution a SET on_behalf_of_id = behind.publisher_id FROM behind WHERE a.id = behind.id
    RETURNING (SELECT key FROM claim WHERE id = a.claim_id)`);
  const authored = await keys(`WITH behind AS (${roots} OFFSET 3 LIMIT 3)
    UPDATE source s SET author_id = behind.agent_id FROM behind WHERE s.id = behind.root
    RETURNING (SELECT key FROM claim WHERE id = behind.claim_id)`);
  const recorded = await keys(`INSERT INTO claim_unsc_record (claim_id, draft_id, stance)
    VALUES (3, 1, 'SUPPORTS'), (4, 1, 'SUPPORTS'), (4, 2, 'SUPPORTS'), (5, 1, 'REFUTES')
    RETURNING (SELECT key FROM claim WHERE id = claim_id)`);
  const picked = await keys(`
    (SELECT c.key FROM claim c JOIN attribution a ON a.claim_id = c.id JOIN source s ON s.publisher_id = a.agent_id
       JOIN source_derivation d ON d.origin_id = s.id WHERE d.derived_id = a.source_id LIMIT 5)
    UNION (SELECT c.key FROM claim c JOIN attribution a ON a.claim_id = c.id WHERE a.stance = 'REFUTES' LIMIT 5)
    UNION (SELECT c.key FROM claim c WHERE c.modality = 'HEDGED' AND (SELECT count(*) FROM attribution WHERE claim_id = c.id) > 1 LIMIT 5)
    UNION (SELECT c.key FROM claim c WHERE (SELECT count(DISTINCT source_id) FROM attribution WHERE claim_id = c.id) > 1 LIMIT 10)
    UNION (SELECT key FROM claim WHERE id BETWEEN 1 AND 40)`);
  expect(onBehalf).toHaveLength(3);
  expect(authored).toHaveLength(3);
  const answers = await bothAnswers(
    'corroboration',
    [data.probeClaim, ...onBehalf, ...authored, ...recorded, ...picked].map((probeClaim) => ({
      ...probe(),
      probeClaim,
    })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  // The probes reach origins found behind the carrying source, several origins, and most grades.
  const found = answers.map((a) => (a.service as Corroboration).claim.corroboration);
  expect(found.some((c) => c.documents > 1)).toBe(true);
  expect(found.some((c) => c.independentOrigins > 1)).toBe(true);
  expect(new Set(found.map((c) => c.suggestedCredibility)).size).toBeGreaterThanOrEqual(4);
});

test('the search baseline answers as the service', async () => {
  // The benchmark's term and its rare word alone, common words (more hits than a page, ties in score),
  // and an entity's number (its name and its alias match).
  const answers = await bothAnswers(
    'full-text search',
    [data.searchTerms, data.searchTerms.split(' ')[0]!, 'troops', 'briefing troops', '30'].map((searchTerms) => ({
      ...probe(),
      searchTerms,
    })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  expect(Math.max(...answers.map((a) => (a.service as Search).search.data.totalCount))).toBeGreaterThan(10);
});

test('the alignment baseline answers as the service', async () => {
  // The benchmark's pair of permanent members, and a pair that shared no decision (agreement null).
  const answers = await bothAnswers(
    'UNSC alignment',
    [data.pair, ['entity:e1', 'entity:e200'] as [string, string]].map((pair) => ({ ...probe(), pair })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  expect(answers[1]!.service).toEqual({ unscAlignment: { decisions: 0, identical: 0, agreement: null } });
});
