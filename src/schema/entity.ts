import type { Prisma } from '../generated/prisma/client';
import type { EntityKind } from '../generated/prisma/enums';
import { builder } from './builder';
import { pageLimits } from './paging';
import { EntityKindEnum, IdentifierSchemeEnum } from './enums';

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
  description: 'A time-bounded role: the holder holds `title` in the organisation.',
  fields: (t) => ({
    title: t.exposeString('title'),
    holder: t.relation('holder'),
    organisation: t.relation('organisation'),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
  }),
});

export const EntityNode = builder.prismaNode('Entity', {
  id: { field: 'id' },
  description: 'A person, organisation, state, place or group: a PROV agent when it speaks, a subject when spoken of.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable human-written key, e.g. entity:pentagon.' }),
    kind: t.expose('kind', { type: EntityKindEnum }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.relation('aliases', { query: { orderBy: { id: 'asc' } } }),
    identifiers: t.relation('identifiers', { query: { orderBy: { id: 'asc' } } }),
    roles: t.relation('rolesHeld', { description: 'Roles this entity holds.', query: { orderBy: { id: 'asc' } } }),
    members: t.relation('rolesIn', { description: 'Roles held in this entity.', query: { orderBy: { id: 'asc' } } }),
    claimsAbout: t.relatedConnection('claimsAbout', {
      cursor: 'id',
      ...pageLimits,
      totalCount: true,
      description: 'Claims whose subject is this entity.',
      query: { orderBy: { id: 'asc' } },
    }),
    statements: t.relatedConnection('attributions', {
      cursor: 'id',
      ...pageLimits,
      totalCount: true,
      description: 'Attributions in which this entity is the agent that stated a claim.',
      query: { orderBy: { id: 'asc' } },
    }),
    published: t.relatedConnection('published', { cursor: 'id',
      ...pageLimits, totalCount: true, query: { orderBy: { id: 'asc' } } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    version: t.exposeInt('version'),
  }),
});

const entityFilter = (args: { kind?: EntityKind | null }): Prisma.EntityWhereInput => (args.kind ? { kind: args.kind } : {});

builder.queryFields((t) => ({
  entities: t.prismaConnection({
    type: 'Entity',
    cursor: 'id',
      ...pageLimits,
    args: { kind: t.arg({ type: EntityKindEnum, required: false }) },
    totalCount: (_connection, args, ctx) => ctx.prisma.entity.count({ where: entityFilter(args) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.entity.findMany({ ...query, where: entityFilter(args), orderBy: { id: 'asc' } }),
  }),
  entity: t.prismaField({
    type: 'Entity',
    nullable: true,
    description: 'An entity by its stable key.',
    args: { key: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.entity.findUnique({ ...query, where: { key: args.key } }),
  }),
}));
