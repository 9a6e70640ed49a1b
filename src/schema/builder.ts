import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Decimal } from '@prisma/client/runtime/client';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { survivors } from '../curation/merge';
import type PrismaTypes from '../generated/pothos-types';
import { getDatamodel } from '../generated/pothos-types';
import { isRecordId } from '../rules/values';
import type { Context } from '../server/context';
import InputRulesPlugin from './input-rules';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';

/** What a request may do; the compiled reads (src/compiled/) check `reader` by it too. */
export function scopesOf(ctx: Pick<Context, 'viewer' | 'anonymousRead'>) {
  const role = ctx.viewer?.role;
  return {
    reader: role !== undefined || ctx.anonymousRead,
    analyst: role === 'ANALYST' || role === 'ADMIN',
    admin: role === 'ADMIN',
  };
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: { reader: boolean; analyst: boolean; admin: boolean };
  Connection: { totalCount: number | (() => number | Promise<number>) };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: Decimal | string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  // Errors first, as the Pothos docs require, so its unions wrap authorization, validation, Prisma and
  // Dataloader fields alike (a refused mutation is a typed ForbiddenError).
  plugins: [
    ErrorsPlugin,
    InputRulesPlugin,
    ScopeAuthPlugin,
    ValidationPlugin,
    PrismaPlugin,
    RelayPlugin,
    DataloaderPlugin,
  ],
  scopeAuth: {
    // A subscription is refused when it starts, not event by event after it has begun reading.
    authorizeOnSubscribe: true,
    authScopes: scopesOf,
  },
  // Argument validation failures become typed InputValidationError results on fields that list them.
  // They are returned before any authorization check, which is safe here: they echo only the caller's input.
  // One rule for every field with errors: the union holds the result itself (a record, a connection),
  // never a `…Success { data }` wrapper.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true, directResult: true },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `nodes` beside `edges` on every connection, for clients that need no cursor per record.
    nodesOnConnection: true,
    firstArgOptions: { description: 'At most this many from the start (or after `after`); 0 to 100, default 20.' },
    lastArgOptions: { description: 'At most this many from the end (or before `before`); 0 to 100.' },
    afterArgOptions: { description: 'The page after this cursor (a `pageInfo.endCursor` or an edge’s cursor).' },
    beforeArgOptions: { description: 'The page before this cursor (a `pageInfo.startCursor` or an edge’s cursor).' },
    // A merged entity's global ID keeps resolving: to the entity it was merged into. The relay
    // plugin's resolveNode(s) callbacks (4.8) read the field's args rather than the ids passed to
    // them, so the redirected ids go into both. A well-formed ID of no record is null (the nodes are
    // `nullable`), as Relay expects; a malformed one is refused.
    nodeQueryOptions: {
      nullable: true,
      description: 'Any record by its global ID (Relay refetching); a merged entity’s ID gives its survivor.',
      args: { id: { description: 'A global ID, as a record’s `id` field gives it.' } },
      resolve: async (_root, args, ctx, info, resolveNode) => {
        checkGlobalIds(info.schema, [args.id], 'id');
        if (args.id.typename === 'Entity')
          args.id = {
            ...args.id,
            id: String((await survivors(ctx.sql, [Number(args.id.id)])).get(Number(args.id.id)) ?? args.id.id),
          };
        return resolveNode(args.id);
      },
    },
    nodesQueryOptions: {
      nullable: { list: false, items: true },
      description: 'Records by their global IDs, in the order given; null for an ID that names no record.',
      args: { ids: { description: 'Global IDs, as records’ `id` fields give them.' } },
      resolve: async (_root, args, ctx, info, resolveNodes) => {
        checkGlobalIds(info.schema, args.ids, 'ids');
        const merged = await survivors(
          ctx.sql,
          args.ids.filter((id) => id.typename === 'Entity').map((id) => Number(id.id)),
        );
        args.ids = args.ids.map((id) =>
          id.typename === 'Entity' ? { ...id, id: String(merged.get(Number(id.id)) ?? id.id) } : id,
        );
        return resolveNodes(args.ids);
      },
    },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
});

builder.queryType({ authScopes: { reader: true } });
builder.mutationType({ authScopes: { analyst: true } });

// Every list is a Relay connection with its total count; the prisma plugin fills it with a lazy
// count query, hand-written connections with the count from their own statement.
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);

/** Refuses a global ID that cannot name a record: of a type that is no node, or not a record's id. */
function checkGlobalIds(schema: GraphQLSchema, ids: { typename: string; id: string }[], arg: string) {
  for (const { typename, id } of ids) {
    const type = schema.getType(typename);
    const node = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
    if (!node || !isRecordId(id))
      throw new PothosValidationError(`${arg}: ${typename}:${id} is not the global ID of a record`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
  }
}
