import { ForbiddenError } from '@pothos/plugin-scope-auth';
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { actorOf } from '../server/context';
import { builder } from './builder';
import { ApiRoleEnum } from './enums';
import { NotFoundError } from './errors';
import { pageLimits } from './paging';

const ApiKeyNode = builder.prismaNode('ApiKey', {
  id: { field: 'id' },
  description: 'An API key as stored: its owner, role and prefix, never the key itself.',
  fields: (t) => ({
    owner: t.exposeString('owner', { description: 'Who the key was made for; the change log names writes after it.' }),
    role: t.expose('role', { type: ApiRoleEnum }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, to tell keys apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.exposeString('createdBy', { description: 'The owner of the key that made it.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});
const ApiKeyConnection = builder.connectionObject({ type: ApiKeyNode, name: 'ApiKeyConnection' });

const NewApiKey = builder.objectRef<{ key: string; record: { id: number } }>('NewApiKey').implement({
  description: 'A key just made: the only time the key itself is shown.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'Send as "Authorization: Bearer <key>". Shown once; only its hash is kept.',
    }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      description: 'The key as stored.',
      resolve: (query, parent, _args, ctx) =>
        ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.record.id } }),
    }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaConnection(
    {
      type: 'ApiKey',
      cursor: 'id',
      ...pageLimits,
      description: 'Every API key, revoked ones included, in the order they were made (admin role).',
      authScopes: { admin: true },
      errors: { types: [ForbiddenError] },
      totalCount: (_connection, _args, ctx) => ctx.prisma.apiKey.count(),
      resolve: (query, _root, _args, ctx) => ctx.prisma.apiKey.findMany({ ...query, orderBy: { id: 'asc' } }),
    },
    ApiKeyConnection,
  ),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: NewApiKey,
    description: 'Makes an API key (admin role); the key is in the answer and nowhere else.',
    authScopes: { admin: true },
    errors: { types: [ForbiddenError, InputValidationError] },
    args: {
      owner: t.arg.string({
        required: true,
        description: 'Who it is for (1 to 200 characters).',
        validate: z.string().trim().min(1).max(200),
      }),
      role: t.arg({ type: ApiRoleEnum, required: true, description: 'What it may do.' }),
    },
    resolve: (_root, args, ctx) =>
      createApiKey(ctx.prisma, { owner: args.owner.trim(), role: args.role, createdBy: actorOf(ctx) }),
  }),
  revokeApiKey: t.prismaField({
    type: ApiKeyNode,
    description:
      'Revokes an API key (admin role), named by its ID or by the key itself; revoking a revoked key changes nothing.',
    authScopes: { admin: true },
    errors: { types: [ForbiddenError, InputValidationError, NotFoundError] },
    args: {
      id: t.arg.globalID({ for: ApiKeyNode, required: false, description: 'The key’s global ID.' }),
      key: t.arg.string({ required: false, description: 'The key itself, as sent in Authorization.' }),
    },
    validate: z
      .looseObject({ id: z.unknown().optional(), key: z.string().nullish() })
      .refine((a) => (a.id == null) !== (a.key == null), { message: 'give either id or key', path: ['id'] }),
    resolve: async (query, _root, args, ctx) => {
      const ref = args.id ? { id: Number(args.id.id) } : { key: args.key! };
      const revoked = await revokeApiKey(ctx.prisma, ref, actorOf(ctx));
      if (!revoked) throw new NotFoundError('API key', args.id ? args.id.id : `${args.key!.slice(0, 10)}…`);
      return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: revoked.id } });
    },
  }),
}));
