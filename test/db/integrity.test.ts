import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { writeAs } from '../../src/db/write';
import { seedBundleJson } from '../helpers/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The database keeps the rules even for writers that bypass the service's validation.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await importBundle(db.prisma, parseBundle(seedBundleJson()), { actor: 'seed' });
});
afterAll(() => db.drop());

const ids = async () => {
  const claim = await db.prisma.claim.findUniqueOrThrow({
    where: { key: 'claim:deployment-relatively-small' },
    include: { attributions: { where: { quotation: { not: null } } } },
  });
  const attribution = claim.attributions[0]!;
  return { claim, attribution: { ...attribution, quotation: attribution.quotation! } };
};

test('a quotation that is not the source text at its span is refused', async () => {
  const { attribution } = await ids();
  await expect(
    db.prisma.attribution.update({ where: { id: attribution.id }, data: { quotation: 'relatively large' } }),
  ).rejects.toThrow(/attribution quotation is not the text of source/);
});

test('a statement that adds quotations is refused whole when one of them is not the source text at its span', async () => {
  const { attribution } = await ids();
  const before = await db.prisma.attribution.count();
  const [one, other] = await db.prisma.entity.findMany({ where: { id: { not: attribution.agentId } }, take: 2 });
  const row = (agentId: number, quotation: string) => ({
    ...attribution,
    id: undefined,
    createdAt: undefined,
    agentId,
    quotation,
  });
  const good = row(one!.id, attribution.quotation);
  const bad = row(other!.id, `${attribution.quotation.startsWith('#') ? '*' : '#'}${attribution.quotation.slice(1)}`);
  await expect(db.prisma.attribution.createMany({ data: [good, bad] })).rejects.toThrow(
    new RegExp(
      `attribution quotation is not the text of source ${attribution.sourceId} at ${attribution.spanStart}-${attribution.spanEnd}`,
    ),
  );
  expect(await db.prisma.attribution.count()).toBe(before);
  await db.prisma.attribution.createMany({ data: [good] });
  expect(await db.prisma.attribution.count()).toBe(before + 1);
});

test('a source text cannot change under the quotations that rest on it', async () => {
  await expect(
    db.prisma.source.update({ where: { key: 'source:seed-article' }, data: { text: 'rewritten', textSha256: null } }),
  ).rejects.toThrow(/would no longer hold the quotations attributed to it/);
  await expect(
    db.pool.query(
      "UPDATE source SET text = 'x', text_sha256 = encode(sha256('x'), 'hex') WHERE key = 'source:seed-article'",
    ),
  ).rejects.toThrow(/would no longer hold the quotations/);
});

test('a vote record that breaks the Charter rule is refused at commit', async () => {
  const draft = await db.prisma.unscDraft.findUniqueOrThrow({ where: { key: 'unsc:s-2022-431' } });
  await expect(
    db.prisma.unscDraft.update({ where: { id: draft.id }, data: { outcome: 'ADOPTED', resolutionNumber: 2999 } }),
  ).rejects.toThrow(/say otherwise/);
  const vote = await db.prisma.unscVote.findFirstOrThrow({ where: { draftId: draft.id } });
  await expect(db.prisma.unscVote.delete({ where: { id: vote.id } })).rejects.toThrow(
    /needs one vote from each of the 15 members/,
  );
  expect(await db.prisma.unscVote.count({ where: { draftId: draft.id } })).toBe(15);
});

test('claim values must match their kind', async () => {
  const { claim } = await ids();
  await expect(db.prisma.claim.update({ where: { id: claim.id }, data: { valueKind: 'QUANTITY' } })).rejects.toThrow(
    /claim_value/,
  );
  await expect(db.prisma.claim.update({ where: { id: claim.id }, data: { rank: 'DEPRECATED' } })).rejects.toThrow(
    /claim_deprecation_reason/,
  );
});

test('every write is in the change log with its actor, and the log is append-only', async () => {
  const { claim } = await ids();
  await writeAs(db.prisma, 'analyst:lee', (tx) =>
    tx.claim.update({ where: { id: claim.id }, data: { credibility: 4, version: { increment: 1 } } }),
  );
  const entry = await db.prisma.changeLog.findFirstOrThrow({
    where: { tableName: 'claim', recordId: String(claim.id) },
    orderBy: { id: 'desc' },
  });
  expect(entry).toMatchObject({
    actor: 'analyst:lee',
    operation: 'UPDATE',
    before: expect.objectContaining({ credibility: null }),
    after: expect.objectContaining({ credibility: 4 }),
  });
  expect(await db.prisma.changeLog.count({ where: { actor: 'seed' } })).toBeGreaterThan(600);
  await expect(db.prisma.changeLog.updateMany({ data: { actor: 'someone else' } })).rejects.toThrow(/append-only/);
  await expect(db.prisma.changeLog.deleteMany({})).rejects.toThrow(/append-only/);
  await expect(db.pool.query('TRUNCATE change_log')).rejects.toThrow(/append-only/);
});

test('one statement over many rows logs each row it changed, by its key, and no row it left as it was', async () => {
  const claims = await db.prisma.claim.findMany({
    where: { credibility: null },
    orderBy: { id: 'asc' },
    take: 4,
    select: { id: true },
  });
  const [first, ...rest] = claims.map((c) => c.id);
  await writeAs(db.prisma, 'analyst:ana', (tx) => tx.claim.update({ where: { id: first! }, data: { credibility: 5 } }));
  const before = await db.prisma.changeLog.count();
  // Sets credibility 5 on all four: three change, one already had it (only updated_at moves).
  await writeAs(db.prisma, 'analyst:bo', (tx) =>
    tx.claim.updateMany({ where: { id: { in: [first!, ...rest] } }, data: { credibility: 5 } }),
  );
  expect(await db.prisma.changeLog.count()).toBe(before + 3);
  const logged = (await db.prisma.changeLog.findMany({ orderBy: { id: 'desc' }, take: 3 })).toReversed();
  expect(logged.map((e) => [e.actor, e.operation, e.recordId])).toEqual(
    rest.map((id) => ['analyst:bo', 'UPDATE', String(id)]),
  );
  expect(logged[0]!.before).toMatchObject({ credibility: null });
  expect(logged[0]!.after).toMatchObject({ credibility: 5 });

  // A composite key is logged as its columns joined by ':', and a delete keeps the row as it was.
  const link = await db.prisma.claimUnscRecord.findFirstOrThrow();
  await writeAs(db.prisma, 'analyst:bo', (tx) =>
    tx.claimUnscRecord.delete({ where: { claimId_draftId: { claimId: link.claimId, draftId: link.draftId } } }),
  );
  const deleted = await db.prisma.changeLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
  expect(deleted).toMatchObject({
    operation: 'DELETE',
    tableName: 'claim_unsc_record',
    recordId: `${link.claimId}:${link.draftId}`,
    after: null,
  });
  expect(deleted.before).toMatchObject({ claim_id: link.claimId, draft_id: link.draftId, support: link.support });
});

test('a statement in a held text needs its quotation; one without may only sit in a source whose text is not held', async () => {
  const { attribution } = await ids();
  const ap = await db.prisma.source.findUniqueOrThrow({ where: { key: 'source:ap-news-report' } });
  const [other] = await db.prisma.entity.findMany({ where: { id: { not: attribution.agentId } }, take: 1 });
  const unquoted = {
    ...attribution,
    id: undefined,
    createdAt: undefined,
    agentId: other!.id,
    quotation: null,
    spanStart: null,
    spanEnd: null,
  };
  await expect(db.prisma.attribution.create({ data: unquoted })).rejects.toThrow(
    /has no quotation, but the source holds its text/,
  );
  await expect(db.prisma.attribution.create({ data: { ...unquoted, quotation: 'x' } })).rejects.toThrow(
    /attribution_span/,
  );
  await expect(
    db.prisma.attribution.create({ data: { ...unquoted, sourceId: ap.id, wording: 'UNKNOWN', spanStart: 0 } }),
  ).rejects.toThrow(/attribution_span/);
  // A source that carries statements without quotations cannot take a text under them.
  await expect(
    db.pool.query(
      "UPDATE source SET text = 'x', text_sha256 = encode(sha256('x'), 'hex') WHERE key = 'source:ap-news-report'",
    ),
  ).rejects.toThrow(/would no longer hold the quotations/);
  // UNKNOWN wording is for a statement whose text is not held.
  await expect(
    db.prisma.attribution.update({ where: { id: attribution.id }, data: { wording: 'UNKNOWN' } }),
  ).rejects.toThrow(/attribution_wording_known/);
});

test('a statement derivation links two statements of one claim, names one origin, and not the statement itself', async () => {
  const troops = await db.prisma.claim.findUniqueOrThrow({
    where: { key: 'claim:north-korea-sent-10000-troops-to-russia' },
    include: { attributions: true },
  });
  const small = await db.prisma.claim.findUniqueOrThrow({
    where: { key: 'claim:deployment-relatively-small' },
    include: { attributions: true },
  });
  const [a, b] = troops.attributions;
  const source = await db.prisma.source.findUniqueOrThrow({ where: { key: 'source:ap-news-report' } });
  const row = { claimId: troops.id, attributionId: a!.id, kind: 'CITES' as const };
  await expect(
    db.prisma.statementDerivation.create({ data: { ...row, originAttributionId: small.attributions[0]!.id } }),
  ).rejects.toThrow(/statement_derivation_origin_attribution_id_claim_id_fkey/);
  await expect(
    db.prisma.statementDerivation.create({ data: { ...row, originAttributionId: b!.id, originSourceId: source.id } }),
  ).rejects.toThrow(/statement_derivation_one_origin/);
  await expect(db.prisma.statementDerivation.create({ data: row })).rejects.toThrow(/statement_derivation_one_origin/);
  await expect(db.prisma.statementDerivation.create({ data: { ...row, originAttributionId: a!.id } })).rejects.toThrow(
    /statement_derivation_not_self/,
  );
  await expect(
    db.prisma.statementDerivation.create({ data: { ...row, originSourceId: source.id, kind: 'REVISION_OF' } }),
  ).rejects.toThrow(/statement_derivation_not_revision/);
  // The same derivation from a source twice is one row (its origin statement is null in both).
  await db.prisma.statementDerivation.create({ data: { ...row, originSourceId: source.id } });
  await expect(db.prisma.statementDerivation.create({ data: { ...row, originSourceId: source.id } })).rejects.toThrow(
    /Unique constraint/,
  );
});
