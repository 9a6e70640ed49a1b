import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../bundle/format';
import { type ImportReport, importBundle, lockWrites } from '../bundle/import';
import { BundleValidationError } from '../bundle/problems';
import { parseBundle } from '../bundle/validate';
import type { RawReader } from '../db/raw-sql';
import { type Tx, writeAs } from '../db/write';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { DerivationKind, Rank, Stance } from '../generated/prisma/enums';
import { codePoints, quotationProblem } from '../rules/quotation';
import { ConflictError, NotFoundError } from './errors';

// Curation writes go through the bundle importer, so that a record created or updated through the
// API meets exactly the rules a bundle does: one validation implementation.

export type RecordKind = 'entity' | 'source' | 'claim' | 'unsc draft';
const tableOf: Record<RecordKind, string> = {
  entity: 'entity',
  source: 'source',
  claim: 'claim',
  'unsc draft': 'unsc_draft',
};

/** Bundle records as JSON, checked by the bundle's schema and rules when applied. */
export type Records = {
  entities?: object[];
  sources?: object[];
  claims?: object[];
  unsc?: { memberships?: object[]; drafts?: object[] };
};

async function versionOf(tx: Tx, kind: RecordKind, key: string): Promise<number | undefined> {
  const rows = await tx.$queryRawUnsafe<{ version: number }[]>(
    `SELECT version FROM "${tableOf[kind]}" WHERE key = $1 FOR UPDATE`,
    key,
  );
  return rows[0]?.version;
}

const apply = (prisma: PrismaClient, actor: string, records: Records, precheck: (tx: Tx) => Promise<void>) =>
  importBundle(prisma, parseBundle({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...records }), {
    actor,
    precheck,
  });

/** Creates a record that must not exist yet; a taken key is a ConflictError. */
export function createRecord(
  prisma: PrismaClient,
  actor: string,
  kind: RecordKind,
  key: string,
  records: Records,
): Promise<ImportReport> {
  return apply(prisma, actor, records, async (tx) => {
    if ((await versionOf(tx, kind, key)) !== undefined) throw new ConflictError(`${key} exists already`);
  });
}

/** Replaces a record's fields and merges its lists, if it is still at `expectedVersion`. */
export function updateRecord(
  prisma: PrismaClient,
  actor: string,
  kind: RecordKind,
  key: string,
  expectedVersion: number,
  records: Records,
): Promise<ImportReport> {
  return apply(prisma, actor, records, (tx) => checkVersion(tx, kind, key, expectedVersion));
}

async function checkVersion(tx: Tx, kind: RecordKind, key: string, expectedVersion: number) {
  const version = await versionOf(tx, kind, key);
  if (version === undefined) throw new NotFoundError(kind, key);
  if (version !== expectedVersion)
    throw new ConflictError(
      `${key} is at version ${version}, not ${expectedVersion}: someone changed it; reload and apply your change again`,
    );
}

/** A guarded single-record write: under the write lock, at the expected version, in one transaction. */
async function guardedWrite<T>(
  prisma: PrismaClient,
  actor: string,
  guard: { kind: RecordKind; key: string; expectedVersion: number },
  work: (tx: Tx) => Promise<T>,
) {
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    await checkVersion(tx, guard.kind, guard.key, guard.expectedVersion);
    return work(tx);
  });
}

/** Changes a claim's rank: deprecating needs a reason, and nothing is deleted. */
export function setClaimRank(
  prisma: PrismaClient,
  actor: string,
  input: { key: string; expectedVersion: number; rank: Rank; reason?: string | null },
) {
  if ((input.rank === 'DEPRECATED') !== Boolean(input.reason?.trim())) {
    throw new BundleValidationError([
      {
        path: 'reason',
        message:
          input.rank === 'DEPRECATED'
            ? 'a deprecated claim needs a reason for deprecation'
            : 'only a deprecated claim has a reason for deprecation',
      },
    ]);
  }
  return guardedWrite(prisma, actor, { kind: 'claim', ...input }, (tx) =>
    tx.claim.update({
      where: { key: input.key },
      data: { rank: input.rank, deprecationReason: input.reason?.trim() || null, version: { increment: 1 } },
    }),
  );
}

export function setClaimCredibility(
  prisma: PrismaClient,
  actor: string,
  input: { key: string; expectedVersion: number; credibility: number | null },
) {
  return guardedWrite(prisma, actor, { kind: 'claim', ...input }, (tx) =>
    tx.claim.update({ where: { key: input.key }, data: { credibility: input.credibility, version: { increment: 1 } } }),
  );
}

/** The id of the entity, source or claim with `key` (inside a transaction or not), or a NotFoundError. */
export async function idOf(db: RawReader, kind: 'entity' | 'source' | 'claim', key: string): Promise<number> {
  const rows = await db.$queryRaw<{ id: number }[]>(
    Prisma.sql`SELECT id FROM ${Prisma.raw(`"${kind}"`)} WHERE key = ${key}`,
  );
  if (!rows[0]) throw new NotFoundError(kind, key);
  return rows[0].id;
}

/** Adds evidence to a claim: the quotation must be the source's text at its span (the bundle rule). */
export function addAttribution(
  prisma: PrismaClient,
  actor: string,
  input: {
    claim: string;
    agent: string;
    onBehalfOf?: string | null;
    source: string;
    quotation: string;
    span: [number, number];
    stance: Stance;
    statedAt?: Date | null;
  },
) {
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const claimId = await idOf(tx, 'claim', input.claim);
    const agentId = await idOf(tx, 'entity', input.agent);
    const sourceId = await idOf(tx, 'source', input.source);
    const onBehalfOfId = input.onBehalfOf ? await idOf(tx, 'entity', input.onBehalfOf) : null;
    const source = await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } });
    const problem = quotationProblem(
      input.source,
      source.text === null ? null : codePoints(source.text),
      input.quotation,
      input.span,
    );
    if (problem) throw new BundleValidationError([{ path: 'quotation', message: problem }]);
    const existing = await tx.attribution.findFirst({
      where: { claimId, agentId, sourceId, spanStart: input.span[0], spanEnd: input.span[1] },
    });
    if (existing) throw new ConflictError(`${input.claim} already has this attribution`);
    return tx.attribution.create({
      data: {
        claimId,
        agentId,
        onBehalfOfId,
        sourceId,
        quotation: input.quotation,
        spanStart: input.span[0],
        spanEnd: input.span[1],
        stance: input.stance,
        statedAt: input.statedAt ?? null,
      },
    });
  });
}

/** Records that `derived` was derived from `origin`. */
export function addDerivation(
  prisma: PrismaClient,
  actor: string,
  input: { derived: string; origin: string; kind: DerivationKind; note?: string | null },
) {
  if (input.derived === input.origin)
    throw new BundleValidationError([{ path: 'origin', message: 'a source cannot be derived from itself' }]);
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const derivedId = await idOf(tx, 'source', input.derived);
    const originId = await idOf(tx, 'source', input.origin);
    if (await tx.sourceDerivation.findFirst({ where: { derivedId, originId, kind: input.kind } })) {
      throw new ConflictError(`${input.derived} is already recorded as ${input.kind} ${input.origin}`);
    }
    return tx.sourceDerivation.create({
      data: { derivedId, originId, kind: input.kind, note: input.note?.trim() || null },
    });
  });
}
