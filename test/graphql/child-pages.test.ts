import pg from 'pg';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// A record's children are paged in SQL: a page of entities with their first claims reads a page of
// claims per entity, however many claims an entity has. (Prisma pages a relation it loads for
// several parents in memory, so the statement behind this fetched every claim of every entity.)
const seeded = seededGraphQL();
// The resolvers' paging, which serves what the read compiler does not cover (test/compiled/ checks that
// the two answer alike), asked with the compiler off.
let resolvers: GraphQLClient;
const BULK = 300;
let busy: { id: number; key: string; claims: number };

beforeAll(async () => {
  resolvers = graphqlClient(seeded.db, { policy: { compiledReads: false } });
  const client = new pg.Client({ connectionString: seeded.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; key: string; claims: number }>(
      `SELECT e.id, e.key, (SELECT count(*)::int FROM claim c WHERE c.subject_id = e.id) AS claims
         FROM entity e WHERE e.merged_into_id IS NULL ORDER BY e.id LIMIT 1`,
    );
    busy = { ...rows[0]!, claims: rows[0]!.claims + BULK };
    await client.query(
      `INSERT INTO claim (key, subject_id, predicate, statement, value_kind, modality)
       SELECT 'claim:bulk-' || g, $1, 'mentions', 'Bulk claim ' || g, 'SOME_VALUE', 'ASSERTED' FROM generate_series(1, $2::int) g`,
      [busy.id, BULK],
    );
  } finally {
    await client.end();
  }
});

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  edges: { node: { key: string } }[];
};
type Entities = { entities: { edges: { node: { key: string; claimsAbout: Page } }[] } };

const entitiesWithClaims = (page: string) => /* GraphQL */ `{
  entities(first: 20) { edges { node { key claimsAbout(${page}) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { key } }
  } } } }
}`;

async function busyPage(page: string): Promise<Page> {
  const result = await resolvers<Entities>(entitiesWithClaims(page));
  expect(result.errors).toBeUndefined();
  return result.data!.entities.edges.find((e) => e.node.key === busy.key)!.node.claimsAbout;
}

/** The most rows any statement sent since `reset` returned, by EXPLAIN ANALYZE of each with its parameters. */
async function mostRowsReturned(): Promise<number> {
  const client = new pg.Client({ connectionString: seeded.db.url });
  await client.connect();
  try {
    let most = 0;
    for (const { sql, params } of seeded.db.queries) {
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Actual Rows': number } }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        params,
      );
      most = Math.max(most, rows[0]!['QUERY PLAN'][0].Plan['Actual Rows']);
    }
    return most;
  } finally {
    await client.end();
  }
}

test('a page of entities with their first claims reads a page of claims per entity, however many an entity has', async () => {
  seeded.db.queries.length = 0;
  const page = await busyPage('first: 2');
  expect(page.totalCount).toBe(busy.claims);
  expect(page.edges).toHaveLength(2);
  expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  // 21 entities (a page and one more to tell whether there is a next), then at most 3 claims for each of 20.
  expect(await mostRowsReturned()).toBeLessThanOrEqual(60);
});

test("pages through all of a busy entity's claims forwards and backwards, in id order, without gaps or repeats", async () => {
  const forwards: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await busyPage(after ? `first: 100, after: "${after}"` : 'first: 100');
    forwards.push(...page.edges.map((e) => e.node.key));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(forwards).toHaveLength(busy.claims);
  expect(new Set(forwards).size).toBe(busy.claims);
  expect(forwards.slice(-3)).toEqual([`claim:bulk-${BULK - 2}`, `claim:bulk-${BULK - 1}`, `claim:bulk-${BULK}`]);

  const last = await busyPage('last: 3');
  expect(last.edges.map((e) => e.node.key)).toEqual(forwards.slice(-3));
  expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  const before = await busyPage(`last: 2, before: "${last.pageInfo.startCursor}"`);
  expect(before.edges.map((e) => e.node.key)).toEqual(forwards.slice(-5, -3));
});

test("a page that shows only its records' key and display text is read by the page statement alone; one that selects more loads them once", async () => {
  const claimPages = async (fields: string) => {
    seeded.db.queries.length = 0;
    const result = await resolvers<{
      entities: { edges: { node: { claimsAbout: { edges: { node: Record<string, string> }[] } } }[] };
    }>(`{ entities(first: 20) { edges { node { claimsAbout(first: 3) { edges { node { ${fields} } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const loads = seeded.db.queries.filter(({ sql }) => /FROM "public"\."claim"/.test(sql)).length;
    return { loads, claims: result.data!.entities.edges.flatMap((e) => e.node.claimsAbout.edges.map((c) => c.node)) };
  };
  const shown = await claimPages('key statement');
  expect(shown.loads).toBe(0);
  const more = await claimPages('key statement predicate');
  expect(more.loads).toBe(1);
  expect(shown.claims.length).toBeGreaterThan(3); // more than one entity's page
  expect(shown.claims).toEqual(more.claims.map(({ key, statement }) => ({ key, statement })));
});

test('a page reads the shown columns of the to-one relations it asks no more of with its own statement, nulls included', async () => {
  type Node = Record<string, unknown>;
  const attributionPages = async (relations: string) => {
    seeded.db.queries.length = 0;
    const result = await resolvers<{ sources: { edges: { node: { attributions: { edges: { node: Node }[] } } }[] } }>(
      `{ sources(first: 50) { edges { node { attributions(first: 20) { edges { node { quotation ${relations} } } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const loads = seeded.db.queries.filter(({ sql }) =>
      /FROM "public"\."(attribution|source|entity|claim)" WHERE "public"/.test(sql),
    ).length;
    return {
      loads,
      attributions: result.data!.sources.edges.flatMap((e) => e.node.attributions.edges.map((a) => a.node)),
    };
  };
  const shown = await attributionPages(
    'source { key title } agent { key name } onBehalfOf { name } claim { statement }',
  );
  expect(shown.loads).toBe(0);
  const loaded = await attributionPages(
    'source { key title kind } agent { key name kind } onBehalfOf { name kind } claim { statement predicate }',
  );
  expect(loaded.loads).toBeGreaterThan(0);
  const strip = (value: unknown): unknown =>
    value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'kind' && k !== 'predicate')
            .map(([k, v]) => [k, strip(v)]),
        )
      : value;
  expect(shown.attributions).toEqual(loaded.attributions.map(strip));
  expect(shown.attributions.some((a) => a.onBehalfOf === null)).toBe(true);
  expect(shown.attributions.some((a) => a.onBehalfOf !== null)).toBe(true);
});

test('a cursor that is not one of ours is refused with a clear error', async () => {
  const result = await resolvers(entitiesWithClaims('first: 2, after: "bm90LWEtY3Vyc29y"'));
  expect(result.errors?.[0]?.message).toMatch(/Invalid cursor/);
});

test('every child connection lists, in id order and with its filters, what the tables say belongs to each parent', async () => {
  type List = { totalCount: number; edges: { node: Record<string, string> }[] };
  const result = await resolvers<{
    entities: { edges: { node: { key: string; statements: List; hedged: List; published: List } }[] };
    sources: { edges: { node: { key: string; attributions: List } }[] };
  }>(/* GraphQL */ `{
    entities(first: 100) { edges { node { key
      statements(first: 100, stance: SUPPORTS) { totalCount edges { node { quotation } } }
      hedged: statements(first: 100, modality: HEDGED) { totalCount edges { node { quotation } } }
      published(first: 100) { totalCount edges { node { key } } }
    } } }
    sources(first: 100) { edges { node { key attributions(first: 100) { totalCount edges { node { quotation } } } } } }
  }`);
  expect(result.errors).toBeUndefined();
  const client = new pg.Client({ connectionString: seeded.db.url });
  await client.connect();
  try {
    const grouped = async (sql: string) => {
      const byParent = new Map<string, string[]>();
      for (const row of (await client.query<{ parent: string; value: string }>(sql)).rows)
        byParent.set(row.parent, [...(byParent.get(row.parent) ?? []), row.value]);
      return (parent: string) => byParent.get(parent) ?? [];
    };
    const supports = await grouped(
      `SELECT e.key AS parent, a.quotation AS value FROM attribution a JOIN entity e ON e.id = a.agent_id WHERE a.stance = 'SUPPORTS' ORDER BY a.id`,
    );
    const hedged = await grouped(
      `SELECT e.key AS parent, a.quotation AS value FROM attribution a JOIN entity e ON e.id = a.agent_id JOIN claim c ON c.id = a.claim_id WHERE c.modality = 'HEDGED' ORDER BY a.id`,
    );
    const published = await grouped(
      `SELECT e.key AS parent, s.key AS value FROM source s JOIN entity e ON e.id = s.publisher_id ORDER BY s.id`,
    );
    const carried = await grouped(
      `SELECT s.key AS parent, a.quotation AS value FROM attribution a JOIN source s ON s.id = a.source_id ORDER BY a.id`,
    );
    const listed = (list: List, field: string) => list.edges.map((e) => e.node[field]);
    const entities = result.data!.entities.edges.map((e) => e.node);
    for (const entity of entities) {
      expect([entity.key, listed(entity.statements, 'quotation')]).toEqual([entity.key, supports(entity.key)]);
      expect([entity.key, listed(entity.hedged, 'quotation')]).toEqual([entity.key, hedged(entity.key)]);
      expect([entity.key, listed(entity.published, 'key')]).toEqual([entity.key, published(entity.key)]);
      expect(entity.statements.totalCount).toBe(supports(entity.key).length);
      expect(entity.hedged.totalCount).toBe(hedged(entity.key).length);
    }
    for (const { node: source } of result.data!.sources.edges) {
      expect([source.key, listed(source.attributions, 'quotation')]).toEqual([source.key, carried(source.key)]);
      expect(source.attributions.totalCount).toBe(carried(source.key).length);
    }
    // Each filter keeps some of an entity's statements and leaves some out, so the comparisons above mean something.
    const all = await grouped(
      `SELECT e.key AS parent, a.quotation AS value FROM attribution a JOIN entity e ON e.id = a.agent_id ORDER BY a.id`,
    );
    for (const kept of [supports, hedged])
      expect(entities.some((e) => kept(e.key).length > 0 && kept(e.key).length < all(e.key).length)).toBe(true);
    expect(entities.some((e) => e.published.totalCount > 0)).toBe(true);
  } finally {
    await client.end();
  }
});
