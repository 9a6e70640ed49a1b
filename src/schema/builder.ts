import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Decimal } from '@prisma/client/runtime/client';
import { getDatamodel } from '../generated/pothos-types';
import type PrismaTypes from '../generated/pothos-types';
import type { Context } from '../server/context';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';


export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Connection: { totalCount: number | (() => number | Promise<number>) };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: Decimal | string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  // Errors before Prisma and Dataloader, as the Pothos docs require, so error unions wrap their fields.
  plugins: [ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin],
  // Argument validation failures become typed InputValidationError results on fields that list them.
  // They are returned before any authorization check, which is safe here: they echo only the caller's input.
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { nullable: true },
    nodesQueryOptions: { nullable: true },
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

builder.queryType({});

// Every list is a Relay connection with its total count; the prisma plugin fills it with a lazy
// count query, hand-written connections with the count from their own statement.
builder.globalConnectionField('totalCount', (t) =>
  t.int({ resolve: (connection) => (typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount) }),
);
