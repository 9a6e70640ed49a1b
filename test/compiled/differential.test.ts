import { Kind, parse } from 'graphql';
import { operations } from '../../src/bench/operations';
import { generate, load, scaleFor } from '../../src/bench/synthetic';
import { compile } from '../../src/compiled/compile';
import { createLogger } from '../../src/logger';
import { graphiqlExamples } from '../../src/server/graphiql-examples';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { COVERED, cursor, drafts, FALLING_BACK, isCompiled, type Shape } from './shapes';

// The compiled reads must answer exactly as the resolvers: every GraphiQL example, every benchmark
// operation and the shapes of shapes.ts, asked with the compiler on and off, give the same response
// body, key order included, against the seed and against synthetic data.

type Clients = { db: TestDatabase; on: GraphQLClient; off: GraphQLClient };
const seed = {} as Clients;
const synthetic = {} as Clients & { probe: Parameters<typeof operations>[0] };

const clients = (db: TestDatabase) => ({
  db,
  on: graphqlClient(db),
  off: graphqlClient(db, { policy: { compiledReads: false } }),
});

beforeAll(async () => {
  Object.assign(seed, clients(await createTestDatabase()));
  await loadSeedIfEmpty(seed.db.prisma, createLogger('silent'));
  const db = await createTestDatabase();
  const data = generate(scaleFor(2_000));
  await load(db.url, data.tables);
  // A merged entity among the first ten: lists leave it out, its key resolves to the survivor.
  await db.sql.$queryRaw`UPDATE entity SET merged_into_id = 1 WHERE id = 4`;
  // UN records the generator does not make: an agenda's alias, a meeting, sponsors, drafts that concern
  // the first entity, drafts not voted on (no date, no votes) and two voted on the same day.
  await db.sql.$queryRaw`INSERT INTO unsc_agenda_alias (agenda_id, name) VALUES (1, 'DPRK')`;
  await db.sql.$queryRaw`INSERT INTO unsc_meeting (id, record_symbol, date) VALUES (1, 'S/PV.1', '1946-06-02')`;
  await db.sql
    .$queryRaw`UPDATE unsc_draft SET meeting_id = 1, symbol = 'S/2022/431', submitted_at = '1946-05-30' WHERE id = 1`;
  await db.sql.$queryRaw`INSERT INTO unsc_draft_sponsor (draft_id, sponsor_id) VALUES (1, 3), (1, 2)`;
  await db.sql
    .$queryRaw`INSERT INTO unsc_draft_concern (draft_id, entity_id) SELECT id, 1 FROM unsc_draft WHERE id % 3 = 0`;
  // One statement: the Charter rules, checked at commit, hold again at its end.
  await db.sql.$queryRaw`WITH unvoted AS (DELETE FROM unsc_vote WHERE draft_id IN (5, 9))
    UPDATE unsc_draft SET vote_date = NULL, outcome = NULL, resolution_number = NULL WHERE id IN (5, 9)`;
  await db.sql
    .$queryRaw`UPDATE unsc_draft SET vote_date = (SELECT vote_date FROM unsc_draft WHERE id = 2) WHERE id = 8`;
  Object.assign(synthetic, clients(db), {
    probe: { chainHead: data.chainHead, probeClaim: data.probeClaim, pair: data.pair, searchTerms: data.searchTerms },
  });
}, 60_000);
afterAll(async () => {
  await seed.db.drop();
  await synthetic.db.drop();
});

/** The response body with the compiler on and off, and the statements each ran. */
async function both({ db, on, off }: Clients, query: string, variables?: Record<string, unknown>, name?: string) {
  db.queries.length = 0;
  const compiled = JSON.stringify(await on(query, variables, name));
  const onStatements = db.queries.length;
  const compiledRan = db.queries.some((q) => isCompiled(q.sql));
  db.queries.length = 0;
  const resolved = JSON.stringify(await off(query, variables, name));
  return { compiled, resolved, onStatements, compiledRan };
}

const exampleNames = parse(graphiqlExamples).definitions.flatMap((d) =>
  d.kind === Kind.OPERATION_DEFINITION ? [d.name!.value] : [],
);

test.each(exampleNames)('the GraphiQL example %s answers the same with the compiler on and off', async (name) => {
  const { compiled, resolved } = await both(seed, graphiqlExamples, undefined, name);
  expect(compiled).toEqual(resolved);
  expect(JSON.parse(compiled).errors).toBeUndefined();
});

test('every benchmark operation answers the same with the compiler on and off', async () => {
  for (const op of operations(synthetic.probe)) {
    const { compiled, resolved } = await both(synthetic, op.graphql, op.variables);
    expect(compiled).toEqual(resolved);
    expect(JSON.parse(compiled).errors).toBeUndefined();
  }
});

const keys = async ({ on }: Clients) => {
  const { data } = await on<{
    entities: { edges: { node: { key: string } }[] };
    claims: { edges: { node: { key: string } }[] };
    sources: { edges: { node: { key: string } }[] };
  }>(
    '{ entities(first: 1) { edges { node { key } } } claims(first: 1) { edges { node { key } } } sources(first: 1) { edges { node { key } } } }',
  );
  return {
    entity: data!.entities.edges[0]!.node.key,
    claim: data!.claims.edges[0]!.node.key,
    source: data!.sources.edges[0]!.node.key,
  };
};

describe.each([
  ['the seed', seed],
  ['synthetic data', synthetic],
])('against %s', (_data, target) => {
  test.each([...COVERED, ...FALLING_BACK].map((s) => [s.name, s] as [string, Shape]))(
    '%s answers the same with the compiler on and off',
    async (_name, shape) => {
      const variables = { ...(await keys(target)), ...shape.variables };
      const { compiled, resolved, onStatements, compiledRan } = await both(target, shape.query, variables);
      expect(compiled).toEqual(resolved);
      // Covered: the compiled statement alone; falling back: the resolvers' statements, none compiled.
      expect({ errors: JSON.parse(compiled).errors, compiledRan }).toEqual({
        errors: undefined,
        compiledRan: shape.covered,
      });
      expect(shape.covered ? onStatements : 1).toBe(1);
    },
  );

  test('every claim with a chain has the same provenance at every depth, in one statement', async () => {
    const chained = await target.db.sql.$queryRaw<{ key: string }[]>`
      SELECT c.key FROM claim c WHERE EXISTS (SELECT 1 FROM statement_derivation d WHERE d.claim_id = c.id)
       ORDER BY c.id LIMIT 25`;
    expect(chained.length).toBeGreaterThan(0);
    const query = `query ($claim: String!, $depth: Int) { claim(key: $claim) { provenance(depth: $depth) { ... on ClaimProvenance {
      depth derivations { hops kind statement { quotation } originStatement { quotation } derived { key } origin { key } }
      primarySources { key } truncated { key } } } } }`;
    for (const { key } of chained)
      for (const depth of [1, 2, 3, 12, null]) {
        const { compiled, resolved, onStatements, compiledRan } = await both(target, query, { claim: key, depth });
        expect(compiled).toEqual(resolved);
        expect({ onStatements, compiledRan }).toEqual({ onStatements: 1, compiledRan: true });
      }
  });

  test('members’ alignments are the same, in one statement', async () => {
    const pairs = await target.db.sql.$queryRaw<{ a: string; b: string }[]>`
      SELECT ea.key AS a, eb.key AS b FROM (SELECT DISTINCT member_id FROM unsc_vote ORDER BY member_id LIMIT 4) x
        JOIN (SELECT DISTINCT member_id FROM unsc_vote ORDER BY member_id DESC LIMIT 3) y ON true
        JOIN entity ea ON ea.id = x.member_id JOIN entity eb ON eb.id = y.member_id`;
    expect(pairs.length).toBeGreaterThan(0);
    const query = `query ($a: String!, $b: String!) { unscAlignment(a: $a, b: $b) {
      ... on UnscAlignment { decisions identical agreement a { key } } } }`;
    for (const pair of pairs) {
      const { compiled, resolved, onStatements } = await both(target, query, pair);
      expect(compiled).toEqual(resolved);
      expect(onStatements).toBe(1);
    }
  });

  test('searches find the same, in the same order, in one statement: full and partial matches, phrases, exclusions', async () => {
    const query = `query ($q: String!) { search(query: $q, first: 20) { ... on SearchConnection { totalCount
      edges { score headline node { __typename ... on Claim { key } ... on Attribution { quotation } ... on Source { key }
        ... on Entity { key name } ... on UnscDraft { key } } } } } }`;
    for (const q of [
      'troops',
      '  Korean troops Russia  ',
      '"North Korea" -sanctions',
      'troops OR missile',
      'kb16x troops',
      'zzzzqq troops',
      '1718',
      'S/RES/1718',
    ]) {
      const { compiled, resolved, onStatements, compiledRan } = await both(target, query, { q });
      expect(compiled).toEqual(resolved);
      expect({ onStatements, compiledRan }).toEqual({ onStatements: 1, compiledRan: true });
    }
  });

  test('a merged entity key resolves to its survivor, as the resolvers say', async () => {
    const merged = (
      await target.db.sql.$queryRaw<{ key: string }[]>`SELECT key FROM entity WHERE merged_into_id IS NOT NULL LIMIT 1`
    )[0];
    const query =
      'query ($key: String!) { entity(key: $key) { key name claimsAbout(first: 2) { edges { node { key } } } } }';
    const { compiled, resolved, onStatements } = await both(target, query, { key: merged?.key ?? 'entity:none' });
    expect(compiled).toEqual(resolved);
    expect(onStatements).toBe(1);
  });
});

test('the compiler says which shapes it covers and why the others fall back', () => {
  for (const shape of COVERED) expect(compile(parse(shape.query))).not.toHaveProperty('uncovered');
  for (const shape of FALLING_BACK) expect(compile(parse(shape.query))).toEqual({ uncovered: shape.why });
});

test('refused arguments get the resolvers’ errors', async () => {
  for (const [query, variables] of [
    ['{ entities(first: 101) { edges { node { key } } } }', {}],
    ['query ($a: String) { entities(first: 2, after: $a) { edges { node { key } } } }', { a: 'not a cursor' }],
    ['query ($n: Int!) { entities(first: $n) { edges { node { key } } } }', { n: 'ten' }],
    [
      '{ entities(first: 100) { edges { node { claimsAbout(first: 100) { edges { node { attributions(first: 100) { edges { node { quotation } } } } } } } } } }',
      {},
    ],
  ] as const) {
    const { compiled, resolved } = await both(seed, query, variables);
    expect(compiled).toEqual(resolved);
    expect(JSON.parse(compiled).errors).toBeDefined();
  }
});

test('arguments the resolvers answer with a typed error go to them: an unknown agenda or entity, a year or page out of range', async () => {
  for (const variables of [
    { agenda: 'no such agenda' },
    { agenda: '' },
    { concerning: 'entity:none' },
    { concerning: '' },
    { agenda: 'DPRK', concerning: 'entity:none' },
    { year: 1900 },
    { first: 101 },
  ]) {
    const { compiled, resolved } = await both(seed, drafts, variables);
    expect(compiled).toEqual(resolved);
    expect(JSON.parse(compiled).data.unscDrafts.__typename).toMatch(/^(NotFoundError|InputValidationError)$/);
  }
});

test('root connections after a cursor of a row they do not list page as the resolvers do', async () => {
  const [ids] = await synthetic.db.sql.$queryRaw<{ person: number; other: number; listed: number; unlisted: number }[]>`
    SELECT (SELECT min(id) FROM entity WHERE kind = 'PERSON') AS person,
           (SELECT min(id) FROM entity WHERE kind <> 'PERSON') AS other,
           (SELECT id FROM unsc_draft WHERE agenda_id = 1 ORDER BY vote_date, id LIMIT 1) AS listed,
           (SELECT id FROM unsc_draft WHERE agenda_id <> 1 ORDER BY vote_date, id LIMIT 1) AS unlisted`;
  const query = /* GraphQL */ `
    query ($person: String, $other: String, $merged: String, $listed: String, $unlisted: String) {
      person: entities(first: 2, kind: PERSON, after: $person) { pageInfo { hasPreviousPage } edges { node { key } } }
      other: entities(first: 2, kind: PERSON, after: $other) { pageInfo { hasPreviousPage } edges { node { key } } }
      merged: entities(first: 2, after: $merged) { edges { node { key } } }
      listed: unscDrafts(first: 2, agenda: "DPRK", after: $listed) { ... on UnscDraftConnection { edges { node { key } } } }
      unlisted: unscDrafts(first: 2, agenda: "DPRK", after: $unlisted) { ... on UnscDraftConnection { edges { node { key } } } }
    }`;
  const { person, other, listed, unlisted } = ids!;
  const variables = {
    person: cursor(person),
    other: cursor(other),
    merged: cursor(4),
    listed: cursor(listed),
    unlisted: cursor(unlisted),
  };
  const { compiled, resolved, onStatements } = await both(synthetic, query, variables);
  expect(compiled).toEqual(resolved);
  expect(onStatements).toBe(1);
  // The Prisma plugin's connections page after any row's id; unscDrafts, after one it lists.
  const { data } = JSON.parse(compiled);
  expect([data.other.edges.length, data.merged.edges.length, data.listed.edges.length]).toEqual([2, 2, 2]);
  expect(data.unlisted.edges).toEqual([]);
});

test('an analysis answer the resolvers refuse is theirs: a short query, one with nothing to find, a depth out of range, an unknown member', async () => {
  const provenance =
    'query ($d: Int) { claims(first: 2) { edges { node { provenance(depth: $d) { __typename ... on InputValidationError { message issues { path message } } } } } } }';
  const alignment =
    'query ($a: String!, $b: String!) { unscAlignment(a: $a, b: $b) { __typename ... on NotFoundError { message } ... on UnscAlignment { decisions } } }';
  const search = 'query ($q: String!) { search(query: $q) { __typename ... on SearchConnection { totalCount } } }';
  for (const [query, variables, typename] of [
    [search, { q: ' a ' }, 'InputValidationError'],
    [search, { q: '-troops' }, 'SearchConnection'],
    [provenance, { d: 0 }, 'InputValidationError'],
    [provenance, { d: 51 }, 'InputValidationError'],
    [alignment, { a: 'entity:russia', b: 'entity:none' }, 'NotFoundError'],
    [alignment, { a: 'entity:none', b: 'entity:china' }, 'NotFoundError'],
  ] as const) {
    const { compiled, resolved, compiledRan } = await both(seed, query, variables);
    expect(compiled).toEqual(resolved);
    expect(compiled).toContain(`"__typename":"${typename}"`);
    // A query or depth is refused before the statement; an unknown member fails its check in it.
    expect(compiledRan).toBe(query === alignment);
  }
});

test('an unknown entity key is null, without an error, from the resolvers too', async () => {
  const result = await seed.off('{ entity(key: "entity:none") { key } }');
  expect(result).toEqual({ data: { entity: null } });
});
