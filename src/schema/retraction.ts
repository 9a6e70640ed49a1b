import type { Context } from '../server/context';
import { builder } from './builder';
import { AttributionConnection } from './claim';
import { pageLimits } from './paging';

// Retracted evidence (statements and derivations): their retraction on their types, and the lists of them
// (every other answer leaves them out; see src/curation/retract.ts and src/db/standing.ts).

type Retracted = { retractedAt: Date | null; retractedBy: string | null; retractionReason: string | null };

const Retraction = builder.objectRef<{ at: Date; by: string; reason: string }>('Retraction').implement({
  description:
    'Who retracted a statement or a derivation, when and why. Retracted evidence is kept and left out of every answer.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    by: t.exposeString('by'),
    reason: t.exposeString('reason'),
  }),
});

export const retractionField = {
  type: Retraction,
  nullable: true,
  description: 'Set on retracted evidence (only the retraction lists and lookups by id show it).',
  select: { retractedAt: true, retractedBy: true, retractionReason: true },
  resolve: (r: Retracted) =>
    r.retractedAt ? { at: r.retractedAt, by: r.retractedBy!, reason: r.retractionReason! } : null,
} as const;

const retracted = { retractedAt: { not: null } };
type RetractableModel = 'Attribution' | 'SourceDerivation' | 'StatementDerivation';
const DELEGATES = {
  Attribution: 'attribution',
  SourceDerivation: 'sourceDerivation',
  StatementDerivation: 'statementDerivation',
} as const;
/** The two calls a retraction list makes of a model's delegate: Prisma's delegates share no type a generic could name. */
type Rows = { count: (args: object) => Promise<number>; findMany: (args: object) => Promise<never[]> };
const rowsOf = (ctx: Context, type: RetractableModel) => ctx.prisma[DELEGATES[type]] as unknown as Rows;

builder.queryFields((t) => {
  /** The retracted rows of `type`, latest first, as a connection of that type (one per node type). */
  const retractedList = (
    type: RetractableModel,
    description: string,
    connection: typeof AttributionConnection | { name: string },
    edge?: { name: string },
  ) =>
    t.prismaConnection(
      {
        type,
        description,
        cursor: 'id',
        ...pageLimits,
        totalCount: (_connection, _args, ctx) => rowsOf(ctx, type).count({ where: retracted }),
        resolve: (query, _root, _args, ctx) =>
          rowsOf(ctx, type).findMany({ ...query, where: retracted, orderBy: { id: 'desc' } }),
      },
      connection,
      edge,
    );
  return {
    retractedStatements: retractedList(
      'Attribution',
      'Statements analysts retracted, latest first.',
      AttributionConnection,
    ),
    retractedDerivations: retractedList(
      'SourceDerivation',
      'Document-level derivations analysts retracted, latest first.',
      { name: 'SourceDerivationConnection' },
      { name: 'SourceDerivationEdge' },
    ),
    retractedStatementDerivations: retractedList(
      'StatementDerivation',
      'Statement derivations analysts retracted, latest first.',
      { name: 'StatementDerivationConnection' },
      { name: 'StatementDerivationEdge' },
    ),
  };
});
