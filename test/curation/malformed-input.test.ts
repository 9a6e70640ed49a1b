import fc from 'fast-check';
import { createApiKey } from '../../src/auth/api-keys';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Malformed input thrown at every mutation: each answer is a typed error or a GraphQL validation
// error, never an unexpected one, and nothing changes (every write to every table is in the change
// log, so an unchanged log means an unchanged knowledge base).
const seeded = seededGraphQL();
let admin: GraphQLClient;
let article: string[];
beforeAll(async () => {
  admin = graphqlClient(seeded.db, {
    apiKey: (await createApiKey(seeded.db.prisma, { owner: 'fuzz', role: 'ADMIN', createdBy: 'test' })).key,
  });
  article = Array.from(
    (await seeded.db.prisma.source.findUniqueOrThrow({ where: { key: 'source:seed-article' } })).text!,
  );
});

const notKey = (prefix: string) =>
  fc.string({ maxLength: 40 }).filter((s) => !new RegExp(`^${prefix}:[a-z0-9][a-z0-9._-]*$`).test(s));
const anyKey = (prefix: string) =>
  fc.oneof(
    notKey(prefix),
    fc.constantFrom(`${prefix}:pentagon`, `${prefix}:north-korea`, `${prefix}:nowhere`, `${prefix}:seed-article`),
  );
const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean(), fc.double());
const spanOff = fc.tuple(
  fc.integer({ min: -5, max: 4000 }),
  fc.integer({ min: -5, max: 4000 }),
  fc.string({ maxLength: 20 }),
);

type Case = { query: string; variables: fc.Arbitrary<Record<string, unknown>> };
const cases: Record<string, Case> = {
  createEntity: {
    query: 'mutation($input: EntityInput!) { r: createEntity(input: $input) { __typename } }',
    variables: fc.record({
      input: fc.record({
        key: notKey('entity'),
        kind: fc.oneof(fc.constantFrom('PERSON', 'STATE'), fc.string()),
        name: fc.string(),
        aliases: fc.array(fc.record({ name: fc.string(), language: fc.string({ maxLength: 6 }) }), { maxLength: 3 }),
        roles: fc.array(fc.record({ title: fc.string(), organisation: anyKey('entity') }), { maxLength: 2 }),
      }),
    }),
  },
  updateEntity: {
    query:
      'mutation($input: EntityInput!, $v: Int!) { r: updateEntity(input: $input, expectedVersion: $v) { __typename } }',
    variables: fc.record({
      input: fc.record({ key: anyKey('entity'), kind: fc.constantFrom('PERSON', 'STATE'), name: fc.string() }),
      v: fc.integer({ min: -3, max: 0 }),
    }),
  },
  mergeEntities: {
    query: 'mutation($a: String!, $b: String!) { r: mergeEntities(survivor: $a, merged: $b) { __typename } }',
    variables: fc.oneof(
      fc.record({ a: notKey('entity'), b: anyKey('entity') }),
      fc.constantFrom('entity:pentagon', 'entity:china').map((k) => ({ a: k, b: k })),
    ),
  },
  unmergeEntities: {
    query: 'mutation($m: String!) { r: unmergeEntities(merged: $m) { __typename } }',
    variables: fc.oneof(
      fc.record({ m: notKey('entity') }),
      fc.constantFrom('entity:pentagon', 'entity:china').map((m) => ({ m })),
    ),
  },
  retractDerivation: {
    query:
      'mutation($d: String!, $o: String!, $r: String!) { r: retractDerivation(derived: $d, origin: $o, kind: CITES, reason: $r) { __typename } }',
    variables: fc.oneof(
      fc.record({ d: anyKey('source'), o: anyKey('source'), r: fc.string() }),
      fc.constantFrom({ d: 'source:seed-article', o: 'source:ap-news-report', r: '  ' }),
    ),
  },
  createSource: {
    query: 'mutation($input: SourceInput!) { r: createSource(input: $input) { __typename } }',
    variables: fc.record({
      input: fc.record({
        key: fc.constantFrom('source:fuzz-a', 'source:fuzz-b'),
        kind: fc.constantFrom('NEWS_ARTICLE', 'OTHER'),
        title: fc.string(),
        url: fc.string({ maxLength: 20 }).filter((s) => !/^https?:\/\/\S+$/.test(s)),
        publisher: anyKey('entity'),
      }),
    }),
  },
  addDerivation: {
    query:
      'mutation($d: String!, $o: String!) { r: addDerivation(derived: $d, origin: $o, kind: CITES) { __typename } }',
    variables: fc.oneof(
      fc.record({ d: notKey('source'), o: anyKey('source') }),
      fc.constant({ d: 'source:seed-article', o: 'source:seed-article' }),
    ),
  },
  createClaim: {
    query: 'mutation($input: ClaimInput!) { r: createClaim(input: $input) { __typename } }',
    variables: spanOff
      .filter(([a, b, q]) => article.slice(a, b).join('') !== q || a < 0 || b <= a)
      .map(([start, end, quotation]) => ({
        input: {
          key: 'claim:fuzz',
          subject: 'entity:north-korea',
          predicate: 'fuzzed',
          statement: 'Fuzzed.',
          value: { kind: 'SOME_VALUE' },
          modality: 'ASSERTED',
          attributions: [
            {
              agent: 'entity:pentagon',
              source: 'source:seed-article',
              quotation,
              spanStart: start,
              spanEnd: end,
              stance: 'SUPPORTS',
            },
          ],
        },
      })),
  },
  addAttribution: {
    query:
      'mutation($input: AttributionInput!) { r: addAttribution(claim: "claim:deployment-relatively-small", input: $input) { __typename } }',
    variables: spanOff
      .filter(([a, b, q]) => article.slice(a, b).join('') !== q || a < 0 || b <= a)
      .map(([start, end, quotation]) => ({
        input: {
          agent: 'entity:china',
          source: 'source:seed-article',
          quotation,
          spanStart: start,
          spanEnd: end,
          stance: 'REFUTES',
        },
      })),
  },
  setClaimRank: {
    query:
      'mutation($k: String!, $reason: String, $v: Int!) { r: setClaimRank(key: $k, rank: DEPRECATED, reason: $reason, expectedVersion: $v) { __typename } }',
    variables: fc.oneof(
      fc.record({
        k: fc.constant('claim:deployment-relatively-small'),
        reason: fc.constantFrom(null, '', '   '),
        v: fc.constant(1),
      }),
      fc.record({ k: anyKey('claim'), reason: fc.string(), v: fc.integer({ min: -5, max: 0 }) }),
    ),
  },
  setClaimCredibility: {
    query:
      'mutation($c: Int, $v: Int!) { r: setClaimCredibility(key: "claim:deployment-relatively-small", credibility: $c, expectedVersion: $v) { __typename } }',
    variables: fc.record({ c: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 7 })), v: fc.constant(1) }),
  },
  recordUnscDraft: {
    query: 'mutation($input: UnscDraftInput!) { r: recordUnscDraft(input: $input) { __typename } }',
    variables: fc.record({
      input: fc.record({
        key: fc.constant('unsc:fuzz'),
        title: fc.string({ minLength: 1 }),
        agenda: fc.string({ minLength: 1 }),
        decision: fc.record({
          date: fc.constantFrom('2022-05-26', '2024-03-28', '1999-01-01'),
          outcome: fc.constantFrom('ADOPTED', 'NOT_ADOPTED'),
          votes: fc.array(fc.record({ member: anyKey('entity'), vote: fc.constantFrom('Y', 'N', 'A', 'X') }), {
            maxLength: 14,
          }),
        }),
      }),
    }),
  },
  importBundle: {
    query: 'mutation($b: JSON!) { r: importBundle(bundle: $b) { __typename } }',
    variables: fc.record({
      b: fc.oneof(
        fc.jsonValue(),
        fc.record({
          format: fc.constant('provenance-kb-bundle'),
          version: fc.constant(1),
          entities: fc.array(fc.record({ key: junk, kind: junk, name: junk }), { minLength: 1 }),
        }),
      ),
    }),
  },
  createApiKey: {
    query: 'mutation($o: String!) { r: createApiKey(owner: $o, role: READER) { __typename } }',
    variables: fc.record({ o: fc.constantFrom('', '   ', 'x'.repeat(201)) }),
  },
};

test.each(Object.keys(cases))('%s: malformed input changes nothing and gets a clear error', async (name) => {
  const { query, variables } = cases[name]!;
  await fc.assert(
    fc.asyncProperty(variables, async (vars) => {
      const before = await seeded.db.prisma.changeLog.count();
      const result = await admin<{ r?: { __typename: string } }>(query, vars);
      const typename = result.data?.r?.__typename;
      const failedClearly =
        ['InputValidationError', 'NotFoundError', 'ConflictError'].includes(typename ?? '') ||
        (result.errors?.length ?? 0) > 0;
      expect(result.errors?.some((e) => e.message === 'Unexpected error.') ?? false).toBe(false);
      expect(failedClearly).toBe(true);
      expect(await seeded.db.prisma.changeLog.count()).toBe(before);
    }),
    { numRuns: 30 },
  );
});
