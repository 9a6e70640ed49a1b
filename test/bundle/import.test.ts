import { exportBundle } from '../../src/bundle/export';
import { type ImportReport, importBundle, RECORD_KINDS } from '../../src/bundle/import';
import { BundleValidationError } from '../../src/bundle/problems';
import { parseBundle } from '../../src/bundle/validate';
import { retractDerivation, retractStatement, retractStatementDerivation } from '../../src/curation/retract';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { seedBundleJson } from '../helpers/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const run = async (prisma: PrismaClient, json: unknown, actor = 'test') =>
  importBundle(prisma, parseBundle(json), { actor });
const totals = (report: ImportReport) =>
  RECORD_KINDS.reduce(
    (t, k) => ({
      created: t.created + report[k].created,
      updated: t.updated + report[k].updated,
      unchanged: t.unchanged + report[k].unchanged,
    }),
    {
      created: 0,
      updated: 0,
      unchanged: 0,
    },
  );

async function rowCounts(prisma: PrismaClient) {
  const [entities, sources, claims, attributions, votes, changes] = await Promise.all([
    prisma.entity.count(),
    prisma.source.count(),
    prisma.claim.count(),
    prisma.attribution.count(),
    prisma.unscVote.count(),
    prisma.changeLog.count(),
  ]);
  return { entities, sources, claims, attributions, votes, changes };
}

test('imports the seed, and importing it again changes nothing', async () => {
  const seed = seedBundleJson();
  const first = await run(db.prisma, seed);
  expect(first.entity.created).toBe(seed.entities.length);
  expect(first.claim.created).toBe(seed.claims.length);
  expect(first.attribution.created).toBe(seed.claims.reduce((n, c) => n + (c.attributions?.length ?? 0), 0));
  expect(first.vote.created).toBe(11 * 15);
  expect(totals(first)).toMatchObject({ updated: 0, unchanged: 0 });
  const before = await rowCounts(db.prisma);
  expect(before.changes).toBe(totals(first).created);

  const second = await run(db.prisma, seed);
  expect(totals(second)).toEqual({ created: 0, updated: 0, unchanged: totals(first).created });
  expect(await rowCounts(db.prisma)).toEqual(before);
});

test('a changed record is updated, its version bumped, and the change log holds before and after with the actor', async () => {
  const seed = seedBundleJson();
  await run(db.prisma, seed);
  const claim = seed.claims.find((c) => c.key === 'claim:deployment-relatively-small')!;
  claim.credibility = 3;
  const report = await run(db.prisma, seed, 'analyst:kim');
  expect(report.claim).toEqual({ created: 0, updated: 1, unchanged: seed.claims.length - 1 });
  const stored = await db.prisma.claim.findUniqueOrThrow({ where: { key: claim.key } });
  expect(stored).toMatchObject({ credibility: 3, version: 2 });
  const [change] = await db.prisma.changeLog.findMany({
    where: { tableName: 'claim', recordId: String(stored.id), operation: 'UPDATE' },
  });
  expect(change).toMatchObject({
    actor: 'analyst:kim',
    before: expect.objectContaining({ credibility: null, version: 1 }),
    after: expect.objectContaining({ credibility: 3, version: 2 }),
  });
});

test('an export re-imports into an empty database to the same state', async () => {
  await run(db.prisma, seedBundleJson());
  const exported = await exportBundle(db.prisma);
  const other = await createTestDatabase();
  try {
    const report = await run(other.prisma, JSON.parse(JSON.stringify(exported)));
    expect(totals(report).created).toBe((await rowCounts(db.prisma)).changes);
    expect(await exportBundle(other.prisma)).toEqual(exported);
    const { changes: _a, ...here } = await rowCounts(db.prisma);
    const { changes: _b, ...there } = await rowCounts(other.prisma);
    expect(there).toEqual(here);
  } finally {
    await other.drop();
  }
});

test('retracted statements and derivations export with their retraction, and import retracted: a round trip keeps them', async () => {
  const seed = seedBundleJson();
  expect(seed.version).toBe(3); // the seed is an older bundle, read as the current version
  await run(db.prisma, seed);
  const troops = 'claim:north-korea-sent-10000-troops-to-russia';
  const reason = 'Checked against the briefing transcript.';
  await retractStatement(db.prisma, 'lee', {
    claim: troops,
    statement: { agent: 'entity:pentagon', source: 'source:pentagon-statements' },
    reason,
  });
  await retractStatementDerivation(db.prisma, 'lee', {
    claim: troops,
    statement: { agent: 'entity:pentagon', source: 'source:seed-article', spanStart: 100, spanEnd: 236 },
    origin: { agent: 'entity:pentagon', source: 'source:ap-news-report' },
    kind: 'PARAPHRASES',
    reason,
  });
  await retractDerivation(db.prisma, 'lee', {
    derived: 'source:seed-article',
    origin: 'source:pentagon-statements',
    kind: 'CITES',
    reason,
  });
  const exported = JSON.parse(JSON.stringify(await exportBundle(db.prisma)));
  expect(exported.version).toBe(5);
  const statements = exported.claims.find((c: any) => c.key === troops).attributions;
  const retraction = { at: expect.any(String), by: 'lee', reason };
  expect(statements.find((a: any) => a.source === 'source:pentagon-statements').retraction).toEqual(retraction);
  expect(statements.find((a: any) => a.source === 'source:seed-article').derivedFrom[0].retraction).toEqual(retraction);
  expect(
    exported.sources
      .find((s: any) => s.key === 'source:seed-article')
      .derivedFrom.find((d: any) => d.source === 'source:pentagon-statements').retraction,
  ).toEqual(retraction);

  // Importing the export again changes nothing; into an empty database it gives the same state.
  expect(totals(await run(db.prisma, exported))).toMatchObject({ created: 0, updated: 0 });
  const other = await createTestDatabase();
  try {
    await run(other.prisma, exported);
    expect(await exportBundle(other.prisma)).toEqual(exported);
    const retracted = { retractedBy: 'lee', retractionReason: reason };
    expect(await other.prisma.attribution.count({ where: retracted })).toBe(1);
    expect(await other.prisma.statementDerivation.count({ where: retracted })).toBe(1);
    expect(await other.prisma.sourceDerivation.count({ where: retracted })).toBe(1);
  } finally {
    await other.drop();
  }
  // A retraction is not undone by a bundle that names the record without one.
  expect(totals(await run(db.prisma, seed))).toMatchObject({ created: 0, updated: 0 });
  expect(await db.prisma.attribution.count({ where: { retractedBy: 'lee' } })).toBe(1);
});

describe('a bad bundle is rejected with the path of each bad element, and nothing is written', () => {
  type Seed = ReturnType<typeof seedBundleJson>;
  const draft = (seed: Seed, key: string) => seed.unsc!.drafts!.find((d) => d.key === key)!;
  const cases: [string, (seed: Seed) => void, RegExp][] = [
    [
      'a quotation that is not the source text at its span',
      (s) => {
        const a = s.claims.find((c) => c.key === 'claim:deployment-relatively-small')!.attributions![0]!;
        a.span = [a.span![0] + 1, a.span![1] + 1];
      },
      /^claims\[\d+\]\.attributions\[0\]: quotation "relatively small" is not the text at \d+-\d+ of source:seed-article/m,
    ],
    [
      'an unknown reference',
      (s) => (s.claims[3]!.subject = 'entity:atlantis'),
      /^claims\[3\]\.subject: unknown entity entity:atlantis$/m,
    ],
    [
      'a duplicate key',
      (s) => s.entities.push({ ...s.entities[0]! }),
      /^entities\[\d+\]: duplicate entity:north-korea \(first at entities\[0\]\)$/m,
    ],
    [
      'a vote record missing a member',
      (s) => draft(s, 'unsc:s-2022-431').decision!.votes.pop(),
      /^unsc\.drafts\[\d+\]\.decision: no vote recorded for entity:\S+ \(one vote from each of the 15 members of 2022\)$/m,
    ],
    [
      'a vote from a state that was not a member that year',
      (s) => (draft(s, 'unsc:s-2022-431').decision!.votes[0]!.member = 'entity:japan'),
      /votes but was not a member of the Council in 2022/,
    ],
    [
      'a tally that contradicts the votes',
      (s) => (draft(s, 'unsc:s-2024-255').decision!.tally = { yes: 14, no: 1, abstentions: 0, nonVoting: 0 }),
      /tally 14-1-0 does not match the votes, which count 13-1-1/,
    ],
    [
      "an outcome that contradicts the Charter rule (a permanent member's no is a veto)",
      (s) => {
        const d = draft(s, 'unsc:s-2022-431').decision!;
        d.outcome = 'ADOPTED';
        d.resolution = 2999;
      },
      /outcome ADOPTED contradicts the votes: 13 yes and a veto by entity:china, entity:russia means NOT_ADOPTED under Art. 27\(3\)/,
    ],
    ['a grade out of range', (s) => (s.claims[0]!.credibility = 7), /^claims\[0\]\.credibility: /m],
    [
      'a reliability grade that does not exist',
      (s) => (s.sources[0]!.reliability!.grade = 'G' as never),
      /^sources\[0\]\.reliability\.grade: /m,
    ],
    [
      'a date that is not a date',
      (s) => (draft(s, 'unsc:res-1718').decision!.date = '2006-13-45'),
      /^unsc\.drafts\[0\]\.decision\.date: /m,
    ],
    [
      'a span past the end of the text',
      (s) => (s.claims[0]!.attributions![0]!.span = [5000, 5010]),
      /runs past the end of source:seed-article/,
    ],
  ];
  test.each(cases)('%s', async (_name, corrupt, message) => {
    await run(db.prisma, {
      format: 'provenance-kb-bundle',
      version: 1,
      entities: [{ key: 'entity:placeholder', kind: 'OTHER', name: 'Placeholder' }],
    });
    const before = await rowCounts(db.prisma);
    const seed = seedBundleJson();
    corrupt(seed);
    const error = await run(db.prisma, seed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleValidationError);
    expect((error as Error).message).toMatch(message);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });
});

test('a source text once stored cannot be replaced by a bundle', async () => {
  const seed = seedBundleJson();
  await run(db.prisma, seed);
  seed.sources[0]!.text += ' Updated.';
  await expect(run(db.prisma, seed)).rejects.toThrow(
    /sources\[0\]\.text: differs from the text stored for source:seed-article/,
  );
});

test('a bulk import merges what it added to the search indexes, so that searches need not scan a pending list', async () => {
  const entities = Array.from({ length: 1_500 }, (_, i) => ({
    key: `entity:bulk-${i}`,
    kind: 'GROUP',
    name: `Bulk group number ${i}`,
  }));
  await run(db.prisma, { format: 'provenance-kb-bundle', version: 1, entities });
  // gin_clean_pending_list returns the pages it had to merge: none are left.
  const { rows } = await db.pool.query("SELECT gin_clean_pending_list('entity_name_search_idx'::regclass) AS pages");
  expect(Number(rows[0].pages)).toBe(0);
});

test('a bundle that adds records beside stored ones merges the stored children and reads none for the new records', async () => {
  const seed = seedBundleJson();
  await run(db.prisma, seed);
  const stored = seed.claims.find(
    (c) => (c.attributions?.length ?? 0) > 1 && c.attributions!.every((a) => !a.derivedFrom?.length),
  )!;
  const attribution = stored.attributions![0]!;
  attribution.stance = attribution.stance === 'REFUTES' ? 'SUPPORTS' : 'REFUTES';
  const added = { ...stored, key: 'claim:added-beside-stored', attributions: [stored.attributions![1]!] };
  seed.claims.push(added);
  const attributions = seed.claims.reduce((n, c) => n + (c.attributions?.length ?? 0), 0);

  db.queries.length = 0;
  const report = await run(db.prisma, seed);
  expect(report.claim).toEqual({ created: 1, updated: 0, unchanged: seed.claims.length - 1 });
  expect(report.attribution).toEqual({ created: 1, updated: 1, unchanged: attributions - 2 });
  const { id: addedId } = await db.prisma.claim.findUniqueOrThrow({ where: { key: added.key }, select: { id: true } });
  const childReads = db.queries.filter((q) =>
    /^SELECT .* FROM "public"\."(attribution|claim_unsc_record)"/.test(q.sql),
  );
  expect(childReads.length).toBe(2);
  expect(childReads.flatMap((q) => q.params)).not.toContain(addedId);
  expect(
    await db.prisma.attribution.findMany({ where: { claim: { key: added.key } }, select: { stance: true } }),
  ).toEqual([{ stance: stored.attributions![1]!.stance }]);
});
