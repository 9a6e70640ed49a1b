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
type Search = { search: { totalCount: number } };

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
  // Claims whose first statement repeats their second, or a source as a whole; and a claim whose two
  // statements are made to repeat each other (a cycle: no latest statement to start from).
  const repeating =
    await keys(`SELECT DISTINCT c.key, c.id FROM claim c JOIN statement_derivation d ON d.claim_id = c.id
      WHERE d.origin_attribution_id IS NOT NULL AND c.id > 1 ORDER BY c.id LIMIT 5`);
  const wholeSource =
    await keys(`SELECT DISTINCT c.key, c.id FROM claim c JOIN statement_derivation d ON d.claim_id = c.id
      WHERE d.origin_source_id IS NOT NULL ORDER BY c.id LIMIT 5`);
  const cycle = await keys(`INSERT INTO statement_derivation (claim_id, attribution_id, origin_attribution_id, kind)
      SELECT claim_id, origin_attribution_id, attribution_id, 'CITES' FROM statement_derivation
       WHERE origin_attribution_id IS NOT NULL AND claim_id > 1 ORDER BY id DESC LIMIT 1
      RETURNING (SELECT key FROM claim WHERE id = claim_id)`);
  const plain =
    await keys(`SELECT c.key FROM claim c WHERE NOT EXISTS (SELECT 1 FROM statement_derivation WHERE claim_id = c.id)
      ORDER BY c.id LIMIT 2`);
  expect(repeating.length * wholeSource.length * cycle.length).toBeGreaterThan(0);
  const answers = await bothAnswers(
    'provenance chain (11 hops)',
    [data.chainHead, ...repeating, ...wholeSource, ...cycle, ...plain].map((chainHead) => ({ ...probe(), chainHead })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  expect((answers[0]!.service as Provenance).claim.provenance.derivations).toHaveLength(11);
});

test('the corroboration baseline answers as the service', async () => {
  // Rules the synthetic data never reaches, set on claims whose two statements repeat neither: their
  // agents one part of the other, both acting for a third, a relation no longer in force when the
  // statement was published, and one asserted independent; and UN records of every grade.
  const pairs = (
    await client.query<{ key: string; a: number; b: number; source: number }>(`
      SELECT c.key, a1.agent_id AS a, a2.agent_id AS b, a1.source_id AS source FROM claim c
        JOIN attribution a1 ON a1.claim_id = c.id JOIN attribution a2 ON a2.claim_id = c.id AND a2.id > a1.id
       WHERE a1.agent_id <> a2.agent_id AND a1.stance = 'SUPPORTS' AND a2.stance = 'SUPPORTS'
         AND NOT EXISTS (SELECT 1 FROM statement_derivation WHERE claim_id = c.id)
       ORDER BY c.id LIMIT 4`)
  ).rows;
  expect(pairs).toHaveLength(4);
  const [partOf, sharedBody, expired, independent] = pairs as [(typeof pairs)[number], ...typeof pairs];
  const body = (await client.query<{ id: number }>('SELECT max(id) AS id FROM entity')).rows[0]!.id;
  await client.query(
    `INSERT INTO entity_role (holder_id, organisation_id, title, relation, independent, valid_to) VALUES
       ($1, $2, 'probe part', 'PART_OF', false, NULL), ($3, $9, 'probe minister', 'ACTS_FOR', false, NULL),
       ($4, $9, 'probe agency', 'PART_OF', false, NULL), ($5, $6, 'probe former', 'ACTS_FOR', false, DATE '2001-01-01'),
       ($7, $8, 'probe watchdog', 'PART_OF', true, NULL)`,
    [partOf.a, partOf.b, sharedBody!.a, sharedBody!.b, expired!.a, expired!.b, independent!.a, independent!.b, body],
  );
  await client.query("UPDATE source SET published_at = '2024-06-01T00:00:00Z' WHERE id = $1", [expired!.source]);
  const recorded = await keys(`INSERT INTO claim_unsc_record (claim_id, draft_id, support) VALUES
      (3, 1, 'SUPPORTS'), (4, 1, 'SUPPORTS'), (4, 2, 'SUPPORTS'), (5, 1, 'CONTRADICTS'), (6, 1, 'PARTLY_SUPPORTS'), (6, 2, 'CONTEXT')
    RETURNING (SELECT key FROM claim WHERE id = claim_id)`);
  const picked = await keys(`
    (SELECT c.key FROM claim c JOIN statement_derivation d ON d.claim_id = c.id WHERE d.origin_source_id IS NOT NULL LIMIT 5)
    UNION (SELECT c.key FROM claim c JOIN statement_derivation d ON d.claim_id = c.id WHERE d.origin_attribution_id IS NOT NULL LIMIT 5)
    UNION (SELECT c.key FROM claim c JOIN attribution a ON a.claim_id = c.id WHERE a.stance = 'REFUTES' LIMIT 5)
    UNION (SELECT c.key FROM claim c WHERE c.modality = 'HEDGED' AND (SELECT count(*) FROM attribution WHERE claim_id = c.id) > 1 LIMIT 5)
    UNION (SELECT key FROM claim WHERE id BETWEEN 1 AND 40)`);
  const answers = await bothAnswers(
    'corroboration',
    [data.probeClaim, ...pairs.map((p) => p.key), ...recorded, ...picked].map((probeClaim) => ({
      ...probe(),
      probeClaim,
    })),
  );
  for (const { service, baseline } of answers) expect(baseline).toEqual(service);
  // The relations join the first two pairs and leave the other two apart.
  const origins = answers.slice(1, 5).map((a) => (a.service as Corroboration).claim.corroboration.independentOrigins);
  expect(origins).toEqual([1, 1, 2, 2]);
  // The probes reach several documents, several origins, and most grades.
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
  expect(Math.max(...answers.map((a) => (a.service as Search).search.totalCount))).toBeGreaterThan(10);
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

test('the baselines leave retracted statements and statement derivations out, as the service does', async () => {
  // Last: PostGraphile, compared above, reads the tables as they are.
  const derived = await keys(`SELECT DISTINCT c.key, c.id FROM claim c JOIN statement_derivation d ON d.claim_id = c.id
      WHERE c.id > 1 ORDER BY c.id LIMIT 6`);
  await client.query(
    `UPDATE attribution SET retracted_at = now(), retracted_by = 'test', retraction_reason = 'probe'
      WHERE id IN (SELECT a.id FROM attribution a JOIN claim c ON c.id = a.claim_id WHERE c.key = ANY($1) ORDER BY a.id DESC LIMIT 3)
         OR id IN (SELECT min(a.id) FROM attribution a JOIN claim c ON c.id = a.claim_id WHERE c.subject_id <= 12 GROUP BY c.subject_id)`,
    [[data.chainHead, data.probeClaim, ...derived.slice(0, 3)]],
  );
  await client.query(
    `UPDATE statement_derivation SET retracted_at = now(), retracted_by = 'test', retraction_reason = 'probe'
      WHERE id IN (SELECT min(d.id) FROM statement_derivation d JOIN claim c ON c.id = d.claim_id WHERE c.key = ANY($1) GROUP BY d.claim_id)`,
    [derived.slice(3)],
  );
  const [nested] = await bothAnswers('nested entity -> claims -> attributions -> source', [probe()]);
  expect(nested!.baseline).toEqual(nested!.service);
  const chains = await bothAnswers(
    'provenance chain (11 hops)',
    [data.chainHead, ...derived].map((chainHead) => ({ ...probe(), chainHead })),
  );
  for (const { service, baseline } of chains) expect(baseline).toEqual(service);
  expect((chains[0]!.service as Provenance).claim.provenance.derivations.length).toBeLessThan(11);
  const corroborations = await bothAnswers(
    'corroboration',
    [data.probeClaim, ...derived].map((probeClaim) => ({ ...probe(), probeClaim })),
  );
  for (const { service, baseline } of corroborations) expect(baseline).toEqual(service);
});

const DASHBOARD = ['claim summary (whole-table aggregate)', 'source scorecards (page of 50)'];
type Summary = {
  claimSummary: { claims: number; noOrigin: number; severalOrigins: number; byModalityAndRank: unknown[] };
};
type Scorecards = {
  sources: { edges: { node: { scorecard: { soleOrigin: number; supporting: number; contradicting: number } } }[] };
};

test('the dashboard figures’ baselines answer as the service, over retracted statements and every rank', async () => {
  // Last, so that the figures count over what the tests above left: retractions, relations, UN records.
  const summary = async () => {
    const [answer] = await bothAnswers(DASHBOARD[0]!, [probe()]);
    expect(answer!.baseline).toEqual(answer!.service);
    return (answer!.service as Summary).claimSummary;
  };
  expect((await summary()).claims).toBe(2_000);
  await client.query(`UPDATE claim SET rank = 'DEPRECATED', deprecation_reason = 'probe' WHERE id % 7 = 0`);
  await client.query(`UPDATE claim SET rank = 'PREFERRED' WHERE id % 11 = 0 AND id % 7 <> 0`);
  await client.query(`UPDATE claim SET modality = 'DENIED' WHERE id % 13 = 0`);
  const ranked = await summary();
  expect(ranked.byModalityAndRank.length).toBeGreaterThanOrEqual(10);
  expect(ranked.noOrigin).toBeGreaterThan(0);
  expect(ranked.severalOrigins).toBeGreaterThan(0);

  const [page] = await bothAnswers(DASHBOARD[1]!, [probe()]);
  expect(page!.baseline).toEqual(page!.service);
  const cards = (page!.service as Scorecards).sources.edges.map((e) => e.node.scorecard);
  expect(cards).toHaveLength(50);
  for (const figure of ['soleOrigin', 'supporting', 'contradicting'] as const)
    expect(cards.some((c) => c[figure] > 0)).toBe(true);
});

test('the dashboard figures’ baselines answer as the service over an empty knowledge base', async () => {
  const empty = await createTestDatabase();
  const emptyClient = new pg.Client({ connectionString: empty.url });
  await emptyClient.connect();
  try {
    const ask = graphqlClient(empty);
    const answers = [];
    for (const name of DASHBOARD) {
      const op = operations(probe()).find((o) => o.name === name)!;
      const service = await ask(op.graphql, op.variables);
      expect(service.errors).toBeUndefined();
      const baseline = (await emptyClient.query<{ data: unknown }>(op.sql, op.params)).rows[0]!.data;
      expect(baseline).toEqual(service.data);
      answers.push(service.data);
    }
    expect(answers).toEqual([
      {
        claimSummary: {
          claims: 0,
          noOrigin: 0,
          oneOrigin: 0,
          severalOrigins: 0,
          oneOriginShare: null,
          byModalityAndRank: [],
        },
      },
      { sources: { edges: [] } },
    ]);
  } finally {
    await emptyClient.end();
    await empty.drop();
  }
});
