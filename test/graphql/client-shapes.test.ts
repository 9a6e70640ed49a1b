import { seededGraphQL } from '../helpers/seeded';

// What a client app relies on (issue 23): an answer's shape does not depend on what else is selected.
const kb = seededGraphQL();

describe('one answer whatever the selection', () => {
  const ClaimsAboutTypename = /* GraphQL */ `
    query ClaimsAboutTypename($entity: String!) {
      claimsAbout(entity: $entity) {
        __typename
      }
    }
  `;
  const ClaimsAboutNotFound = /* GraphQL */ `
    query ClaimsAboutNotFound($entity: String!) {
      claimsAbout(entity: $entity) {
        __typename
        ... on NotFoundError {
          key
        }
      }
    }
  `;

  it('claimsAbout of an unknown entity is a NotFoundError even when only __typename is asked', async () => {
    const bare = await kb.gql<{ claimsAbout: { __typename: string } }>(ClaimsAboutTypename, {
      entity: 'entity:nope',
    });
    const detailed = await kb.gql<{ claimsAbout: { __typename: string; key?: string } }>(ClaimsAboutNotFound, {
      entity: 'entity:nope',
    });
    expect(bare).toEqual({ data: { claimsAbout: { __typename: 'NotFoundError' } } });
    expect(detailed).toEqual({ data: { claimsAbout: { __typename: 'NotFoundError', key: 'entity:nope' } } });
  });
});

describe('paging', () => {
  const Keys = /* GraphQL */ `
    query Keys($first: Int, $last: Int, $before: String) {
      claimsAbout(entity: "entity:north-korea", rank: ALL, first: $first, last: $last, before: $before) {
        ... on QueryClaimsAboutSuccess {
          data {
            edges {
              cursor
              node {
                key
              }
            }
          }
        }
      }
    }
  `;
  type Page = { claimsAbout: { data: { edges: { cursor: string; node: { key: string } }[] } } };
  const keys = async (variables: Record<string, unknown>) =>
    (await kb.gql<Page>(Keys, variables)).data!.claimsAbout.data.edges;

  it('claimsAbout pages backward as well as forward', async () => {
    const all = await keys({ first: 100 });
    expect(all.length).toBeGreaterThan(3);
    expect((await keys({ last: 2 })).map((e) => e.node.key)).toEqual(all.slice(-2).map((e) => e.node.key));
    const before = await keys({ last: 2, before: all.at(-1)!.cursor });
    expect(before.map((e) => e.node.key)).toEqual(all.slice(-3, -1).map((e) => e.node.key));
  });
});
