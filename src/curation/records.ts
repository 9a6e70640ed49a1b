import { claimRecords } from '../bundle/export';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../bundle/format';
import { type ImportReport, importBundle, lockWrites } from '../bundle/import';
import { BundleValidationError } from '../bundle/problems';
import { parseBundle } from '../bundle/validate';
import type { RawReader } from '../db/raw-sql';
import { type Tx, writeAs } from '../db/write';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { DerivationKind, Rank } from '../generated/prisma/enums';
import { DerivationCycleError, sourceCycle } from '../rules/derivation-cycles';
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
    curation: true,
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

/** A bundle statement record, checked when applied; its agent, source and span name its slot. */
type AttributionRecord = { agent: string; source: string; span?: readonly (number | null | undefined)[] };

/**
 * Adds a statement to a stored claim, as a bundle that holds the claim as stored and the new statement
 * would (the importer merges statements, never drops them), so that it meets every bundle rule: the
 * quotation at its span, its wording, the statements it derives from. The claim must not change
 * between the read and the write, and its slot (agent, source, span) must hold no statement that is not
 * retracted: a retracted one leaves it free for the correction.
 */
export async function addAttribution(
  prisma: PrismaClient,
  actor: string,
  input: { claim: string; attribution: AttributionRecord },
): Promise<{ id: number }> {
  const [stored] = await claimRecords(prisma, { key: input.claim });
  if (!stored) throw new NotFoundError('claim', input.claim);
  const version = await prisma.claim.findUniqueOrThrow({ where: { key: input.claim }, select: { version: true } });
  const a = input.attribution;
  const inSlot = (s: AttributionRecord) =>
    s.agent === a.agent && s.source === a.source && s.span?.join() === a.span?.join();
  const standing = async (db: Pick<PrismaClient, 'attribution'>) =>
    db.attribution.findFirst({
      where: {
        claim: { key: input.claim },
        agent: { key: a.agent },
        source: { key: a.source },
        spanStart: a.span?.[0] ?? null,
        spanEnd: a.span?.[1] ?? null,
        retractedAt: null,
      },
      select: { id: true },
    });
  // The slot's retracted statements go as stored, so that the importer takes them for themselves and the
  // new statement (first, where problems name it) is new, even where it says what one of them said.
  const retracted = (stored.attributions ?? []).filter((s) => s.retraction && inSlot(s));
  await apply(
    prisma,
    actor,
    { claims: [{ ...(stored as object), attributions: [a, ...retracted], unscRecords: [] }] },
    async (tx) => {
      await checkVersion(tx, 'claim', input.claim, version.version);
      if (await standing(tx)) throw new ConflictError(`${input.claim} already has this attribution`);
    },
  );
  const added = await standing(prisma);
  // Only a statement of the slot retracted between the read and the write, saying the same, takes it.
  if (!added) throw new ConflictError(`a statement of ${input.claim} there was retracted meanwhile; apply it again`);
  return added;
}

/** Records that `derived` was derived from `origin`, unless that closes a cycle (DerivationCycleError). */
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
    const created = await tx.sourceDerivation.create({
      data: { derivedId, originId, kind: input.kind, note: input.note?.trim() || null },
    });
    const cycle = await sourceCycle(tx, [input.derived]);
    if (cycle) throw new DerivationCycleError('source', cycle, 'origin');
    return created;
  });
}
