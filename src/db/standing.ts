import type { Prisma } from '../generated/prisma/client';

// What every answer reads of the evidence: the statements that stand, not retracted
// (src/curation/retract.ts) and not the duplicate a merge marked (src/curation/merge.ts) of a statement
// that stands (a duplicate of a retracted statement counts in its place), the statement derivations that
// stand, not retracted and between standing statements, and the document-level derivations that stand,
// not retracted. SQL reads the views that define them (migrations statement_retractions and
// standing_source_derivation); Prisma reads the same conditions, written once here. Only the retraction
// lists, the change log, history, lookups by id and the bundle export see the others.
// The views select `*`, which PostgreSQL expands when a view is created: a migration that adds a column to
// attribution, statement_derivation or source_derivation runs that table's view again as CREATE OR REPLACE
// VIEW (which takes a column added last), or the column is missing from every read through the view
// (test/db/schema-conformance.test.ts checks each view has its table's columns).

/** The views of the standing rows, for SQL built as text. */
export const STANDING = {
  attribution: 'standing_attribution',
  statementDerivation: 'standing_statement_derivation',
  sourceDerivation: 'standing_source_derivation',
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

/** A standing document-level derivation, as a Prisma condition. */
export const standingSourceDerivation = { retractedAt: null } satisfies Prisma.SourceDerivationWhereInput;
