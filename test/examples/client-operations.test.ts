import type { ResultOf } from 'gql.tada';
import { print } from 'graphql';
import { graphql } from '../../examples/changes-client/graphql';
import { seededGraphQL } from '../helpers/seeded';

// A client app's everyday operations, typed by gql.tada from the printed SDL (schema/schema.graphql,
// through the example client's generated types): `npm run typecheck` fails when a schema change breaks
// one of them, and this test runs them against the service.
const kb = seededGraphQL();

const Search = graphql(`
  query Search($query: String!) {
    search(query: $query, first: 5) {
      __typename
      ... on SearchConnection { totalCount edges { score headline node { __typename ... on Claim { key statement } } } }
      ... on InputValidationError { issues { path message } }
    }
  }
`);
const ClaimsAbout = graphql(`
  query ClaimsAbout($entity: String!) {
    claimsAbout(entity: $entity, first: 5) {
      __typename
      ... on ClaimConnection { totalCount nodes { key statement rank } pageInfo { hasNextPage endCursor } }
      ... on NotFoundError { kind key }
    }
  }
`);
const Entity = graphql(`
  query Entity($key: String!) {
    entity(key: $key) { id name claimsAbout(first: 3) { nodes { key } } }
  }
`);
const Vetoes = graphql(`
  query Vetoes {
    unscVetoes(first: 5) {
      __typename
      ... on UnscVetoConnection { nodes { date member { name } draft { symbol } } }
    }
  }
`);
const Deprecate = graphql(`
  mutation Deprecate($key: String!, $version: Int!) {
    setClaimRank(key: $key, rank: DEPRECATED, reason: "test", expectedVersion: $version) {
      __typename
      ... on Claim { rank version }
      ... on ForbiddenError { requiredRole }
      ... on Error { message }
    }
  }
`);

// Type-level checks: what a client reads without a cast.
type Hit = Extract<ResultOf<typeof Search>['search'], { __typename: 'SearchConnection' }>['edges'][number];
const score: (hit: Hit) => number = (hit) => hit.score;
type NotFound = Extract<ResultOf<typeof ClaimsAbout>['claimsAbout'], { __typename: 'NotFoundError' }>;
type Kind =
  | 'ENTITY'
  | 'SOURCE'
  | 'CLAIM'
  | 'STATEMENT'
  | 'DERIVATION'
  | 'STATEMENT_DERIVATION'
  | 'UNSC_DRAFT'
  | 'AGENDA'
  | 'DRAFT'
  | 'PROPOSAL'
  | 'API_KEY';
const kind: (error: NotFound) => Kind = (error) => error.kind;

it('the typed operations run against the service as typed', async () => {
  const search = await kb.gql<ResultOf<typeof Search>>(print(Search), { query: 'Pentagon troops' });
  expect(search.errors).toBeUndefined();
  const hits = search.data!.search;
  const edges = hits.__typename === 'SearchConnection' ? hits.edges : [];
  expect(edges.length).toBeGreaterThan(0);
  expect(edges.map(score).every(Number.isFinite)).toBe(true);
  const about = await kb.gql<ResultOf<typeof ClaimsAbout>>(print(ClaimsAbout), { entity: 'entity:nope' });
  expect(about.data!.claimsAbout.__typename === 'NotFoundError' && kind(about.data!.claimsAbout)).toBe('ENTITY');
  const entity = await kb.gql<ResultOf<typeof Entity>>(print(Entity), { key: 'entity:north-korea' });
  expect(entity.data!.entity?.claimsAbout.nodes.length).toBeGreaterThan(0);
  const vetoes = await kb.gql<ResultOf<typeof Vetoes>>(print(Vetoes));
  expect(vetoes.errors).toBeUndefined();
  const refused = await kb.gql<ResultOf<typeof Deprecate>>(print(Deprecate), { key: 'claim:x', version: 1 });
  expect(refused.data!.setClaimRank).toEqual({
    __typename: 'ForbiddenError',
    requiredRole: 'ANALYST',
    message: expect.any(String),
  });
});
