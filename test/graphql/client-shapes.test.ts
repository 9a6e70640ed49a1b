import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isObjectType, isScalarType } from 'graphql';
import { createApiKey } from '../../src/auth/api-keys';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// What a client app relies on (issue 23): an answer's shape does not depend on what else is selected.
const kb = seededGraphQL();

describe('each field stands or falls on its own arguments', () => {
  const Neighbours = /* GraphQL */ `
    query Neighbours {
      x: search(query: "a") {
        __typename
      }
      y: search(query: "Pentagon") {
        __typename
      }
      e: entities(first: 1) {
        totalCount
      }
    }
  `;

  it('a bad argument spoils only its own field', async () => {
    const { data, errors } = await kb.gql<Record<string, { __typename?: string; totalCount?: number }>>(Neighbours);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      x: { __typename: 'InputValidationError' },
      y: { __typename: 'SearchConnection' },
      e: { totalCount: expect.any(Number) },
    });
  });

  const TwoWrites = /* GraphQL */ `
    mutation TwoWrites($key: String!, $version: Int!) {
      setClaimRank(key: $key, rank: PREFERRED, expectedVersion: $version) {
        __typename
      }
      setClaimCredibility(key: $key, credibility: 9, expectedVersion: $version) {
        __typename
      }
    }
  `;

  it('a valid write beside an invalid one is applied', async () => {
    const { key } = await createApiKey(kb.db.prisma, { owner: 'neighbours', role: 'ANALYST', createdBy: 'test' });
    const analyst = graphqlClient(kb.db, { apiKey: key });
    const claim = await kb.db.prisma.claim.findFirstOrThrow({ where: { rank: 'NORMAL' }, orderBy: { id: 'asc' } });
    expect(await analyst(TwoWrites, { key: claim.key, version: claim.version })).toEqual({
      data: { setClaimRank: { __typename: 'Claim' }, setClaimCredibility: { __typename: 'InputValidationError' } },
    });
    expect(await kb.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      rank: 'PREFERRED',
      credibility: claim.credibility,
    });
  });
});

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
        ... on ClaimConnection {
          edges {
              cursor
              node {
                key
              }
            }
        }
      }
    }
  `;
  type Page = { claimsAbout: { edges: { cursor: string; node: { key: string } }[] } };
  const keys = async (variables: Record<string, unknown>) =>
    (await kb.gql<Page>(Keys, variables)).data!.claimsAbout.edges;

  it('claimsAbout pages backward as well as forward', async () => {
    const all = await keys({ first: 100 });
    expect(all.length).toBeGreaterThan(3);
    expect((await keys({ last: 2 })).map((e) => e.node.key)).toEqual(all.slice(-2).map((e) => e.node.key));
    const before = await keys({ last: 2, before: all.at(-1)!.cursor });
    expect(before.map((e) => e.node.key)).toEqual(all.slice(-3, -1).map((e) => e.node.key));
  });
});

describe('one shape for every list', () => {
  const ClaimFields = /* GraphQL */ `
    fragment ClaimPage on ClaimConnection {
      __typename
      totalCount
      nodes {
        key
      }
      edges {
        node {
          key
        }
      }
    }
  `;
  const Lists = /* GraphQL */ `
    query Lists {
      claims(first: 2) {
        ...ClaimPage
      }
      claimsAbout(entity: "entity:north-korea", first: 2) {
        ...ClaimPage
      }
      entity(key: "entity:north-korea") {
        claimsAbout(first: 2) {
          ...ClaimPage
        }
      }
    }
    ${ClaimFields}
  `;
  type ClaimPage = {
    __typename: string;
    totalCount: number;
    nodes: { key: string }[];
    edges: { node: { key: string } }[];
  };

  it('claims, claimsAbout and an entity’s claims are one ClaimConnection, with nodes beside edges', async () => {
    const { data, errors } = await kb.gql<{
      claims: ClaimPage;
      claimsAbout: ClaimPage;
      entity: { claimsAbout: ClaimPage };
    }>(Lists);
    expect(errors).toBeUndefined();
    for (const page of [data!.claims, data!.claimsAbout, data!.entity.claimsAbout]) {
      expect(page.__typename).toBe('ClaimConnection');
      expect(page.nodes).toHaveLength(2);
      expect(page.nodes).toEqual(page.edges.map((edge) => edge.node));
    }
  });

  const EmptyPages = /* GraphQL */ `
    query EmptyPages {
      claims(first: 0) {
        pageInfo {
          startCursor
          endCursor
        }
      }
      entity(key: "entity:north-korea") {
        claimsAbout(first: 0) {
          pageInfo {
            startCursor
            endCursor
          }
        }
      }
      tensions(first: 0) {
        ... on TensionConnection {
          pageInfo {
            startCursor
            endCursor
          }
        }
      }
    }
  `;

  it('an empty page has null cursors, at the root and below a record, Prisma-paged or computed', async () => {
    const empty = { pageInfo: { startCursor: null, endCursor: null } };
    expect(await kb.gql(EmptyPages)).toEqual({
      data: { claims: empty, entity: { claimsAbout: empty }, tensions: empty },
    });
  });

  const DraftsConcerning = /* GraphQL */ `
    query DraftsConcerning($entity: String!) {
      unscDrafts(concerning: $entity) {
        __typename
        ... on UnscDraftConnection {
          totalCount
        }
        ... on NotFoundError {
          kind
          key
        }
      }
    }
  `;

  it('a filter naming an unknown record is a NotFoundError, not an empty list', async () => {
    expect(await kb.gql(DraftsConcerning, { entity: 'entity:nope' })).toEqual({
      data: { unscDrafts: { __typename: 'NotFoundError', kind: 'ENTITY', key: 'entity:nope' } },
    });
    const known = await kb.gql<{ unscDrafts: { totalCount: number } }>(DraftsConcerning, {
      entity: 'entity:north-korea',
    });
    expect(known.data!.unscDrafts.totalCount).toBeGreaterThan(0);
  });
});

describe('search', () => {
  const Search = /* GraphQL */ `
    query Search($query: String!, $types: [SearchType!]) {
      search(query: $query, types: $types, first: 5) {
        __typename
        ... on SearchConnection {
          edges {
            score
            headline
            node {
              __typename
              ... on Source {
                key
              }
            }
          }
          nodes {
            __typename
          }
        }
      }
    }
  `;
  type Hits = {
    search: {
      __typename: string;
      edges: { score: number; headline: string; node: { __typename: string; key?: string } }[];
      nodes: { __typename: string }[];
    };
  };

  beforeAll(async () => {
    await importBundle(
      kb.db.prisma,
      parseBundle({
        format: 'provenance-kb-bundle',
        version: 2,
        sources: [
          {
            key: 'source:hostile-markup',
            kind: 'NEWS_ARTICLE',
            title: 'Zanzibar <script>alert(2)</script> report',
            text: 'A report on Zanzibar <img src=x onerror=alert(1)> & "friends" carries markup in its text.',
          },
        ],
      }),
      { actor: 'test' },
    );
  });

  it('a hit is reached in one step: score and headline on the edge, the record as its node', async () => {
    const { data } = await kb.gql<Hits>(Search, { query: 'Zanzibar', types: ['SOURCE'] });
    expect(data!.search.__typename).toBe('SearchConnection');
    const [hit] = data!.search.edges;
    expect(hit).toMatchObject({
      score: expect.any(Number),
      node: { __typename: 'Source', key: 'source:hostile-markup' },
    });
    expect(data!.search.nodes).toEqual([{ __typename: 'Source' }]);
  });

  it('a headline escapes the text it quotes; only the match markers are markup', async () => {
    const { data } = await kb.gql<Hits>(Search, { query: 'Zanzibar', types: ['SOURCE'] });
    const { headline } = data!.search.edges[0]!;
    expect(headline).toContain('<b>Zanzibar</b>');
    expect(headline).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; "friends"');
    expect(headline.replaceAll(/<\/?b>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('errors', () => {
  const Refused = /* GraphQL */ `
    mutation Refused {
      createEntity(input: { key: "entity:refused", kind: OTHER, name: "Refused" }) {
        __typename
        ... on ForbiddenError {
          requiredRole
        }
      }
    }
  `;
  const RefusedRead = /* GraphQL */ `
    query RefusedRead {
      apiKeys {
        __typename
        ... on ForbiddenError {
          requiredRole
        }
      }
    }
  `;

  it('a ForbiddenError says which role is needed', async () => {
    expect(await kb.gql(Refused)).toEqual({
      data: { createEntity: { __typename: 'ForbiddenError', requiredRole: 'ANALYST' } },
    });
    expect(await kb.gql(RefusedRead)).toEqual({
      data: { apiKeys: { __typename: 'ForbiddenError', requiredRole: 'ADMIN' } },
    });
  });

  const Unions = /* GraphQL */ `
    query Unions {
      __schema {
        types {
          name
          kind
          possibleTypes {
            name
          }
        }
      }
    }
  `;
  type Schema = { __schema: { types: { name: string; kind: string; possibleTypes: { name: string }[] | null }[] } };

  it('an error union lists only the errors its field can give', async () => {
    const { data } = await kb.gql<Schema>(Unions);
    const members = (name: string) =>
      data!.__schema.types
        .find((type) => type.name === name)!
        .possibleTypes!.map((type) => type.name)
        .toSorted();
    expect(members('QueryApiKeysResult')).toEqual(['ApiKeyConnection', 'ForbiddenError']);
    expect(members('MutationCreateEntityResult')).toEqual([
      'ConflictError',
      'Entity',
      'ForbiddenError',
      'InputValidationError',
    ]);
    // A bundle's derivations can close a cycle (test/curation/derivation-cycles.test.ts).
    expect(members('MutationImportBundleResult')).toEqual([
      'DerivationCycleError',
      'ForbiddenError',
      'ImportReport',
      'InputValidationError',
    ]);
    // Every union member is the result itself or an error: no …Success wrapper anywhere.
    expect(data!.__schema.types.map((type) => type.name).filter((name) => name.endsWith('Success'))).toEqual([]);
  });
});

describe('the printed schema documents itself', () => {
  const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

  it('every root field, every argument and every scalar has a description', () => {
    const roots = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!];
    const rootFields = roots.flatMap((root) => Object.values(root.getFields()).map((f) => `${root.name}.${f.name}`));
    const args = types
      .filter(isObjectType)
      .flatMap((type) =>
        Object.values(type.getFields()).flatMap((field) =>
          field.args.map((arg) => ({ name: `${type.name}.${field.name}(${arg.name})`, description: arg.description })),
        ),
      );
    const undocumented = [
      ...roots.flatMap((root) =>
        Object.values(root.getFields())
          .filter((field) => !field.description)
          .map((field) => `${root.name}.${field.name}`),
      ),
      ...args.filter((arg) => !arg.description).map((arg) => arg.name),
      ...types.filter((type) => isScalarType(type) && !type.description).map((type) => type.name),
    ];
    expect(undocumented).toEqual([]);
    expect(rootFields.length).toBeGreaterThan(40);
    expect(args.length).toBeGreaterThan(150);
  });

  it('enums are in upper case, as GraphQL convention and every other enum here have them', () => {
    const values = types.filter(isEnumType).flatMap((type) => type.getValues().map((v) => `${type.name}.${v.name}`));
    expect(values.filter((value) => !/^[A-Z][A-Z0-9_]*$/.test(value.split('.')[1]!))).toEqual([]);
  });
});

describe('refusals carry codes', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    kb.gql.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('an oversized page is the field’s InputValidationError where its union offers it, a coded error elsewhere', async () => {
    const { data, errors } = await kb.gql<{ big: { __typename: string }; fine: { __typename: string } }>(
      '{ big: search(query: "Korea", first: 101) { __typename } fine: search(query: "Korea") { __typename } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ big: { __typename: 'InputValidationError' }, fine: { __typename: 'SearchConnection' } });
    const bare = await kb.gql('{ claims(first: 101) { totalCount } }');
    expect(bare.errors?.map((e) => e.extensions?.code)).toEqual(['PAGE_TOO_LARGE']);
  });

  it('a missing variable, a browser’s simple request and an oversized body each say their code, as JSON', async () => {
    const missing = await kb.gql('query($k: String!) { claim(key: $k) { key } }');
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const simple = await kb.gql.fetch('/graphql?query=%7B__typename%7D');
    expect(simple.status).toBe(403);
    expect(((await simple.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'CSRF_HEADER_REQUIRED',
    );
    const big = await post('x'.repeat(2 << 20));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      errors: [{ message: 'request body over 1048576 bytes', extensions: { code: 'BODY_TOO_LARGE' } }],
    });
  });
});

describe('browsers', () => {
  const preflight = (client: typeof kb.gql, origin: string) =>
    client.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('CORS allows the service’s own origin and the configured ones only, and says how long a preflight holds', async () => {
    const own = await preflight(kb.gql, 'http://kb.test');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://kb.test');
    expect(own.headers.get('access-control-max-age')).toBe('600');
    const stranger = await preflight(kb.gql, 'https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const dashboard = graphqlClient(kb.db, { policy: { corsOrigins: ['https://dash.example'] } });
    const allowed = await preflight(dashboard, 'https://dash.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    const answer = await dashboard.fetch('/graphql', {
      method: 'POST',
      headers: { origin: 'https://dash.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.headers.get('access-control-expose-headers')).toBe('Retry-After, Cache-Status');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
