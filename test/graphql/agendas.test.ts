import { seededGraphQL } from '../helpers/seeded';

// An agenda is a known thing: a key, a name and aliases. Every argument that filters by agenda takes
// any of them, and refuses one that names no agenda instead of answering with nothing.
const seeded = seededGraphQL();

const DPRK = "Non-proliferation/Democratic People's Republic of Korea";
const DPRK_KEY = 'agenda:non-proliferation-democratic-people-s-republic-of-korea';

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await seeded.gql<T>(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const draftsOn = /* GraphQL */ `
  query DraftsOn($agenda: String!) {
    unscDrafts(agenda: $agenda, first: 50) {
      __typename
      ... on UnscDraftConnection { totalCount edges { node { agenda { key name } } } }
      ... on NotFoundError { kind key message }
    }
  }`;

type DraftsOn = {
  unscDrafts:
    | { __typename: 'UnscDraftConnection'; totalCount: number; edges: { node: { agenda: object } }[] }
    | { __typename: 'NotFoundError'; kind: string; key: string; message: string };
};

test("an agenda is named by its key, its name or an alias, regardless of case: 'DPRK' finds the eleven DPRK drafts", async () => {
  for (const agenda of ['DPRK', 'dprk', ' North Korea ', DPRK, DPRK_KEY]) {
    const { unscDrafts } = await ok<DraftsOn>(draftsOn, { agenda });
    expect(unscDrafts.__typename).toBe('UnscDraftConnection');
    if (unscDrafts.__typename !== 'UnscDraftConnection') continue;
    expect(unscDrafts.totalCount).toBe(11);
    expect(new Set(unscDrafts.edges.map((e) => JSON.stringify(e.node.agenda)))).toEqual(
      new Set([JSON.stringify({ key: DPRK_KEY, name: DPRK })]),
    );
  }
});

test('an unknown agenda is a NotFoundError wherever an agenda is an argument, not an empty answer', async () => {
  const { unscDrafts } = await ok<DraftsOn>(draftsOn, { agenda: 'DPKR' });
  expect(unscDrafts).toEqual({ __typename: 'NotFoundError', kind: 'AGENDA', key: 'DPKR', message: 'no agenda DPKR' });
  const others = await ok<Record<string, unknown>>(
    `query($agenda: String!) {
      unscVetoes(agenda: $agenda) { __typename ... on NotFoundError { kind key } }
      unscAlignment(a: "entity:russia", b: "entity:china", agenda: $agenda) { __typename ... on NotFoundError { kind key } }
    }`,
    { agenda: 'Middle East' },
  );
  expect(others).toEqual({
    unscVetoes: { __typename: 'NotFoundError', kind: 'AGENDA', key: 'Middle East' },
    unscAlignment: { __typename: 'NotFoundError', kind: 'AGENDA', key: 'Middle East' },
  });
  // A member's votes are a plain list, so an unknown agenda there is an error of the field, with its code.
  const votes = await seeded.gql('{ entity(key: "entity:china") { unscVotes(agenda: "Middle East") { totalCount } } }');
  expect(votes.errors).toEqual([
    expect.objectContaining({
      message: 'no agenda Middle East',
      extensions: { code: 'NOT_FOUND', kind: 'AGENDA', key: 'Middle East' },
    }),
  ]);
});

test("a member's votes, vetoes and alignments filter by an agenda's alias", async () => {
  const data = await ok<{
    entity: { unscVotes: { totalCount: number } };
    unscVetoes: { data: { totalCount: number } };
    unscAlignment: { decisions: number; identical: number };
  }>(`{
    entity(key: "entity:china") { unscVotes(agenda: "DPRK") { totalCount } }
    unscVetoes(agenda: "DPRK") { ... on UnscVetoConnection { totalCount } }
    unscAlignment(a: "entity:russia", b: "entity:china", agenda: "North Korea") { ... on UnscAlignment { decisions identical } }
  }`);
  expect(data).toEqual({
    entity: { unscVotes: { totalCount: 11 } },
    unscVetoes: { totalCount: 3 },
    unscAlignment: { decisions: 11, identical: 10 },
  });
});

test('the agendas are listed, and one is found by any of its names', async () => {
  const data = await ok<{ unscAgendas: unknown; byAlias: unknown; unknown: unknown }>(`{
    unscAgendas(first: 10) { totalCount edges { node { key name aliases } } }
    byAlias: unscAgenda(key: "north korea") { key }
    unknown: unscAgenda(key: "Middle East") { key }
  }`);
  expect(data).toEqual({
    unscAgendas: {
      totalCount: 1,
      edges: [
        {
          node: {
            key: DPRK_KEY,
            name: DPRK,
            aliases: ['DPRK', 'North Korea', 'Non-proliferation/DPRK'],
          },
        },
      ],
    },
    byAlias: { key: DPRK_KEY },
    unknown: null,
  });
});
