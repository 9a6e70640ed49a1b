// Operations the compiled reads are tested with: each names what it asks, with variables for the seed
// and for synthetic data. `covered` says whether src/compiled/ answers it or the resolvers do.
export type Shape = {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  covered: boolean;
  why?: string;
};

const nested = /* GraphQL */ `
  query Nested($first: Int!, $claims: Int, $after: String) {
    entities(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node {
        id key name kind description version createdAt updatedAt
        claimsAbout(first: $claims) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node {
            id key statement predicate modality rank credibility deprecationReason pointInTime
            subject { key } place { name } event { key }
            attributions(first: 5) { totalCount edges { node {
              id quotation wording stance textHeld statedAt
              agent { key name } onBehalfOf { name } claim { key }
              source { key title kind url language publishedAt retrievedAt publisher { name } author { name } }
            } } }
          } }
        }
      } }
    }
  }`;

export const COVERED: Shape[] = [
  {
    name: 'entity -> claims -> attributions -> source, publisher, agent',
    query: nested,
    variables: { first: 5 },
    covered: true,
  },
  {
    name: 'the same, small pages after a cursor',
    query: nested,
    variables: { first: 2, claims: 1, after: 'R1BDOk46Mg==' },
    covered: true,
  },
  { name: 'an empty page of children', query: nested, variables: { first: 3, claims: 100 }, covered: true },
  {
    name: 'aliases, fragments and __typename',
    query: /* GraphQL */ `
      query Aliased { __typename
        first: entities(first: 2) { edges { node { __typename ...Named label: name } } }
        people: entities(first: 3, kind: PERSON) { totalCount edges { node { key } } }
      }
      fragment Named on Entity { key name ... on Entity { kind } }`,
    covered: true,
  },
  {
    name: 'entity by key, claim -> attributions',
    query: /* GraphQL */ `
      query ($entity: String!, $claim: String!) {
        entity(key: $entity) { key name published(first: 3) { totalCount edges { node { key title } } } }
        claim(key: $claim) { key statement subject { name } attributions { edges { node { quotation agent { name } } } } }
        missing: entity(key: "entity:none") { key }
      }`,
    covered: true,
  },
  {
    name: 'source -> attributions -> claim',
    query: /* GraphQL */ `
      query ($source: String!) {
        source(key: $source) { key title publisher { name } attributions(first: 10) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { quotation claim { key statement } } } } }
        sources(first: 4) { totalCount edges { node { key eventful: attributions(first: 1) { totalCount } } } }
      }`,
    covered: true,
  },
  {
    name: 'who said what, for whom: statements with filters, on its behalf, spans',
    query: /* GraphQL */ `
      query Says($entity: String!, $wording: Wording) {
        entity(key: $entity) { name
          all: statements(first: 20, onItsBehalf: true) { totalCount edges { node { agent { name } span { start end } } } }
          own: statements(first: 20, wording: $wording, stance: SUPPORTS) { totalCount edges { node { quotation wording stance } } }
          hedged: statements(modality: HEDGED, onItsBehalf: false) { totalCount }
        }
      }`,
    variables: { wording: 'OWN_WORDS' },
    covered: true,
  },
  {
    name: 'names, identifiers, roles and members; a source’s grade and fields',
    query: /* GraphQL */ `
      query ($entity: String!, $source: String!) {
        entity(key: $entity) { aliases { name language } identifiers { scheme value }
          roles { title relation independent validFrom validTo organisation { key } }
          members { title holder { key } } }
        source(key: $source) { text textSha256 curatorFields documentFields reliability { grade gradedBy gradedAt } }
      }`,
    covered: true,
  },
  {
    name: 'claims and attributions at the root, with filters',
    query: /* GraphQL */ `{ claims(first: 5, modality: ASSERTED) { totalCount edges { node { key modality } } }
      all: claims(first: 3, after: "R1BDOk46Mw==") { pageInfo { hasPreviousPage startCursor } edges { node { key } } }
      attributions(first: 3) { totalCount edges { node { quotation } } } }`,
    covered: true,
  },
];

export const FALLING_BACK: Shape[] = [
  {
    name: 'backward pages',
    query: '{ entities(last: 2) { edges { node { key } } } }',
    covered: false,
    why: 'argument entities(last)',
  },
  {
    name: 'a field the compiler does not list',
    query:
      '{ entities(first: 2) { edges { node { key value: claimsAbout { edges { node { value { __typename } } } } } } } }',
    covered: false,
    why: 'Claim.value',
  },
  {
    name: 'whose statements, in a variable',
    query:
      'query ($wide: Boolean) { entities(first: 2) { edges { node { statements(onItsBehalf: $wide) { totalCount } } } } }',
    variables: { wide: true },
    covered: false,
    why: 'argument statements(onItsBehalf) not written in',
  },

  {
    name: 'an analysis field',
    query: '{ claims(first: 2) { edges { node { key corroboration { documents } } } } }',
    covered: false,
    why: 'Claim.corroboration',
  },
  {
    name: 'directives',
    query: 'query ($k: Boolean!) { entities(first: 2) { edges { node { key name @include(if: $k) } } } }',
    variables: { k: true },
    covered: false,
    why: 'directives',
  },
  {
    name: 'a fragment on an interface',
    query: '{ entities(first: 2) { edges { node { ... on Node { id } } } } }',
    covered: false,
    why: 'a fragment on Node inside Entity',
  },
  {
    name: 'a root field it does not list (UN drafts, a union of results)',
    query: '{ unscDrafts(first: 2) { ... on UnscDraftConnection { edges { node { key votes { vote } } } } } }',
    covered: false,
    why: 'Query.unscDrafts',
  },
  {
    name: "a connection's nodes shortcut",
    query: '{ entities(first: 2) { nodes { key } } }',
    covered: false,
    why: 'Connection.nodes',
  },
  {
    name: 'connection page info it does not name',
    query: '{ entities(first: 2) { edges { node { key } } pageInfo { __typename } } }',
    covered: false,
    why: 'PageInfo.__typename',
  },
];
