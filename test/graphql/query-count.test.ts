import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Statements per operation must depend on the shape of the query, never on the number of rows.
const seeded = seededGraphQL();

async function statementsFor(query: string, variables: Record<string, unknown>, gql = seeded.gql) {
  seeded.db.queries.length = 0;
  const result = await gql(query, variables);
  expect(result.errors).toBeUndefined();
  return { statements: [...seeded.db.queries], data: result.data };
}

const nested = /* GraphQL */ `
  query Nested($first: Int!) {
    entities(first: $first) {
      edges { node {
        name
        aliases { name }
        roles { title organisation { name } }
        claimsAbout(first: 10) {
          totalCount
          edges { node {
            statement
            value { __typename ... on EntityValue { entity { name } } ... on QuantityValue { amount unit } }
            attributions(first: 5) { edges { node { quotation span { start end } agent { name } source { title publisher { name } } } } }
          } }
        }
      } }
    }
  }`;

test('entities -> claims -> attributions -> source costs the same statements for 1 entity as for 40', async () => {
  const few = await statementsFor(nested, { first: 1 });
  const many = await statementsFor(nested, { first: 40 });
  const claimsSeen = (data: unknown) => JSON.stringify(data).match(/"statement"/g)?.length ?? 0;
  expect(claimsSeen(many.data)).toBeGreaterThan(claimsSeen(few.data));
  expect(many.statements.length).toBe(few.statements.length);
  expect(many.statements.length).toBeLessThanOrEqual(16);
});

test('UNSC drafts with votes, members, sponsors and tallies cost the same statements for 2 drafts as for 11', async () => {
  const query = `query($first: Int!) { unscDrafts(first: $first, agenda: "DPRK") { ... on UnscDraftConnection { edges { node {
    symbol outcome tally { yes no } sponsors { name } meeting { recordSymbol } agenda { key aliases }
    votes { vote draft { symbol } member { name identifiers { value } } }
    claims { support note claim { statement } }
  } } } } }`;
  const few = await statementsFor(query, { first: 2 });
  const many = await statementsFor(query, { first: 11 });
  expect(many.statements.length).toBe(few.statements.length);
});

test('provenance, corroboration and tensions cost the same statements for 4 claims as for all 34', async () => {
  const query = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim {
    statement
    provenance { ... on ClaimProvenance {
      attributions { quotation wording agent { name } onBehalfOf { name } source { title } derivedFrom { kind originStatement { quotation } originSource { key } } }
      derivations { hops kind statement { quotation agent { name } } originStatement { agent { name } } derived { key } origin { key publisher { name } } }
      documentDerivations { hops kind derived { key } origin { key } }
      primarySources { key reliability { grade } }
      provJson
    } }
    corroboration { independentOrigins documents suggestedCredibility curatedCredibility
      origins { source { key } statement { quotation } unscRecord { symbol } agents { name } attributions { quotation } }
      groups { joinedBecause origins { source { key } } }
      partialSupport { unscRecord { symbol } note } }
    tensions { kind claim { key } other { key } assertedBy { name } disputedBy { name } }
  } } }`;
  type Claims = {
    claims: { edges: { node: { id: string; key: string } }[] };
    tensions: { edges: { node: { claim: { key: string } } }[] };
  };
  const listed = (
    await seeded.gql(
      '{ claims(first: 50) { edges { node { id key } } } tensions { ... on TensionConnection { edges { node { claim { key } } } } } }',
    )
  ).data as Claims;
  const ids = new Map(listed.claims.edges.map(({ node }) => [node.key, node.id]));
  // Few, but reaching every type the query asks for: the claims backed by UN records, one in tension,
  // and one whose origins are joined.
  const fewKeys = [
    'claim:russia-blocked-unsc-sanctions',
    'claim:china-blocked-unsc-sanctions',
    listed.tensions.edges[0]!.node.claim.key,
    'claim:choe-visit-may-discuss-more-troops',
  ];
  const few = await statementsFor(query, { ids: fewKeys.map((key) => ids.get(key)) });
  expect(JSON.stringify(few.data)).toContain('"unscRecord":{"symbol"');
  expect(JSON.stringify(few.data)).toContain('"disputedBy":[{"name"');
  expect(JSON.stringify(few.data)).toContain('"joinedBecause":["National Intelligence Service');
  expect(JSON.stringify(few.data)).toContain('"originStatement":{"agent"');
  const many = await statementsFor(query, { ids: [...ids.values()] });
  expect(JSON.stringify(many.data).length).toBeGreaterThan(JSON.stringify(few.data).length * 5);
  expect(many.statements.length).toBe(few.statements.length);
});

const KINDS = ['Claim', 'Attribution', 'UnscDraft', 'Entity', 'Source'];

test('search, timeline and vetoes cost the same statements for a page of 2 as for a page of 20', async () => {
  // One search per kind of record, so that a page of 2 reaches every kind as a page of 20 does.
  const search = (
    kind: string,
  ) => `${kind}: search(query: "Korea", types: [${kind.replace(/(?<=.)(?=[A-Z])/g, '_').toUpperCase()}], first: $first) { ... on SearchConnection { totalCount edges { score node {
      __typename ... on Claim { statement subject { name } } ... on Attribution { quotation agent { name } } ... on Source { title publisher { name } } ... on Entity { name aliases { name } }
      ... on UnscDraft { symbol agenda { name } votes { vote } }
    } } } }`;
  const query = `query($first: Int!) {
    ${KINDS.map(search).join('\n    ')}
    timeline(entity: "entity:north-korea", first: $first) { ... on TimelineConnection { edges { node { at unscDecision { symbol votes { vote member { name } } } } } } }
    unscVetoes(first: $first) { ... on UnscVetoConnection { edges { node { member { name } draft { symbol tally { yes } } } } } }
  }`;
  const few = await statementsFor(query, { first: 2 });
  for (const kind of KINDS) expect(JSON.stringify(few.data)).toContain(`"__typename":"${kind}"`);
  const many = await statementsFor(query, { first: 20 });
  expect(JSON.stringify(many.data).length).toBeGreaterThan(JSON.stringify(few.data).length * 2);
  expect(many.statements.length).toBe(few.statements.length);
});

// The resolvers' path, which serves what the read compiler does not cover (src/compiled/ answers these
// shapes in one statement; test/compiled/ compares the two).
const resolvers = () => graphqlClient(seeded.db, { policy: { compiledReads: false } });

test("a provenance answers its sources from the walk's rows when they select only what the walk holds, and loads the rest once per selection", async () => {
  const provenance = async (selection: string) => {
    const { statements, data } = await statementsFor(
      `query($key: String!) { claim(key: $key) { provenance { ... on ClaimProvenance {
        derivations { derived ${selection} origin ${selection} } primarySources ${selection} truncated ${selection}
      } } } }`,
      { key: 'claim:north-korea-sent-10000-troops-to-russia' },
      resolvers(),
    );
    expect(JSON.stringify(data)).toContain('"primarySources":[{"key"');
    return { data, sourceStatements: statements.filter(({ sql }) => /FROM "public"\."source"/.test(sql)).length };
  };
  const held = await provenance('{ key title }');
  expect(held.sourceStatements).toBe(0);
  const loaded = await provenance('{ key title kind }');
  expect(loaded.sourceStatements).toBe(1);
  // The walk's rows say what the table says.
  const withoutKind = JSON.parse(JSON.stringify(loaded.data), (k, v) => (k === 'kind' ? undefined : v));
  expect(held.data).toEqual(withoutKind);
  expect(JSON.stringify(loaded.data)).toMatch(/"kind":"[A-Z_]+"/);
  // Fields that select the same of their sources share one statement; a field that selects more has its own.
  const mixed = await statementsFor(
    `query($key: String!) { claim(key: $key) { provenance { ... on ClaimProvenance {
      derivations { derived { key url } origin { key url } } primarySources { key publishedAt } truncated { key }
    } } } }`,
    { key: 'claim:north-korea-sent-10000-troops-to-russia' },
    resolvers(),
  );
  expect(mixed.statements.filter(({ sql }) => /FROM "public"\."source"/.test(sql))).toHaveLength(2);
});

test("a search answers its hits' key and display text from its own statement, and loads a kind of record once when asked more of it", async () => {
  const hits = async (more: string) => {
    const { statements, data } = await statementsFor(
      `{ search(query: "Korea", first: 100) { ... on SearchConnection { edges { score node { __typename
        ... on Claim { key statement ${more} } ... on Attribution { quotation } ... on Source { key title } ... on Entity { key name }
        ... on UnscDraft { key symbol title }
      } } } } }`,
      {},
      resolvers(),
    );
    return { statements, data };
  };
  const held = await hits('');
  for (const kind of KINDS) expect(JSON.stringify(held.data)).toContain(`"__typename":"${kind}"`);
  expect(held.statements).toHaveLength(1);
  const loaded = await hits('modality');
  expect(loaded.statements).toHaveLength(2);
  expect(loaded.statements[1]!.sql).toMatch(/FROM "public"\."claim"/);
  // The search's own rows say what the tables say.
  expect(JSON.stringify(loaded.data)).toMatch(/"modality":"[A-Z]+"/);
  expect(held.data).toEqual(JSON.parse(JSON.stringify(loaded.data), (k, v) => (k === 'modality' ? undefined : v)));
});

test('a claim or source asked by key for its shown columns only is read by one plain statement, with what Prisma reads for a wider query', async () => {
  for (const [field, key, wider] of [
    ['claim', 'claim:north-korea-sent-10000-troops-to-russia', 'modality'],
    ['source', 'source:seed-article', 'language'],
  ] as const) {
    const ask = (selection: string, at: string = key) =>
      statementsFor(`query($key: String!) { ${field}(key: $key) { ${selection} } }`, { key: at }, resolvers());
    const shown = await ask('id key');
    expect(shown.statements).toHaveLength(1);
    expect(shown.statements[0]!.sql).toMatch(new RegExp(`^SELECT .* FROM "${field}" WHERE "key" = \\$1$`));
    const loaded = await ask(`id key ${wider}`);
    expect(loaded.statements).toHaveLength(1);
    expect(loaded.statements[0]!.sql).toMatch(new RegExp(`FROM "public"\\."${field}"`));
    expect(loaded.data).toEqual({
      [field]: { ...(shown.data as Record<string, object>)[field], [wider]: expect.any(String) },
    });
    expect((await ask('id key', `${field}:no-such-record`)).data).toEqual({ [field]: null });
  }
});

test("an entity's statements, its own or all made on its behalf, cost the same statements for 1 entity as for 20", async () => {
  const query = `query($first: Int!) { entities(first: $first) { edges { node { name
    own: statements(first: 5, wording: OWN_WORDS) { totalCount edges { node { quotation agent { name } } } }
    forIt: statements(first: 5, onItsBehalf: true) { totalCount edges { node { quotation agent { name } source { title } } } }
  } } } }`;
  const few = await statementsFor(query, { first: 1 });
  const many = await statementsFor(query, { first: 20 });
  expect(JSON.stringify(many.data)).toContain('"agent":{"name":"National Intelligence Service"}');
  expect(many.statements.length).toBe(few.statements.length);
});

test('a credibility review costs the same statements for a page of 2 as for a page of 20', async () => {
  const query = `query($first: Int!) { credibilityReview(first: $first, disagreeingOnly: false) {
    totalCount edges { curatedCredibility suggestedCredibility node { key subject { name } } }
  } }`;
  const few = await statementsFor(query, { first: 2 });
  const many = await statementsFor(query, { first: 20 });
  expect((many.data as any).credibilityReview.edges.length).toBeGreaterThan(
    (few.data as any).credibilityReview.edges.length,
  );
  expect(many.statements.length).toBe(few.statements.length);
});
