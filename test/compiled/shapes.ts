// Operations the compiled reads are tested with: each names what it asks, with variables for the seed
// and for synthetic data. `covered` says whether src/compiled/ answers it or the resolvers do.
/** Whether a statement is one the compiler wrote (compile.ts): its one column is the answer's `data`. */
export const isCompiled = (sql: string) => /::text AS data(?: WHERE [\s\S]*)?$/.test(sql);

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

export const drafts = /* GraphQL */ `
  query Drafts($first: Int, $after: String, $agenda: String, $year: Int, $outcome: UnscOutcome, $concerning: String) {
    unscDrafts(first: $first, after: $after, agenda: $agenda, year: $year, outcome: $outcome, concerning: $concerning) {
      __typename
      ... on Error { message }
      ... on UnscDraftConnection {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node {
          id key symbol title outcome resolutionNumber submittedAt voteDate
          agenda { id key name aliases } meeting { recordSymbol date }
          sponsors { key name } tally { yes no abstentions nonVoting }
          votes { vote member { key name } draft { key } }
        } }
      }
    }
  }`;

/** The cursor of the record with id `id`, as the Prisma plugin writes it. */
export const cursor = (id: number) => Buffer.from(`GPC:N:${id}`).toString('base64');

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
    name: 'pages without a next page asked: their cursors, after a cursor, an empty one',
    query: /* GraphQL */ `
      query ($after: String, $claims: String) {
        entities(first: 3, after: $after) { pageInfo { startCursor endCursor hasPreviousPage } edges { cursor node { key
          claimsAbout(first: 2, after: $claims) { pageInfo { endCursor startCursor } nodes { key } }
          none: claimsAbout(first: 2, after: "R1BDOk46OTk5OTk5OQ==") { pageInfo { startCursor endCursor } edges { cursor } } } } }
      }`,
    variables: { after: 'R1BDOk46Mg==', claims: 'R1BDOk46MTA=' },
    covered: true,
  },
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
  {
    name: 'UN drafts -> votes -> members, agenda, meeting, sponsors and tally, in vote order',
    query: drafts,
    variables: { first: 12 },
    covered: true,
  },
  {
    name: 'UN drafts on an agenda named by an alias, after a cursor',
    query: drafts,
    variables: { first: 3, agenda: 'dprk', after: cursor(2) },
    covered: true,
  },
  {
    name: 'UN drafts after an undated draft, and after one that shares its day',
    query: /* GraphQL */ `
      query ($undated: String, $tied: String) {
        undated: unscDrafts(first: 5, after: $undated) { ... on UnscDraftConnection { pageInfo { hasPreviousPage endCursor } edges { node { key voteDate } } } }
        tied: unscDrafts(first: 5, after: $tied) { ... on UnscDraftConnection { edges { node { key voteDate } } } }
      }`,
    variables: { undated: cursor(5), tied: cursor(2) },
    covered: true,
  },
  {
    name: 'UN drafts by year and outcome',
    query: drafts,
    variables: { year: 2017, outcome: 'ADOPTED' },
    covered: true,
  },
  {
    name: 'UN drafts concerning an entity, with nothing asked of the errors',
    query: /* GraphQL */ `
      query ($entity: String) { unscDrafts(concerning: $entity, first: 4) {
        ... on UnscDraftConnection { totalCount nodes { key tally { yes } } } } }`,
    covered: true,
  },
  {
    name: 'a UN draft by symbol or resolution number',
    query: /* GraphQL */ `{ bySymbol: unscDraft(key: "S/2022/431") { key votes { vote } }
      byNumber: unscDraft(key: "S/RES/1874 (2009)") { key resolutionNumber } byKey: unscDraft(key: "unsc:d3") { key title }
      none: unscDraft(key: "S/RES/99999") { key } }`,
    covered: true,
  },
  {
    name: "a draft's claims and a claim's UN records, with their grades and notes",
    query: /* GraphQL */ `{
      unscDrafts(first: 20) { ... on UnscDraftConnection { nodes { key claims { support note claim { key } draft { key } } } } }
      claims(first: 20) { nodes { key unscRecords { support note draft { key tally { yes } } } } } }`,
    covered: true,
  },
  {
    name: "a member's UN votes, on an agenda, after a cursor of its own and of another's",
    query: /* GraphQL */ `
      query Votes($entity: String!, $agenda: String, $own: String, $other: String) {
        member: entity(key: $entity) { key
          all: unscVotes(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { vote draft { key voteDate } member { key } } } }
          onAgenda: unscVotes(first: 3, agenda: $agenda, after: $own) { totalCount pageInfo { hasPreviousPage endCursor } nodes { vote draft { key } } }
          afterOther: unscVotes(first: 3, after: $other) { edges { node { vote } } } }
        china: entity(key: "entity:china") { unscVotes(first: 2, after: $other) { totalCount edges { cursor node { draft { key } } } } }
        entities(first: 6) { nodes { key unscVotes(first: 2, agenda: $agenda) { totalCount nodes { vote } } } }
      }`,
    variables: { agenda: 'DPRK', own: cursor(1), other: cursor(2) },
    covered: true,
  },
  {
    name: "a connection's nodes shortcut, fragments on named connection and edge types, their __typename",
    query: /* GraphQL */ `
      query Named($entity: String!) {
        entities(first: 3) { ...Page nodes { key } }
        claims(first: 2) { ... on ClaimConnection { totalCount pageInfo { __typename hasNextPage } } edges { ...ClaimEdgeParts } }
        entity(key: $entity) { claimsAbout(first: 2) { nodes { key attributions { nodes { quotation } } } } }
      }
      fragment Page on EntityConnection { __typename totalCount edges { __typename cursor } }
      fragment ClaimEdgeParts on ClaimEdge { cursor node { key } }`,
    covered: true,
  },
  {
    name: 'a claim’s provenance: statements, chain, origins, the walk’s end',
    query: /* GraphQL */ `
      query Chain($claim: String!) {
        claim(key: $claim) { key
          provenance(depth: 2) { __typename
            ... on ClaimProvenance { depth attributions { quotation wording source { key } }
              derivations { __typename hops kind note statement { quotation } originStatement { quotation stance }
                derived { key title publishedAt } origin { key publisher { name } } }
              primarySources { key title } truncated { key } }
            ... on InputValidationError { message }
          }
          deep: provenance { ...Origins }
        }
        claims(first: 5) { edges { node { key provenance(depth: 1) { ... on ClaimProvenance { primarySources { key } } } } } }
      }
      fragment Origins on ClaimProvenanceResult { ... on ClaimProvenance { depth primarySources { key } derivations { hops } } }`,
    covered: true,
  },
  {
    name: 'how alike two members voted',
    query: /* GraphQL */ `
      query Alike($entity: String!) {
        unscAlignment(a: $entity, b: $entity) { __typename
          ... on UnscAlignment { decisions identical agreement a { key name } b { key } }
          ... on NotFoundError { message }
        }
      }`,
    covered: true,
  },
  {
    name: 'search: ranked hits of every kind, their passages and records',
    query: /* GraphQL */ `
      query Find($q: String!) {
        search(query: $q, first: 8) { __typename
          ... on SearchConnection { totalCount edges { __typename score headline node { __typename
            ... on Claim { key statement subject { name } } ... on Attribution { quotation source { key } }
            ... on Source { key title } ... on Entity { key name } ... on UnscDraft { key } } } }
          ... on InputValidationError { message }
        }
        again: search(query: $q) { ... on SearchConnection { totalCount } }
      }`,
    variables: { q: 'Russia troops' },
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
    name: 'a provenance’s document-level context',
    query:
      '{ claims(first: 2) { edges { node { provenance { ... on ClaimProvenance { documentDerivations { hops origin { key } } } } } } } }',
    covered: false,
    why: 'ClaimProvenance.documentDerivations',
  },
  {
    name: 'an alignment on one agenda',
    query:
      '{ unscAlignment(a: "entity:russia", b: "entity:china", agenda: "dprk") { ... on UnscAlignment { decisions } } }',
    covered: false,
    why: 'argument unscAlignment(agenda)',
  },
  {
    name: 'search in some kinds of record',
    query: '{ search(query: "troops", types: [CLAIM]) { ... on SearchConnection { totalCount } } }',
    covered: false,
    why: 'argument search(types)',
  },
  {
    name: 'search’s page info (offset cursors)',
    query: '{ search(query: "troops") { ... on SearchConnection { pageInfo { hasNextPage } } } }',
    covered: false,
    why: 'SearchConnection.pageInfo',
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
    name: 'a root field it does not list (UN vetoes, a union of results)',
    query: '{ unscVetoes(first: 2) { ... on UnscVetoConnection { edges { node { date member { key } } } } } }',
    covered: false,
    why: 'Query.unscVetoes',
  },
];
