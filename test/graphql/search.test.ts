import { seededGraphQL } from '../helpers/seeded';

// Search as an analyst uses it: words in any of their forms, names as the knowledge base knows them,
// UN records by their symbols, partial matches rather than nothing, and a ranking that means something.
const seeded = seededGraphQL();

type Hit = { score: number; headline: string; node: { __typename: string; key?: string; quotation?: string } };

const searchDocument = /* GraphQL */ `
  query Search($query: String!, $types: [SearchType!], $first: Int) {
    search(query: $query, types: $types, first: $first) {
      ... on SearchConnection {
        totalCount
          edges { score headline node {
            __typename
            ... on Claim { key } ... on Attribution { quotation } ... on Source { key } ... on Entity { key } ... on UnscDraft { key }
          } }
      }
    }
  }`;

async function search(query: string, options: { types?: string[]; first?: number } = {}) {
  const { data, errors } = await seeded.gql<{ search: { totalCount: number; edges: Hit[] } }>(searchDocument, {
    query,
    first: 50,
    ...options,
  });
  expect(errors).toBeUndefined();
  const hits = data!.search.edges;
  return { total: data!.search.totalCount, hits, keys: hits.map((h) => h.node.key ?? h.node.quotation) };
}

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';

test('"North Korean troops Russia" finds the 10,000-troops claim, whose statement says "North Korea"', async () => {
  const { keys } = await search('North Korean troops Russia');
  expect(keys).toContain(TROOPS);
  expect(keys).toContain('claim:deployment-not-acknowledged');
});

test("a word matches the names it is a form of: 'Korean' finds North and South Korea, 'Russian' finds Russia", async () => {
  expect((await search('Korean', { types: ['ENTITY'] })).keys).toEqual(
    expect.arrayContaining(['entity:north-korea', 'entity:south-korea']),
  );
  expect((await search('Russian', { types: ['ENTITY'] })).keys[0]).toBe('entity:russia');
});

test("an entity's alias finds the claims about it that name it otherwise, and lifts them", async () => {
  const { hits } = await search('DPRK troops');
  const claims = hits.filter((h) => h.node.__typename === 'Claim').map((h) => h.node.key);
  expect(claims).toContain(TROOPS);
  // Claims about North Korea (subject, value or place) come before claims about others that mention it.
  const lifted = await search('North Korea troops', { types: ['CLAIM'] });
  const about = ['claim:deployment-unprecedented', TROOPS, 'claim:south-korea-may-take-measures'];
  const mentioning = lifted.keys.indexOf('claim:choe-visit-may-discuss-more-troops');
  expect(mentioning).toBeGreaterThanOrEqual(0);
  for (const key of about) expect([key, lifted.keys.indexOf(key)]).toEqual([key, expect.any(Number)]);
  expect(Math.max(...about.map((key) => lifted.keys.indexOf(key)))).toBeLessThan(mentioning);
  expect(Math.min(...about.map((key) => lifted.keys.indexOf(key)))).toBeGreaterThanOrEqual(0);
});

test('a statement or quotation ranks above the same words in a source text', async () => {
  const { hits } = await search('humanitarian aid');
  const kinds = hits.map((h) => h.node.__typename);
  expect(hits.find((h) => h.node.__typename === 'Claim')!.node.key).toBe('claim:south-korea-humanitarian-aid');
  expect(kinds.lastIndexOf('Claim')).toBeLessThan(kinds.indexOf('Source'));
  expect(kinds.lastIndexOf('Attribution')).toBeLessThan(kinds.indexOf('Source'));
  expect(kinds.indexOf('Attribution')).toBeGreaterThanOrEqual(0);
});

test('when no record holds every word, records holding some of them come instead, ranked by how many, without excluded words', async () => {
  const { total, hits } = await search('Kursk frontline drones');
  expect(total).toBeGreaterThan(0);
  // Three words, none holding all: a partial match scores below 2/3, and one holding two words above one holding one.
  for (const hit of hits) expect(hit.score).toBeLessThan(2 / 3);
  expect(hits[0]!.node.key).toBe('claim:kursk-is-frontline');
  expect(hits[0]!.score).toBeGreaterThan(1 / 3);
  const excluded = await search('Kursk frontline drones -resistance');
  expect(excluded.keys).not.toContain('claim:kursk-is-frontline');
  expect(excluded.total).toBeGreaterThan(0);
  expect((await search('zeppelin xylophone')).total).toBe(0);
  // Nothing to find but words to exclude finds nothing, rather than everything else.
  expect((await search('-troops')).total).toBe(0);
});

test('hits are ranked, rarely tie, and tie in a fixed order: claims, quotations, UN records, entities, sources, then as recorded', async () => {
  const kinds = ['Claim', 'Attribution', 'UnscDraft', 'Entity', 'Source'];
  const first = await search('North Korea');
  expect(first.hits.length).toBeGreaterThan(20);
  expect(new Set(first.hits.map((h) => h.score)).size).toBeGreaterThan(first.hits.length / 2);
  const order = first.hits.map((h) => [-h.score, kinds.indexOf(h.node.__typename)] as const);
  expect(order).toEqual(order.toSorted(([a, x], [b, y]) => a - b || x - y));
  expect((await search('North Korea')).keys).toEqual(first.keys);
});

test('UN records are found by resolution number, symbol, meeting record, title and agenda', async () => {
  for (const [query, key] of [
    ['1718', 'unsc:res-1718'],
    ['S/RES/1718', 'unsc:res-1718'],
    ['resolution 1718', 'unsc:res-1718'],
    ['S/RES/2397 (2017)', 'unsc:res-2397'],
    ['S/2022/431', 'unsc:s-2022-431'],
    ['S/PV.9591', 'unsc:s-2024-255'],
    ['Panel of Experts', 'unsc:s-2024-255'],
  ]) {
    const { hits } = await search(query!);
    expect([query, hits[0]?.node]).toEqual([query, { __typename: 'UnscDraft', key }]);
  }
  const onAgenda = await search('DPRK', { types: ['UNSC_DRAFT'] });
  expect(onAgenda.total).toBe(11);
  expect(onAgenda.hits[0]!.node.key).toBe('unsc:s-2022-431');
  expect(onAgenda.hits[0]!.headline).toContain('<b>DPRK</b>');
});
