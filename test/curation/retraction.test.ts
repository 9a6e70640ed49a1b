import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { seedBundleJson } from '../helpers/seed';
import { seededAnalyst, seededGraphQL } from '../helpers/seeded';

// Issue 17, finding 3: an analyst retracts a derivation, between documents or between statements, with a
// reason: it is kept (the table, the change log, the retraction lists), left out of every answer, and an
// import that names it again leaves it retracted.
const seeded = seededGraphQL();
const { analyst, ok } = seededAnalyst(seeded);

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';
const provenance = async () =>
  (
    await ok(`{ claim(key: "${TROOPS}") {
      provenance { ... on ClaimProvenance { derivations { kind derived { key } origin { key } } primarySources { key }
        documentDerivations { derived { key } origin { key } } provJson } }
      attributions(first: 20) { edges { node { source { key } derivedFrom { kind } } } } } }`)
  ).claim;
/** The statement-level wasDerivedFrom entries of the PROV-JSON. */
const statementSteps = (claim: any) =>
  Object.values(claim.provenance.provJson.wasDerivedFrom as Record<string, object>).filter(
    (d) => !('kb:documentLevel' in d),
  ).length;
const ARTICLE_STEP = {
  kind: 'PARAPHRASES',
  derived: { key: 'source:seed-article' },
  origin: { key: 'source:ap-news-report' },
};

test('a statement derivation retracted with a reason leaves every answer and stays on record', async () => {
  const before = await provenance();
  expect(before.provenance.derivations).toContainEqual(ARTICLE_STEP);
  const rows = await seeded.db.prisma.statementDerivation.count();
  const retract = (reason: string) =>
    analyst<{ retractStatementDerivation: any }>(
      `mutation($reason: String!) { retractStatementDerivation(claim: "${TROOPS}",
        statement: { agent: "entity:pentagon", source: "source:seed-article", spanStart: 100, spanEnd: 236 },
        origin: { agent: "entity:pentagon", source: "source:ap-news-report" }, kind: PARAPHRASES, reason: $reason) {
        __typename ... on StatementDerivation { retraction { by reason } } ... on Error { message } } }`,
      { reason },
    );
  expect((await retract('   ')).data?.retractStatementDerivation.__typename).toBe('InputValidationError');
  expect((await retract('The article does not name AP for this figure.')).data?.retractStatementDerivation).toEqual({
    __typename: 'StatementDerivation',
    retraction: { by: 'lee', reason: 'The article does not name AP for this figure.' },
  });
  const after = await provenance();
  expect(after.provenance.derivations).not.toContainEqual(ARTICLE_STEP);
  // The article's statement now repeats nothing on record: it is an origin of its own.
  expect(after.provenance.primarySources).toContainEqual({ key: 'source:seed-article' });
  expect(statementSteps(after)).toBe(statementSteps(before) - 1);
  expect(
    after.attributions.edges.find((e: any) => e.node.source.key === 'source:seed-article').node.derivedFrom,
  ).toEqual([]);
  // Kept: the row, its change-log entry, the list of retractions.
  expect(await seeded.db.prisma.statementDerivation.count()).toBe(rows);
  const logged = await seeded.db.prisma.changeLog.findFirst({
    where: { tableName: 'statement_derivation', operation: 'UPDATE' },
    orderBy: { id: 'desc' },
  });
  expect(logged?.after).toMatchObject({
    retracted_by: 'lee',
    retraction_reason: 'The article does not name AP for this figure.',
  });
  const listed = await ok(
    '{ retractedStatementDerivations(first: 10) { totalCount edges { node { kind statement { source { key } } retraction { reason } } } } }',
  );
  expect(listed.retractedStatementDerivations.totalCount).toBe(1);
  expect((await retract('again')).data?.retractStatementDerivation.__typename).toBe('ConflictError');
});

test('a document derivation retracted leaves the answers, and re-importing the bundle that named it leaves it retracted', async () => {
  const step = { derived: { key: 'source:seed-article' }, origin: { key: 'source:pentagon-statements' } };
  expect((await provenance()).provenance.documentDerivations).toContainEqual(step);
  const retracted =
    await ok(`mutation { retractDerivation(derived: "source:seed-article", origin: "source:pentagon-statements",
    kind: CITES, reason: "The article cites AP, not the briefing itself.") { __typename ... on SourceDerivation { retraction { by } } } }`);
  expect(retracted.retractDerivation).toEqual({ __typename: 'SourceDerivation', retraction: { by: 'lee' } });
  expect((await provenance()).provenance.documentDerivations).not.toContainEqual(step);
  const source = await ok('{ source(key: "source:seed-article") { derivedFrom { origin { key } } } }');
  expect(source.source.derivedFrom).not.toContainEqual({ origin: { key: 'source:pentagon-statements' } });
  await importBundle(seeded.db.prisma, parseBundle(seedBundleJson()), { actor: 'test' });
  expect((await provenance()).provenance.documentDerivations).not.toContainEqual(step);
  const listed = await ok(
    '{ retractedDerivations(first: 10) { totalCount edges { node { origin { key } retraction { reason } } } } }',
  );
  expect(listed.retractedDerivations).toEqual({
    totalCount: 1,
    edges: [
      {
        node: {
          origin: { key: 'source:pentagon-statements' },
          retraction: { reason: 'The article cites AP, not the briefing itself.' },
        },
      },
    ],
  });
});
