import { lockWrites } from '../bundle/import';
import { BundleValidationError } from '../bundle/problems';
import { writeAs } from '../db/write';
import type { PrismaClient } from '../generated/prisma/client';
import type { DerivationKind } from '../generated/prisma/enums';
import { ConflictError, NotFoundError } from './errors';
import { idOf } from './records';

// Retracting a statement or a derivation marks it, with who, when and why; it is never deleted. Every
// answer leaves it out (src/db/standing.ts: statement lists, search, tensions, timeline, provenance,
// corroboration, PROV-JSON), and with a statement every derivation to or from it; the change log, the
// retraction lists, lookups by id and bundle exports keep it. An import that names it again leaves it
// retracted.

/** A statement as the bundle names it: its claim, agent and source, and its span where it has one. */
export type StatementRef = { agent: string; source: string; spanStart?: number | null; spanEnd?: number | null };

const reasonGiven = (reason: string) => {
  if (!reason.trim()) throw new BundleValidationError([{ path: 'reason', message: 'a retraction needs a reason' }]);
  return reason.trim();
};

const retraction = (actor: string, reason: string) => ({
  retractedAt: new Date(),
  retractedBy: actor,
  retractionReason: reasonGiven(reason),
});

const alreadyRetracted = (what: string, row: { retractedAt: Date | null; retractedBy: string | null }) => {
  if (row.retractedAt)
    throw new ConflictError(`${what} was retracted already, by ${row.retractedBy} at ${row.retractedAt.toISOString()}`);
};

/** Retracts the document-level derivation of `derived` from `origin` of kind `kind`. */
export function retractDerivation(
  prisma: PrismaClient,
  actor: string,
  input: { derived: string; origin: string; kind: DerivationKind; reason: string },
) {
  const data = retraction(actor, input.reason);
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const derivedId = await idOf(tx, 'source', input.derived);
    const originId = await idOf(tx, 'source', input.origin);
    const what = `${input.derived} ${input.kind} ${input.origin}`;
    const row = await tx.sourceDerivation.findFirst({ where: { derivedId, originId, kind: input.kind } });
    if (!row) throw new NotFoundError('derivation', what);
    alreadyRetracted(what, row);
    return tx.sourceDerivation.update({ where: { id: row.id }, data });
  });
}

const statementWhere = (claim: string, s: StatementRef) => ({
  claim: { key: claim },
  agent: { key: s.agent },
  source: { key: s.source },
  spanStart: s.spanStart ?? null,
  spanEnd: s.spanEnd ?? null,
});
// A slot holds one statement not retracted and any number retracted (migration statement_slots): a
// reference names the one not retracted, or else the latest retracted.
const standingFirst = { retractedAt: { sort: 'desc', nulls: 'first' } } as const;

/** Retracts a statement of `claim`: it and the derivations to and from it leave every answer. */
export function retractStatement(
  prisma: PrismaClient,
  actor: string,
  input: { claim: string; statement: StatementRef; reason: string },
) {
  const data = retraction(actor, input.reason);
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const what = `${input.claim}: ${input.statement.agent} in ${input.statement.source}`;
    const row = await tx.attribution.findFirst({
      where: statementWhere(input.claim, input.statement),
      orderBy: standingFirst,
    });
    if (!row) throw new NotFoundError('statement', what);
    alreadyRetracted(what, row);
    return tx.attribution.update({ where: { id: row.id }, data });
  });
}

/** Retracts what a statement of `claim` repeats: the statement `origin`, or the source `originSource` as a whole. */
export function retractStatementDerivation(
  prisma: PrismaClient,
  actor: string,
  input: {
    claim: string;
    statement: StatementRef;
    origin?: StatementRef | null;
    originSource?: string | null;
    kind: DerivationKind;
    reason: string;
  },
) {
  if (!input.origin === !input.originSource)
    throw new BundleValidationError([
      { path: 'origin', message: 'names either the statement or the source it derives from, not both' },
    ]);
  const data = retraction(actor, input.reason);
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const what = `${input.claim}: ${input.statement.agent} in ${input.statement.source} ${input.kind} ${input.origin ? `${input.origin.agent} in ${input.origin.source}` : input.originSource}`;
    const row = await tx.statementDerivation.findFirst({
      where: {
        attribution: statementWhere(input.claim, input.statement),
        kind: input.kind,
        ...(input.origin
          ? { originAttribution: statementWhere(input.claim, input.origin) }
          : { originSource: { key: input.originSource! } }),
      },
      orderBy: [{ attribution: standingFirst }, { originAttribution: standingFirst }, standingFirst],
    });
    if (!row) throw new NotFoundError('statement derivation', what);
    alreadyRetracted(what, row);
    return tx.statementDerivation.update({ where: { id: row.id }, data });
  });
}
