import type { Prisma } from '../generated/prisma/client';
import type { EntityKind } from '../generated/prisma/enums';
import { agendaId } from '../read/lookup';
import { findByKey } from '../read/planned-load';
import { SHOWN_COLUMNS } from '../read/shown-columns';
import type { Context } from '../server/context';
import { builder } from './builder';
import { EntityKindEnum, EntityRelationEnum, IdentifierSchemeEnum } from './enums';
import { agendaArg } from './errors';
import { pageLimits } from './paging';

builder.prismaObject('EntityAlias', {
  fields: (t) => ({
    name: t.exposeString('name'),
    language: t.exposeString('language', { description: 'BCP 47 tag; "und" when unknown.' }),
  }),
});

builder.prismaObject('EntityIdentifier', {
  fields: (t) => ({
    scheme: t.expose('scheme', { type: IdentifierSchemeEnum }),
    value: t.exposeString('value'),
  }),
});

builder.prismaObject('EntityRole', {
  description:
    'A time-bounded organisational relation: the holder acts for, or is part of, the organisation, as `title`. While it holds, their statements count as one origin, unless it is asserted independent.',
  fields: (t) => ({
    title: t.exposeString('title'),
    holder: t.relation('holder'),
    organisation: t.relation('organisation'),
    relation: t.expose('relation', { type: EntityRelationEnum }),
    independent: t.exposeBoolean('independent', {
      description:
        "An explicit independence assertion: the holder's statements are an origin apart from the organisation's.",
    }),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
  }),
});

const votesQuery = async (args: { agenda?: string | null }, ctx: Context) => ({
  where: args.agenda == null ? {} : { draft: { agendaId: await agendaId(ctx, args.agenda) } },
  orderBy: [{ draft: { voteDate: 'asc' as const } }, { id: 'asc' as const }],
});

export const EntityNode = builder.prismaNode('Entity', {
  id: { field: 'id' },
  nullable: true,
  select: SHOWN_COLUMNS.Entity,
  description: 'A person, organisation, state, place or group: a PROV agent when it speaks, a subject when spoken of.',
  fields: (t) => ({
    key: t.string({ description: 'Stable human-written key, e.g. entity:pentagon.', resolve: (e) => e.key }),
    kind: t.expose('kind', { type: EntityKindEnum }),
    name: t.string({ resolve: (e) => e.name }),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.relation('aliases', { query: { orderBy: { id: 'asc' } } }),
    identifiers: t.relation('identifiers', { query: { orderBy: { id: 'asc' } } }),
    roles: t.relation('rolesHeld', {
      description: 'The bodies this entity acts for or is part of, and when.',
      query: { orderBy: { id: 'asc' } },
    }),
    members: t.relation('rolesIn', {
      description: 'Who acts for this entity or is part of it, and when.',
      query: { orderBy: { id: 'asc' } },
    }),
    unscVotes: t.relatedConnection(
      'unscVotes',
      {
        cursor: 'id',
        ...pageLimits,
        totalCount: true,
        description: "This member's voting record in the Security Council, in date order.",
        args: { agenda: t.arg.string(agendaArg) },
        // The agenda is looked up before the votes are selected, so that an unknown one fails the field
        // rather than selecting nothing. Pothos awaits a query that returns a promise (the parent's
        // planned load waits for it), though the option's type does not say so.
        query: votesQuery as never,
      },
      { name: 'UnscVoteConnection' },
      { name: 'UnscVoteEdge' },
    ),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
    mergedFrom: t.relation('mergedFrom', {
      description: 'Entities merged into this one; their keys and IDs resolve here.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

const EntityConnection = builder.connectionObject({ type: EntityNode, name: 'EntityConnection' });

const entityFilter = (args: { kind?: EntityKind | null }): Prisma.EntityWhereInput => ({
  mergedIntoId: null,
  ...(args.kind ? { kind: args.kind } : {}),
});

builder.queryFields((t) => ({
  entities: t.prismaConnection(
    {
      type: 'Entity',
      description: 'Every entity (merged ones resolve to their survivor and are not listed), in the order recorded.',
      cursor: 'id',
      ...pageLimits,
      args: { kind: t.arg({ type: EntityKindEnum, required: false, description: 'Only entities of this kind.' }) },
      totalCount: (_connection, args, ctx) => ctx.prisma.entity.count({ where: entityFilter(args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.entity.findMany({ ...query, where: entityFilter(args), orderBy: { id: 'asc' } }),
    },
    EntityConnection,
  ),
  entity: t.prismaField({
    type: 'Entity',
    nullable: true,
    description: "An entity by its stable key (a merged entity's key gives the entity it was merged into).",
    args: { key: t.arg.string({ required: true, description: 'e.g. entity:north-korea.' }) },
    resolve: (query, _root, args, ctx) => findByKey(ctx, 'Entity', query, args.key),
  }),
}));
