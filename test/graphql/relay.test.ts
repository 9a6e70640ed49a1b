import { seededGraphQL } from '../helpers/seeded';

const seeded = seededGraphQL();

test('every type refetches through node() and nodes() by its global ID', async () => {
  type Page = { edges: { node: { id: string; __typename: string } }[] };
  const { data } = await seeded.gql<Record<string, Page>>(`{
    entities(first: 1) { edges { node { id __typename } } }
    sources(first: 1) { edges { node { id __typename } } }
    claims(first: 1) { edges { node { id __typename } } }
    attributions(first: 1) { edges { node { id __typename } } }
    unscDrafts(first: 1) { ... on UnscDraftConnection { edges { node { id __typename } } } }
    unscAgendas(first: 1) { edges { node { id __typename } } }
  }`);
  const nodes = Object.values(data!).map((c) => c.edges[0]!.node);
  expect(nodes.map((n) => n.__typename)).toEqual([
    'Entity',
    'Source',
    'Claim',
    'Attribution',
    'UnscDraft',
    'UnscAgenda',
  ]);
  const refetched = await seeded.gql<{ nodes: { id: string; __typename: string }[] }>(
    'query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }',
    {
      ids: nodes.map((n) => n.id),
    },
  );
  expect(refetched.data!.nodes).toEqual(nodes);
  const one = await seeded.gql<{ node: { name: string } }>(
    'query($id: ID!) { node(id: $id) { ... on Entity { name } } }',
    { id: nodes[0]!.id },
  );
  expect(one.data!.node.name).toBe("Democratic People's Republic of Korea");
});

test('connections page forward with cursors and report the total count', async () => {
  const page = (after?: string) =>
    seeded.gql<{
      claims: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { key: string } }[];
      };
    }>(
      'query($after: String) { claims(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } }',
      { after },
    );
  const keys: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { claims } = (await page(cursor)).data!;
    keys.push(...claims.edges.map((e) => e.node.key));
    if (!claims.pageInfo.hasNextPage) break;
    cursor = claims.pageInfo.endCursor;
  }
  const { data } = await page();
  expect(keys).toHaveLength(data!.claims.totalCount);
  expect(new Set(keys).size).toBe(keys.length);
});

test('a page larger than the maximum is refused with a clear error', async () => {
  const { errors } = await seeded.gql('{ claims(first: 1000) { edges { node { key } } } }');
  expect(errors?.[0]?.message).toBe('first must be at most 100, got 1000');
});

test('a filter narrows both the page and its total count', async () => {
  const { data } = await seeded.gql<{ claims: { totalCount: number; edges: { node: { modality: string } }[] } }>(
    '{ claims(first: 100, modality: HEDGED) { totalCount edges { node { modality } } } }',
  );
  expect(data!.claims.totalCount).toBe(data!.claims.edges.length);
  expect(data!.claims.totalCount).toBeGreaterThan(5);
  expect(new Set(data!.claims.edges.map((e) => e.node.modality))).toEqual(new Set(['HEDGED']));
});
