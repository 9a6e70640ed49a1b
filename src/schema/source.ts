import { standingSourceDerivation } from '../db/standing';
import type { Prisma } from '../generated/prisma/client';
import type { SourceKind, SourceReliability } from '../generated/prisma/enums';
import { findByKey } from '../read/planned-load';
import { SHOWN_COLUMNS } from '../read/shown-columns';
import { builder } from './builder';
import { DerivationKindEnum, SourceFieldEnum, SourceKindEnum, SourceReliabilityEnum } from './enums';
import { pageLimits } from './paging';
import { retractionField } from './retraction';

builder.prismaObject('SourceDerivation', {
  description:
    "PROV wasDerivedFrom between documents: `derived` was derived from `origin`, in the way `kind` says. Context for the documents' statements, not evidence of where a claim came from.",
  fields: (t) => ({
    kind: t.expose('kind', { type: DerivationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    derived: t.relation('derived'),
    origin: t.relation('origin'),
    retraction: t.field(retractionField),
  }),
});

const ReliabilityGrade = builder
  .objectRef<{ grade: SourceReliability; gradedBy: string; gradedAt: Date }>('ReliabilityGrade')
  .implement({
    description: 'An Admiralty source-reliability grade and who gave it when.',
    fields: (t) => ({
      grade: t.expose('grade', { type: SourceReliabilityEnum }),
      gradedBy: t.exposeString('gradedBy'),
      gradedAt: t.expose('gradedAt', { type: 'DateTime' }),
    }),
  });

// Every model type is in select mode: a query reads only the columns its fields need (a source's
// text can be long), besides the shown columns (src/read/shown-columns.ts).
export const SourceNode = builder.prismaNode('Source', {
  id: { field: 'id' },
  nullable: true,
  select: SHOWN_COLUMNS.Source,
  description:
    'A document or utterance that claims are drawn from: an article, a wire report, a briefing, a UN record.',
  fields: (t) => ({
    key: t.string({
      description: 'Stable human-written key, e.g. source:ap-2024-10-24-troops.',
      resolve: (s) => s.key,
    }),
    kind: t.expose('kind', { type: SourceKindEnum }),
    title: t.string({ resolve: (s) => s.title }),
    publisher: t.relation('publisher', { nullable: true }),
    author: t.relation('author', { nullable: true, description: 'The author or speaker.' }),
    url: t.exposeString('url', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    retrievedAt: t.expose('retrievedAt', { type: 'DateTime', nullable: true }),
    language: t.exposeString('language'),
    text: t.exposeString('text', {
      nullable: true,
      description: 'Full text where held; attribution spans index it by code point.',
    }),
    textSha256: t.exposeString('textSha256', { nullable: true }),
    reliability: t.field({
      type: ReliabilityGrade,
      nullable: true,
      select: { reliability: true, reliabilityGradedBy: true, reliabilityGradedAt: true },
      resolve: (s) =>
        s.reliability && s.reliabilityGradedBy && s.reliabilityGradedAt
          ? { grade: s.reliability, gradedBy: s.reliabilityGradedBy, gradedAt: s.reliabilityGradedAt }
          : null,
    }),
    curatorFields: t.expose('curatorFields', {
      type: [SourceFieldEnum],
      description:
        'Fields the curator supplied: the document does not give them (a title made up for an untitled text).',
    }),
    documentFields: t.expose('documentFields', {
      type: [SourceFieldEnum],
      description: 'Fields the document itself gives. A field in neither list is not stated.',
    }),
    derivedFrom: t.relation('derivedFrom', {
      description: 'The earlier sources this one draws on, as a document (context for its statements).',
      query: { orderBy: { id: 'asc' }, where: standingSourceDerivation },
    }),
    derivations: t.relation('derivations', {
      description: 'Later sources drawn from this one.',
      query: { orderBy: { id: 'asc' }, where: standingSourceDerivation },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
  }),
});

export const SourceConnection = builder.connectionObject({ type: SourceNode, name: 'SourceConnection' });

const sourceFilter = (args: { kind?: SourceKind | null }): Prisma.SourceWhereInput =>
  args.kind ? { kind: args.kind } : {};

builder.queryFields((t) => ({
  sources: t.prismaConnection(
    {
      type: 'Source',
      description: 'Every source, in the order recorded.',
      cursor: 'id',
      ...pageLimits,
      args: { kind: t.arg({ type: SourceKindEnum, required: false, description: 'Only sources of this kind.' }) },
      totalCount: (_connection, args, ctx) => ctx.prisma.source.count({ where: sourceFilter(args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.source.findMany({ ...query, where: sourceFilter(args), orderBy: { id: 'asc' } }),
    },
    SourceConnection,
  ),
  source: t.prismaField({
    type: 'Source',
    nullable: true,
    description: 'A source by its stable key; null when no source has it.',
    args: { key: t.arg.string({ required: true, description: 'e.g. source:seed-article.' }) },
    resolve: (query, _root, args, ctx) => findByKey(ctx, 'Source', query, args.key),
  }),
}));
