import { isCompiled } from '../compiled/shapes';
import { seededAnalyst, seededGraphQL } from '../helpers/seeded';

// Issue 17, finding 3: an analyst retracts a statement with a reason. It is kept (the table, the change
// log, retractedStatements, lookups by id) and left out of every answer, with every derivation to or
// from it: statement lists and their counts, search, tensions, timeline, provenance, corroboration,
// PROV-JSON, the credibility review, and the compiled reads as the resolvers.
const seeded = seededGraphQL();
const { analyst, ok } = seededAnalyst(seeded);

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';
const PENTAGON = { agent: 'entity:pentagon', source: 'source:pentagon-statements' };
const RETRACT = /* GraphQL */ `
  mutation($claim: String!, $statement: StatementRefInput!, $reason: String!) {
    retractStatement(claim: $claim, statement: $statement, reason: $reason) {
      __typename ... on Attribution { source { key } retraction { by reason } } ... on Error { message }
      ... on NotFoundError { kind }
    }
  }`;
const retract = async (claim: string, statement: object, reason: string) =>
  (await analyst<{ retractStatement: any }>(RETRACT, { claim, statement, reason })).data?.retractStatement;

const TROOPS_ANSWERS = /* GraphQL */ `
  query($key: String!) {
    claim(key: $key) {
      provenance { ... on ClaimProvenance {
        derivations { kind derived { key } origin { key } } primarySources { key } provJson } }
      corroboration { ... on Corroboration { independentOrigins documents suggestedCredibility } }
    }
  }`;
const troops = async () => (await ok(TROOPS_ANSWERS, { key: TROOPS })).claim;
/** A shape the compiler covers: the claim's, the source's and the entity's statements with their counts. */
const LISTS = /* GraphQL */ `
  query($key: String!) {
    claim(key: $key) { attributions(first: 20) { totalCount edges { node { quotation source { key } } } } }
    source(key: "source:pentagon-statements") { attributions(first: 20) { totalCount } }
    entity(key: "entity:pentagon") { statements(first: 50) { totalCount } }
  }`;

test('a retracted statement leaves the statement lists, provenance and corroboration, and stays on record with its reason', async () => {
  const before = await troops();
  seeded.db.queries.length = 0;
  const listsBefore = await ok(LISTS, { key: TROOPS });
  // The compiler answered the lists (one statement): it is what the retraction must reach there.
  expect(seeded.db.queries.filter((q) => isCompiled(q.sql))).toHaveLength(1);
  expect(before.provenance.primarySources).toContainEqual({ key: 'source:pentagon-statements' });
  const rootBefore = (await ok('{ attributions(first: 1) { totalCount } }')).attributions.totalCount;

  expect(await retract(TROOPS, PENTAGON, '  ')).toMatchObject({ __typename: 'InputValidationError' });
  expect(await retract(TROOPS, PENTAGON, 'The briefing gave no figure; the wire report is the earliest.')).toEqual({
    __typename: 'Attribution',
    source: { key: 'source:pentagon-statements' },
    retraction: { by: 'lee', reason: 'The briefing gave no figure; the wire report is the earliest.' },
  });

  const after = await troops();
  // The wire report's statement quoted the Pentagon's: that step goes with it, and the wire report is
  // now the earliest on record.
  expect(before.provenance.derivations).toContainEqual({
    kind: 'QUOTES',
    derived: { key: 'source:ap-news-report' },
    origin: { key: 'source:pentagon-statements' },
  });
  expect(after.provenance.derivations).toEqual([
    { kind: 'PARAPHRASES', derived: { key: 'source:seed-article' }, origin: { key: 'source:ap-news-report' } },
  ]);
  expect(after.provenance.primarySources).toEqual([{ key: 'source:ap-news-report' }]);
  // PROV-JSON: the statements, and the wire report's document-level quotation of the briefing (context).
  const statementsIn = (c: any) =>
    Object.values(c.provenance.provJson.entity as Record<string, any>)
      .filter((e) => e['prov:type'] === 'kb:Statement')
      .map((e) => e['kb:source']);
  expect(statementsIn(before)).toContain('source:pentagon-statements');
  expect(statementsIn(after)).toEqual(['source:seed-article', 'source:ap-news-report']);
  expect(after.corroboration.documents).toBe(before.corroboration.documents - 1);
  // The compiled provenance read (no PROV-JSON asked) answers the same.
  seeded.db.queries.length = 0;
  const compiled = await ok(
    'query($key: String!) { claim(key: $key) { provenance { ... on ClaimProvenance { derivations { kind derived { key } origin { key } } primarySources { key } } } } }',
    { key: TROOPS },
  );
  expect(seeded.db.queries.filter((q) => isCompiled(q.sql))).toHaveLength(1);
  expect(compiled.claim.provenance).toEqual({
    derivations: after.provenance.derivations,
    primarySources: after.provenance.primarySources,
  });

  seeded.db.queries.length = 0;
  const lists = await ok(LISTS, { key: TROOPS });
  expect(seeded.db.queries.filter((q) => isCompiled(q.sql))).toHaveLength(1);
  // As the README's example says.
  expect([listsBefore.claim.attributions.totalCount, lists.claim.attributions.totalCount]).toEqual([3, 2]);
  expect(lists.claim.attributions.edges.map((e: any) => e.node.source.key)).not.toContain('source:pentagon-statements');
  expect(lists.source.attributions.totalCount).toBe(listsBefore.source.attributions.totalCount - 1);
  expect(lists.entity.statements.totalCount).toBe(listsBefore.entity.statements.totalCount - 1);
  expect((await ok('{ attributions(first: 1) { totalCount } }')).attributions.totalCount).toBe(rootBefore - 1);
  // The same lists through the resolvers (an uncovered field beside them sends the whole operation there).
  const resolved = await ok(
    'query($key: String!) { claim(key: $key) { attributions(first: 20) { totalCount } tensions { __typename } } }',
    { key: TROOPS },
  );
  expect(resolved.claim.attributions.totalCount).toBe(lists.claim.attributions.totalCount);

  // Kept: the row, the change log, the list of retractions, the wire report's derivation from it.
  expect(await seeded.db.prisma.attribution.count({ where: { retractedBy: 'lee' } })).toBe(1);
  const logged = await seeded.db.prisma.changeLog.findFirst({
    where: { tableName: 'attribution', operation: 'UPDATE' },
    orderBy: { id: 'desc' },
  });
  expect(logged?.after).toMatchObject({ retracted_by: 'lee' });
  const listed = await ok(
    '{ retractedStatements(first: 10) { totalCount edges { node { claim { key } source { key } retraction { by reason } } } } }',
  );
  expect(listed.retractedStatements).toEqual({
    totalCount: 1,
    edges: [
      {
        node: {
          claim: { key: TROOPS },
          source: { key: 'source:pentagon-statements' },
          retraction: { by: 'lee', reason: 'The briefing gave no figure; the wire report is the earliest.' },
        },
      },
    ],
  });
  expect(
    await seeded.db.prisma.statementDerivation.count({ where: { originAttribution: { retractedBy: 'lee' } } }),
  ).toBe(1);

  expect(await retract(TROOPS, PENTAGON, 'again')).toMatchObject({
    __typename: 'ConflictError',
    message: expect.stringContaining('retracted already, by lee'),
  });
  expect(await retract(TROOPS, { agent: 'entity:pentagon', source: 'source:nowhere' }, 'r')).toMatchObject({
    __typename: 'NotFoundError',
    kind: 'STATEMENT',
  });
});

test('search, tensions and timeline leave a retracted statement out', async () => {
  const claim = 'claim:deployment-unprecedented';
  const hits = async () =>
    (
      await ok(
        '{ search(query: "unprecedented move", types: [ATTRIBUTION]) { ... on SearchConnection { totalCount } } }',
      )
    ).search.totalCount;
  expect(await hits()).toBe(1);
  await retract(
    claim,
    { agent: 'entity:article-newsroom', source: 'source:seed-article', spanStart: 961, spanEnd: 984 },
    'r',
  );
  expect(await hits()).toBe(0);

  // A refuting statement makes the claim DISPUTED; retracted, it does not.
  const disputed = async () =>
    (
      await ok(
        `{ tensions(kind: DISPUTED, first: 10) { ... on TensionConnection { edges { node { claim { key } } } } } }`,
      )
    ).tensions.edges.map((e: any) => e.node.claim.key);
  const kursk = 'claim:kursk-is-frontline';
  await ok(
    `mutation { addAttribution(claim: "${kursk}", input: { agent: "entity:russia", source: "source:ap-news-report", stance: REFUTES }) { __typename } }`,
  );
  expect(await disputed()).toContain(kursk);
  await retract(kursk, { agent: 'entity:russia', source: 'source:ap-news-report' }, 'Not in the wire report.');
  expect(await disputed()).not.toContain(kursk);

  // A claim dated only by its statement leaves the timeline with that statement.
  await ok(`mutation { createClaim(input: { key: "claim:timeline-probe", subject: "entity:north-korea", predicate: "probe",
    statement: "A probe.", value: { kind: TEXT, text: "probe" }, modality: ASSERTED,
    attributions: [{ agent: "entity:pentagon", source: "source:ap-news-report", stance: SUPPORTS, statedAt: "2024-10-30T00:00:00Z" }] }) { __typename } }`);
  const onTimeline = async () =>
    JSON.stringify(
      await ok(
        '{ timeline(entity: "entity:north-korea", first: 100) { ... on TimelineConnection { nodes { claim { key } } } } }',
      ),
    );
  expect(await onTimeline()).toContain('claim:timeline-probe');
  await retract('claim:timeline-probe', { agent: 'entity:pentagon', source: 'source:ap-news-report' }, 'r');
  expect(await onTimeline()).not.toContain('claim:timeline-probe');
});

test('a claim whose every statement is retracted keeps no evidence: no statements, nothing corroborates it, and the credibility review lists it', async () => {
  // The claim stays (deprecating it, with setClaimRank, is how a claim leaves the argument); it answers
  // as a claim with no evidence, and its curated grade now disagrees with the grade that suggests.
  const claim = 'claim:north-korean-forces-arriving-in-kursk';
  const review = async () =>
    (
      await ok('{ credibilityReview(first: 100) { edges { node { key } curatedCredibility suggestedCredibility } } }')
    ).credibilityReview.edges.map((e: any) => [e.node.key, e.curatedCredibility, e.suggestedCredibility]);
  expect(await review()).not.toContainEqual([claim, 2, 6]);
  for (const source of ['source:pentagon-statements', 'source:ap-news-report'])
    await retract(claim, { agent: 'entity:pentagon', source }, 'r');
  await retract(claim, { agent: 'entity:pentagon', source: 'source:seed-article', spanStart: 406, spanEnd: 499 }, 'r');
  const answer = (
    await ok(`{ claim(key: "${claim}") { key attributions(first: 5) { totalCount }
      corroboration { ... on Corroboration { independentOrigins documents suggestedCredibility } } } }`)
  ).claim;
  expect(answer).toEqual({
    key: claim,
    attributions: { totalCount: 0 },
    corroboration: { independentOrigins: 0, documents: 0, suggestedCredibility: 6 },
  });
  expect(await review()).toContainEqual([claim, 2, 6]);
});
