import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { createLogger } from '../../src/logger';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The seed plus a second, dated report on Ryder's figure: one claim preferred, one superseded.
let db: TestDatabase;
let gql: GraphQLClient;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  const text = 'Officials now put the North Korean deployment at about 11,000 troops, up from 10,000.';
  await importBundle(
    db.prisma,
    parseBundle({
      format: 'provenance-kb-bundle',
      version: 1,
      sources: [
        {
          key: 'source:update',
          kind: 'PRESS_BRIEFING',
          title: 'Update',
          publisher: 'entity:pentagon',
          text,
          reliability: { grade: 'B', gradedBy: 'test', gradedAt: '2026-01-01T00:00:00Z' },
        },
      ],
      claims: [
        {
          key: 'claim:troops-11000',
          subject: 'entity:north-korea',
          predicate: 'troops_deployed',
          statement: 'North Korea has about 11,000 troops in Russia.',
          value: { kind: 'QUANTITY', amount: '11000', unit: 'troops', approximate: true },
          qualifiers: { place: 'entity:russia', pointInTime: '2024-11-04T00:00:00Z' },
          modality: 'ASSERTED',
          rank: 'PREFERRED',
          credibility: 2,
          attributions: [
            {
              agent: 'entity:pentagon',
              source: 'source:update',
              quotation: 'about 11,000 troops',
              span: [49, 68],
              stance: 'SUPPORTS',
              statedAt: '2024-11-04T12:00:00Z',
            },
          ],
        },
        {
          key: 'claim:troops-old-estimate',
          subject: 'entity:north-korea',
          predicate: 'troops_deployed',
          statement: 'North Korea has 3,000 troops in Russia.',
          value: { kind: 'QUANTITY', amount: '3000', unit: 'troops', approximate: true },
          qualifiers: { place: 'entity:russia', pointInTime: '2024-10-18T00:00:00Z' },
          modality: 'ASSERTED',
          rank: 'DEPRECATED',
          deprecationReason: 'superseded by later estimates',
        },
      ],
    }),
    { actor: 'test' },
  );
  gql = graphqlClient(db);
});
afterAll(() => db.drop());

const about = async (args: string) => {
  const { data, errors } = await gql<{ claimsAbout: any }>(`{ claimsAbout(entity: "entity:north-korea"${args}) {
    __typename
    ... on ClaimConnection { totalCount edges { node { key rank } } }
    ... on NotFoundError { kind key message }
    ... on InputValidationError { issues { path message } }
  } }`);
  expect(errors).toBeUndefined();
  return data!.claimsAbout;
};
const keys = (result: any) => result.edges.map((e: any) => e.node.key);

test('best rank by default: a preferred claim hides the normal ones on its predicate; deprecated ones never show', async () => {
  const best = keys(await about(', predicate: "troops_deployed"'));
  expect(best).toEqual(['claim:troops-11000']);
  const all = keys(await about(', predicate: "troops_deployed", rank: ALL'));
  expect(all).toEqual([
    'claim:north-korea-sent-10000-troops-to-russia',
    'claim:deployment-not-acknowledged',
    'claim:troops-11000',
    'claim:troops-old-estimate',
  ]);
  expect(keys(await about(', rank: DEPRECATED'))).toEqual(['claim:troops-old-estimate']);
  // other predicates keep their normal claims
  expect(keys(await about(''))).toEqual(
    expect.arrayContaining(['claim:deployment-relatively-small', 'claim:troops-11000']),
  );
  expect(keys(await about(''))).not.toContain('claim:north-korea-sent-10000-troops-to-russia');
});

test('filters by modality, credibility, time window and source, and counts what it filters', async () => {
  const hedged = await about(', modality: HEDGED');
  expect(hedged.totalCount).toBe(hedged.edges.length);
  expect(keys(hedged)).toContain('claim:north-korean-access-major-threat');
  expect(keys(await about(', credibilityAtLeast: 2, rank: ALL'))).toEqual([
    'claim:north-korea-sent-10000-troops-to-russia',
    'claim:north-korean-forces-arriving-in-kursk',
    'claim:troops-11000',
  ]);
  expect(keys(await about(', since: "2024-11-01T00:00:00Z", until: "2024-11-30T00:00:00Z", rank: ALL'))).toEqual([
    'claim:troops-11000',
  ]);
  expect(keys(await about(', source: "source:update"'))).toEqual(['claim:troops-11000']);
});

test('bad arguments are typed errors naming the argument', async () => {
  expect(await gql('{ claimsAbout(entity: "entity:atlantis") { ... on NotFoundError { kind key message } } }')).toEqual(
    {
      data: { claimsAbout: { kind: 'ENTITY', key: 'entity:atlantis', message: 'no entity entity:atlantis' } },
    },
  );
  expect(await about(', credibilityAtLeast: 9')).toEqual({
    __typename: 'InputValidationError',
    issues: [{ path: ['credibilityAtLeast'], message: 'credibility grades run from 1 to 6' }],
  });
  expect(await about(', since: "2025-01-01T00:00:00Z", until: "2024-01-01T00:00:00Z"')).toEqual({
    __typename: 'InputValidationError',
    issues: [{ path: ['since'], message: 'since must not be after until' }],
  });
  expect((await about(', source: "source:nowhere"')).__typename).toBe('NotFoundError');
  const search = await gql<{ search: any }>(
    '{ search(query: " ") { __typename ... on InputValidationError { issues { path message } } } }',
  );
  expect(search.data!.search).toEqual({
    __typename: 'InputValidationError',
    issues: [{ path: ['query'], message: 'query needs at least 2 characters' }],
  });
  const alignment = await gql<{ unscAlignment: any }>(
    '{ unscAlignment(a: "entity:russia", b: "entity:mars") { __typename ... on NotFoundError { key } } }',
  );
  expect(alignment.data!.unscAlignment).toEqual({ __typename: 'NotFoundError', key: 'entity:mars' });
});

test('the timeline puts dated claims among the votes, in order, and a window narrows it', async () => {
  const { data } = await gql<{
    timeline: any;
  }>(`{ timeline(entity: "entity:north-korea", since: "2024-01-01T00:00:00Z", first: 10) {
    ... on TimelineConnection { totalCount edges { node { at kind claim { key } unscDecision { symbol } } } }
  } }`);
  expect(
    data!.timeline.edges.map((e: any) => [e.node.at.slice(0, 10), e.node.claim?.key ?? e.node.unscDecision.symbol]),
  ).toEqual([
    ['2024-03-28', 'S/2024/255'],
    ['2024-11-04', 'claim:troops-11000'],
  ]);
});

test('a new conflicting assertion on the same subject, predicate and qualifiers is reported as a tension', async () => {
  const { data } = await gql<{ tensions: any }>(`{ tensions(subject: "entity:north-korea", kind: CONFLICTING_VALUES) {
    ... on TensionConnection { totalCount edges { node { claim { key } other { key } } } }
  } }`);
  // Different points in time are not a conflict; the deprecated estimate is out of the argument.
  expect(data!.tensions.totalCount).toBe(0);
});

test("who said what: an agent's hedged statements only", async () => {
  const { data } = await gql<{ entity: any }>(`{ entity(key: "entity:yoon-suk-yeol") {
    statements(modality: HEDGED) { totalCount edges { node { quotation source { key } claim { modality } } } }
  } }`);
  // Two in the article (one the reporter's words, one his own: "major security threat") for one claim,
  // one for the other, and the government statements each repeats.
  expect(data!.entity.statements.totalCount).toBe(5);
  expect(data!.entity.statements.edges.filter((e: any) => e.node.source.key === 'source:seed-article')).toHaveLength(3);
  expect(data!.entity.statements.edges.every((e: any) => e.node.claim.modality === 'HEDGED')).toBe(true);
});

test('an alignment names both members and pages its records in date order', async () => {
  const query = `query($after: String) { unscAlignment(a: "entity:russia", b: "entity:china") { ... on UnscAlignment {
    a { name } b { name } decisions records(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { draft { voteDate } same } } }
  } } }`;
  const pages: { voteDate: string; same: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const result: { data?: { unscAlignment: any } | null } = await gql<{ unscAlignment: any }>(query, { after });
    const { a, b, decisions, records } = result.data!.unscAlignment;
    expect([a.name, b.name, records.totalCount]).toEqual(['Russian Federation', 'China', decisions]);
    pages.push(...records.edges.map((e: any) => ({ voteDate: e.node.draft.voteDate, same: e.node.same })));
    if (!records.pageInfo.hasNextPage) break;
    after = records.pageInfo.endCursor;
  }
  expect(pages).toHaveLength(11);
  const dates = pages.map((p) => p.voteDate);
  expect(dates).toEqual(dates.toSorted());
  expect(pages.filter((p) => !p.same)).toHaveLength(1);
  // A date window narrows the count and the records alike.
  const [since, until] = [pages[3]!.voteDate, pages[8]!.voteDate];
  const window = await gql<{
    unscAlignment: any;
  }>(`{ unscAlignment(a: "entity:russia", b: "entity:china", since: "${since}", until: "${until}") {
    ... on UnscAlignment { decisions identical records(first: 20) { totalCount edges { node { draft { voteDate } same } } } } } }`);
  const inWindow = pages.filter((p) => p.voteDate >= since && p.voteDate <= until);
  const { decisions, identical, records } = window.data!.unscAlignment;
  expect([decisions, identical, records.totalCount]).toEqual([
    inWindow.length,
    inWindow.filter((p) => p.same).length,
    inWindow.length,
  ]);
  expect(records.edges.map((e: any) => e.node.draft.voteDate)).toEqual(inWindow.map((p) => p.voteDate));
});
