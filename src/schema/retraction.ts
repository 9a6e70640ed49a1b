import { builder } from './builder';
import { pageLimits } from './paging';

// Retracted derivations: their retraction on the derivation types, and the lists of them (every other
// answer leaves them out; see src/curation/retract.ts).

type Retracted = { retractedAt: Date | null; retractedBy: string | null; retractionReason: string | null };

const Retraction = builder.objectRef<{ at: Date; by: string; reason: string }>('Retraction').implement({
  description: 'Who retracted a derivation, when and why. A retracted derivation is kept and left out of every answer.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    by: t.exposeString('by'),
    reason: t.exposeString('reason'),
  }),
});

const retractionOf = (r: Retracted) =>
  r.retractedAt ? { at: r.retractedAt, by: r.retractedBy!, reason: r.retractionReason! } : null;

export const retractionField = {
  type: Retraction,
  nullable: true,
  description: 'Set on a retracted derivation (only the retraction lists show one).',
  resolve: retractionOf,
} as const;

const retracted = { retractedAt: { not: null } };
builder.queryFields((t) => ({
  retractedDerivations: t.prismaConnection(
    {
      type: 'SourceDerivation',
      description: 'Document-level derivations analysts retracted, latest first.',
      cursor: 'id',
      ...pageLimits,
      totalCount: (_connection, _args, ctx) => ctx.prisma.sourceDerivation.count({ where: retracted }),
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.sourceDerivation.findMany({ ...query, where: retracted, orderBy: { id: 'desc' } }),
    },
    { name: 'SourceDerivationConnection' },
    { name: 'SourceDerivationEdge' },
  ),
  retractedStatementDerivations: t.prismaConnection(
    {
      type: 'StatementDerivation',
      description: 'Statement derivations analysts retracted, latest first.',
      cursor: 'id',
      ...pageLimits,
      totalCount: (_connection, _args, ctx) => ctx.prisma.statementDerivation.count({ where: retracted }),
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.statementDerivation.findMany({ ...query, where: retracted, orderBy: { id: 'desc' } }),
    },
    { name: 'StatementDerivationConnection' },
    { name: 'StatementDerivationEdge' },
  ),
}));
