import { importBundle } from '../../src/bundle/import';
import { UNSC_CSV_COLUMNS, unscVotesCsv } from '../../src/bundle/unsc-csv';
import { parseBundle } from '../../src/bundle/validate';
import { ClaimNotFoundError, claimProvJson } from '../../src/provenance/prov-json';
import { seedBundleJson } from '../helpers/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await importBundle(db.prisma, parseBundle(seedBundleJson()), { actor: 'seed' });
});
afterAll(() => db.drop());

test('PROV-JSON of a claim holds its statements, their agents and the chain of statements back to the origin', async () => {
  const doc = await claimProvJson(db.prisma, 'claim:north-korea-sent-10000-troops-to-russia');
  expect(Object.keys(doc).toSorted()).toEqual([
    'actedOnBehalfOf',
    'agent',
    'entity',
    'prefix',
    'wasAttributedTo',
    'wasDerivedFrom',
  ]);
  expect(doc.entity['claim:north-korea-sent-10000-troops-to-russia']).toMatchObject({
    'prov:type': 'kb:Claim',
    'kb:modality': 'ASSERTED',
  });
  // Each statement is an entity of its own, attributed to its agent, in its source.
  const statements = Object.entries(doc.entity).filter(([, e]) => e['prov:type'] === 'kb:Statement');
  expect(statements.map(([, e]) => [e['kb:source'], e['prov:value'] ?? null, e['kb:wording']])).toEqual([
    ['source:seed-article', expect.stringContaining('approximately 10,000 troops'), 'REPORTED'],
    ['source:ap-news-report', null, 'UNKNOWN'],
    ['source:pentagon-statements', null, 'OWN_WORDS'],
  ]);
  const [article, ap, pentagon] = statements.map(([id]) => id);
  const agentOf = (id: string) =>
    Object.values(doc.wasAttributedTo).find((a) => a['prov:entity'] === id)?.['prov:agent'];
  expect([article, ap, pentagon].map((id) => agentOf(id!))).toEqual(Array(3).fill('entity:pentagon'));
  const derivations = Object.values(doc.wasDerivedFrom).map((d) => [
    d['prov:generatedEntity'],
    d['prov:type'] ?? null,
    d['prov:usedEntity'],
    d['kb:documentLevel'] ?? false,
  ]);
  expect(derivations).toEqual(
    expect.arrayContaining([
      // The claim rests on its statements; the article's repeats the wire report's, which quotes the briefing's.
      ['claim:north-korea-sent-10000-troops-to-russia', null, article, false],
      [article, 'kb:Paraphrase', ap, false],
      [ap, 'prov:Quotation', pentagon, false],
      // The documents' own derivations are there as context, marked so.
      ['source:seed-article', 'kb:Citation', 'source:ap-news-report', true],
    ]),
  );
  // Every reference in the document names something the document defines.
  const fields = [
    'prov:entity',
    'prov:agent',
    'prov:generatedEntity',
    'prov:usedEntity',
    'prov:delegate',
    'prov:responsible',
  ];
  const references = [doc.wasAttributedTo, doc.wasDerivedFrom, doc.actedOnBehalfOf].flatMap((relation) =>
    Object.values(relation).flatMap((r) => fields.filter((field) => field in r).map((field) => r[field] as string)),
  );
  expect(references.length).toBeGreaterThan(0);
  expect(references.filter((ref) => !Object.hasOwn(doc.entity, ref) && !Object.hasOwn(doc.agent, ref))).toEqual([]);
});

test('PROV-JSON names the body a spokesman acted for', async () => {
  const doc = await claimProvJson(db.prisma, 'claim:deployment-relatively-small');
  expect(Object.values(doc.actedOnBehalfOf)).toEqual([
    { 'prov:delegate': 'entity:pat-ryder', 'prov:responsible': 'entity:pentagon' },
  ]);
  await expect(claimProvJson(db.prisma, 'claim:nothing-here')).rejects.toBeInstanceOf(ClaimNotFoundError);
});

test('the UNSC CSV has the UN voting-data columns and one row per member per decision', async () => {
  const [header, ...rows] = (await unscVotesCsv(db.prisma)).trimEnd().split('\n');
  expect(header).toBe(UNSC_CSV_COLUMNS.join(','));
  expect(rows).toHaveLength(11 * 15);
  const veto = rows.filter((r) => r.includes(',S/2022/431,')).map((r) => r.split(','));
  expect(veto).toHaveLength(15);
  const russia = veto.find((r) => r[6] === 'RUSSIAN FEDERATION')!;
  expect(russia.slice(7)).toEqual(['RUS', 'TRUE', 'N', '13', '2', '0', '0']);
  expect(rows.filter((r) => r.startsWith('S/RES/1718 (2006),'))).toHaveLength(15);
});
