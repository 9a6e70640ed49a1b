import fc from 'fast-check';
import { createApiKey } from '../../src/auth/api-keys';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Values PostgreSQL cannot store (or that once reached it and came back as "Unexpected error."): each
// is a typed InputValidationError naming the argument where the field's union offers one, else one
// GraphQL error with a code; nothing is written.
const seeded = seededGraphQL();
let admin: GraphQLClient;
let adminKey: string;
beforeAll(async () => {
  adminKey = (await createApiKey(seeded.db.prisma, { owner: 'values', role: 'ADMIN', createdBy: 'test' })).key;
  admin = graphqlClient(seeded.db, {
    apiKey: adminKey,
    policy: { rateLimitPerMinute: 1_000_000 },
  });
});
const runs = { numRuns: 25 };

type Issue = { path: string[]; message: string };
type Typed = { __typename: string; issues?: Issue[] };
const typed = '__typename ... on InputValidationError { issues { path message } }';

/** A string with a NUL or a lone surrogate somewhere in it. */
const unstorable = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud83d'),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => a + bad + b);
const unstorableMessage = /NUL character|well-formed Unicode/;

async function expectNothingWritten(work: () => Promise<void>) {
  const before = await seeded.db.prisma.changeLog.count();
  await work();
  expect(await seeded.db.prisma.changeLog.count()).toBe(before);
}

test('NUL bytes and lone surrogates are refused in searches, lookups and writes', async () => {
  await fc.assert(
    fc.asyncProperty(unstorable, async (bad) => {
      const search = await seeded.gql<{ search: Typed }>(`query($q: String!) { search(query: $q) { ${typed} } }`, {
        q: `troops ${bad}`,
      });
      expect(search.data?.search.issues).toEqual([
        { path: ['query'], message: expect.stringMatching(unstorableMessage) },
      ]);
      const lookup = await seeded.gql('query($k: String!) { claim(key: $k) { key } }', { k: `claim:${bad}` });
      expect(lookup.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
      await expectNothingWritten(async () => {
        const entity = await admin<{ createEntity: Typed }>(
          `mutation($name: String!) { createEntity(input: { key: "entity:surrogate", kind: PERSON, name: $name }) { ${typed} } }`,
          { name: bad },
        );
        expect(entity.data?.createEntity.issues).toEqual([
          { path: ['input', 'name'], message: expect.stringMatching(unstorableMessage) },
        ]);
        const key = await admin<{ createApiKey: Typed }>(
          `mutation($owner: String!) { createApiKey(owner: $owner, role: READER) { ${typed} } }`,
          { owner: bad },
        );
        expect(key.data?.createApiKey.issues?.[0]?.path).toEqual(['owner']);
      });
    }),
    runs,
  );
});

test('keys and names over their documented length are refused, not sent to a btree index', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 501, max: 3_000 }), fc.integer({ min: 194, max: 3_000 }), async (name, key) => {
      await expectNothingWritten(async () => {
        const result = await admin<{ createEntity: Typed }>(
          `mutation($key: String!, $name: String!) { createEntity(input: { key: $key, kind: PERSON, name: $name }) { ${typed} } }`,
          { key: `entity:${'k'.repeat(key)}`, name: 'n'.repeat(name) },
        );
        expect(result.data?.createEntity.issues).toEqual([
          { path: ['input', 'key'], message: 'must be at most 200 characters long' },
          { path: ['input', 'name'], message: `must be at most 500 characters long, not ${name}` },
        ]);
      });
    }),
    { numRuns: 10 },
  );
});

test('dates are accepted from year 0001 to 9999 and refused outside, in arguments and inputs', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 9999 }), async (year) => {
      const at = `${String(year).padStart(4, '0')}-06-01T00:00:00Z`;
      const timeline = await seeded.gql<{ timeline: Typed }>(
        `query($at: DateTime!) { timeline(entity: "entity:north-korea", since: $at) { ${typed} } }`,
        { at },
      );
      const asOf = await seeded.gql(
        'query($at: DateTime!) { claim(key: "claim:north-korea-sent-10000-troops-to-russia") { asOf(time: $at) { version } } }',
        { at },
      );
      const refused = year === 0;
      expect(timeline.data?.timeline).toEqual(
        refused
          ? {
              __typename: 'InputValidationError',
              issues: [{ path: ['since'], message: 'year 0 is outside the supported years 1-9999' }],
            }
          : { __typename: 'TimelineConnection' },
      );
      expect(asOf.errors?.map((e) => e.extensions?.code)).toEqual(refused ? ['BAD_USER_INPUT'] : undefined);
    }),
    { ...runs, examples: [[0], [1], [9999]] },
  );
  await expectNothingWritten(async () => {
    const source = await admin<{ createSource: Typed }>(
      `mutation { createSource(input: { key: "source:year-zero", kind: OTHER, title: "Zero", publishedAt: "0000-01-01T00:00:00Z" }) { ${typed} } }`,
    );
    expect(source.data?.createSource.issues?.map((i) => i.path)).toEqual([['input', 'publishedAt']]);
  });
});

test('decimals: written-out numbers are stored exactly, anything else is an InputValidationError naming it', async () => {
  const claim = (key: string, amount: string) =>
    admin<{ createClaim: Typed & { value?: { amount: string } } }>(
      `mutation($key: String!, $amount: Decimal!) { createClaim(input: { key: $key, subject: "entity:north-korea",
        predicate: "counted", statement: "Counted.", modality: ASSERTED, value: { kind: QUANTITY, amount: $amount } }) {
        ${typed} ... on Claim { value { ... on QuantityValue { amount } } } } }`,
      { key, amount },
    );
  let n = 0;
  const written = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 24n - 1n }), fc.option(fc.integer({ min: 0, max: 999_999 })))
    .map(
      ([negative, whole, fraction]) =>
        `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${String(fraction).padStart(6, '0')}`}`,
    );
  await fc.assert(
    fc.asyncProperty(written, async (amount) => {
      const result = await claim(`claim:decimal-${++n}`, amount);
      // PostgreSQL's numeric has no negative zero: "-0" is stored as 0 (`+ 0` makes -0 that 0).
      expect(Number(result.data?.createClaim.value?.amount)).toBe(Number(amount) + 0);
    }),
    { numRuns: 10 },
  );
  expect(n).toBe(10);
  const notWritten = fc.oneof(
    fc.constantFrom('1e400', '-1E-5', 'Infinity', 'NaN', '', ' 1', '0x10', '1'.repeat(25)),
    fc.double({ noNaN: true }).map((d) => d.toExponential()),
  );
  await fc.assert(
    fc.asyncProperty(notWritten, async (amount) => {
      await expectNothingWritten(async () => {
        const result = await claim('claim:not-a-decimal', amount);
        expect(result.data?.createClaim.issues?.map((i) => i.path)).toEqual([['input', 'value', 'amount']]);
      });
    }),
    runs,
  );
});

test('a malformed global ID is refused with a code, an unknown one is null, whatever the string', async () => {
  const idOf = (s: string) => Buffer.from(s).toString('base64');
  const ids = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc
      .tuple(fc.constantFrom('Entity', 'Claim', 'Source', 'Bogus', 'Query'), fc.string({ maxLength: 12 }))
      .map(([t, id]) => idOf(`${t}:${id}`)),
    fc
      .tuple(fc.constantFrom('Entity', 'Claim', 'Attribution'), fc.integer({ min: 100_000, max: 2 ** 31 - 1 }))
      .map(([t, id]) => idOf(`${t}:${id}`)),
  );
  await fc.assert(
    fc.asyncProperty(ids, async (id) => {
      const one = await seeded.gql<{ node: unknown }>('query($id: ID!) { node(id: $id) { id } }', { id });
      const many = await seeded.gql<{ nodes: unknown[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: [id, idOf('Entity:1')],
      });
      // Either refused with a code, or answered: null for the record that does not exist.
      for (const answer of [one, many])
        expect(answer.errors?.map((e) => e.extensions?.code) ?? []).toEqual(answer.errors ? ['BAD_USER_INPUT'] : []);
      expect(one.errors ? null : one.data?.node).toBeNull();
      expect(many.errors ? null : many.data?.nodes[0]).toBeNull();
    }),
    {
      ...runs,
      examples: [
        ['garbage'],
        [''],
        [idOf('Entity:99999')],
        [idOf('Entity:abc')],
        [idOf('Entity:-1')],
        [idOf('Entity:99999999999')],
      ],
    },
  );
});

test('any document, however broken or nested, gets an answer with a code for each error, never HTTP 500', async () => {
  const token = fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    'claims',
    'totalCount',
    'a:',
    '...',
    'on',
    '"x"',
    '$v',
    '@skip',
    ' ',
    '#',
  );
  const nested = fc
    .tuple(fc.constantFrom('{ claims ', '[', '(a: '), fc.integer({ min: 10, max: 3_000 }))
    .map(([open, n]) => open.repeat(n));
  const documents = fc.oneof(
    fc.array(token, { maxLength: 200 }).map((t) => t.join('')),
    nested,
    fc.string({ maxLength: 200 }),
  );
  await fc.assert(
    fc.asyncProperty(documents, async (query) => {
      const response = await seeded.gql.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables: { v: 1 } }),
      });
      expect(response.status).toBeLessThan(500);
      const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
      for (const error of body.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
    }),
    { numRuns: 60 },
  );
});

test('JSON nested 5,000 levels deep is refused by the rules, not walked until the stack overflows', async () => {
  // Written out by hand: JSON.stringify itself overflows at this depth.
  const deep = `${'{"a":'.repeat(5_000)}"x"${'}'.repeat(5_000)}`;
  const query = `mutation($b: JSON!) { importBundle(bundle: $b) { ${typed} } }`;
  await expectNothingWritten(async () => {
    const response = await admin.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: `{"query":${JSON.stringify(query)},"variables":{"b":{"format":"provenance-kb-bundle","version":1,"description":${deep}}}}`,
    });
    const result = (await response.json()) as { data?: { importBundle: Typed } };
    expect(result.data?.importBundle.issues?.[0]?.message).toBe('nests deeper than 64 levels');
  });
});
