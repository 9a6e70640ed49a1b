import type { Prisma } from '../generated/prisma/client';

// What every answer reads of the evidence: the statements that stand, not retracted
// (src/curation/retract.ts) and not the duplicate a merge marked (src/curation/merge.ts) of a statement
// that stands (a duplicate of a retracted statement counts in its place), and the statement
// derivations that stand, not retracted and between standing statements. SQL reads the views that define
// them (migration statement_retractions); Prisma reads the same conditions, written once here. Only the
// retraction lists, the change log, history, lookups by id and the bundle export see the others.

/** The views of the standing rows, for SQL built as text. */
export const STANDING = {
  attribution: 'standing_attribution',
  statementDerivation: 'standing_statement_derivation',
} as const;

/** A standing statement, as a Prisma condition. */
export const standingStatement = {
  retractedAt: null,
  OR: [{ duplicateOfId: null }, { duplicateOf: { retractedAt: { not: null } } }],
} satisfies Prisma.AttributionWhereInput;

/** A standing statement derivation, as a Prisma condition. */
export const standingStatementDerivation = {
  retractedAt: null,
  attribution: standingStatement,
  OR: [{ originAttributionId: null }, { originAttribution: standingStatement }],
} satisfies Prisma.StatementDerivationWhereInput;
