import { z } from 'zod';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { ApiRole } from '../generated/prisma/enums';
import { actorOf } from '../server/context';
import { builder } from './builder';
import { mutationErrors, NotFoundError } from './errors';

const ApiRoleEnum = builder.enumType(ApiRole, {
  name: 'ApiRole',
  description: 'READER: queries; ANALYST: curation; ADMIN: keys and bundle imports.',
});

const ApiKeyRef = builder.prismaObject('ApiKey', {
  description: 'An API key as stored: its owner, role and prefix, never the key itself.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    owner: t.exposeString('owner'),
    role: t.expose('role', { type: ApiRoleEnum }),
    prefix: t.exposeString('prefix'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.exposeString('createdBy'),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const NewApiKey = builder.objectRef<{ key: string; record: { id: number } }>('NewApiKey').implement({
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'Send as "Authorization: Bearer <key>". Shown once; only its hash is kept.',
    }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.record.id } }),
    }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: [ApiKeyRef],
    authScopes: { admin: true },
    errors: mutationErrors,
    resolve: (query, _root, _args, ctx) => ctx.prisma.apiKey.findMany({ ...query, orderBy: { id: 'asc' } }),
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: NewApiKey,
    authScopes: { admin: true },
    errors: { ...mutationErrors, directResult: true },
    args: {
      owner: t.arg.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      role: t.arg({ type: ApiRoleEnum, required: true }),
    },
    resolve: (_root, args, ctx) =>
      createApiKey(ctx.prisma, { owner: args.owner.trim(), role: args.role, createdBy: actorOf(ctx) }),
  }),
  revokeApiKey: t.prismaField({
    type: ApiKeyRef,
    authScopes: { admin: true },
    errors: { ...mutationErrors, directResult: true },
    args: { id: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const revoked = await revokeApiKey(ctx.prisma, args.id, actorOf(ctx));
      if (!revoked) throw new NotFoundError('API key', String(args.id));
      return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
