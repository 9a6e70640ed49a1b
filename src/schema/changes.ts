import { parseCursorConnectionArgs } from '@pothos/core';
import { InputValidationError } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { historyTables, ofRecord } from '../analysis/history';
import {
  type ChangeCursor,
  countChanges,
  cursorOf,
  FEED_START,
  FEED_TABLES,
  type FeedFilter,
  type FeedRow,
  type FeedTable,
  headCursor,
  parseCursor,
  readChanges,
} from '../changes/feed';
import { followChanges } from '../changes/follow';
import { idOf } from '../curation/records';
import type { Context } from '../server/context';
import { builder } from './builder';
import { ClaimNode } from './claim';
import { ChangeTableEnum } from './enums';
import { ChangeConnection, ChangeEdge, ChangeRef } from './history';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';

const edge = (row: FeedRow) => ({ cursor: cursorOf(row), node: row });

const AFTER = 'A cursor the feed gave (an edge’s or `pageInfo.endCursor`): what committed after it.';
const BEFORE = 'A cursor the feed gave (an edge’s or `pageInfo.startCursor`): what committed before it.';
const pageSize = (name: string) =>
  ({
    required: false,
    description: `At most this many changes, ${name === 'first' ? 'the earliest' : 'the latest'} of the window; 0 to 100 (default 20, from the start).`,
    validate: z.number().int().min(0).max(MAX_PAGE_SIZE).nullish(),
  }) as const;

const cursorArg = z
  .string()
  .refine((cursor) => parseCursor(cursor) !== undefined, 'not a cursor of the change feed')
  .nullish();

const filterOf = (types: readonly FeedTable[] | null | undefined): FeedFilter => ({
  tables: types?.length ? types : FEED_TABLES,
});

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeConnection,
    description:
      'The change log in commit order, oldest first: every write to the knowledge tables, with who, when, and ' +
      'the row before and after. Keep the last `endCursor` and pass it as `after` to read exactly what came ' +
      'since, nothing twice; without `after` the feed starts at the first change. `last` reads back from the ' +
      'end (or from `before`): `changes(last: 20)` is the latest twenty, still in commit order, and its ' +
      '`endCursor` is where a subscription picks up.',
    errors: { types: [InputValidationError] },
    args: {
      after: t.arg.string({ required: false, description: AFTER, validate: cursorArg }),
      before: t.arg.string({ required: false, description: BEFORE, validate: cursorArg }),
      first: t.arg.int(pageSize('first')),
      last: t.arg.int(pageSize('last')),
      types: t.arg({ type: [ChangeTableEnum], required: false, description: 'Only these tables (default: all).' }),
    },
    resolve: async (_root, args, ctx) => {
      // Relay's rules for the arguments, as every other connection reads them (Pothos' own parser).
      const page = parseCursorConnectionArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
      const window = {
        after: page.after ? parseCursor(page.after)! : FEED_START,
        before: page.before ? parseCursor(page.before)! : null,
      };
      const filter = filterOf(args.types);
      // One more than the page says whether there is more beyond it.
      const rows = await readChanges(ctx.sql, window, filter, page.limit, page.inverted);
      // A backward read gives its extra row first (rows come in commit order either way).
      const kept = page.inverted
        ? rows.slice(Math.max(0, rows.length - page.expectedSize))
        : rows.slice(0, page.expectedSize);
      const edges = kept.map(edge);
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage(rows.length),
          hasPreviousPage: page.hasPreviousPage(rows.length),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: () => countChanges(ctx.sql, window, filter),
      };
    },
  }),
);

/** Where a subscription starts: after its `after` cursor, or after the last commit so far. */
async function startOf(ctx: Context, after: string | null | undefined): Promise<ChangeCursor> {
  return after ? parseCursor(after)! : headCursor(ctx.sql);
}

function follow<T>(ctx: Context, from: ChangeCursor, filter: FeedFilter, toEvent: (row: FeedRow) => T) {
  if (!ctx.changes) throw new GraphQLError('subscriptions are not served by this instance');
  return followChanges(ctx.sql, ctx.changes, from, filter, toEvent);
}

type ClaimChange = FeedRow & { claimId: number };

const ClaimChangeRef = builder.objectRef<ClaimChange>('ClaimChange').implement({
  description: 'A change to a claim or to a row that belongs to it (its attributions, its UN records).',
  fields: (t) => ({
    cursor: t.string({ description: 'Pass as `after` to resume after this change.', resolve: cursorOf }),
    change: t.field({ type: ChangeRef, resolve: (c) => c }),
    claim: t.field({
      type: ClaimNode,
      description: 'The claim as it is when this change is delivered.',
      resolve: (c, _args, ctx) => ctx.prisma.claim.findUniqueOrThrow({ where: { id: c.claimId } }),
    }),
  }),
});

builder.subscriptionType({ authScopes: { reader: true } });

builder.subscriptionFields((t) => ({
  changes: t.field({
    type: ChangeEdge,
    description:
      'The same changes as the `changes` query, as they commit, from `after` (or from now). A client that ' +
      'reconnects with the last cursor it received misses nothing and receives nothing twice.',
    args: {
      after: t.arg.string({ required: false, description: AFTER, validate: cursorArg }),
      types: t.arg({ type: [ChangeTableEnum], required: false, description: 'Only these tables (default: all).' }),
    },
    subscribe: async (_root, args, ctx) => follow(ctx, await startOf(ctx, args.after), filterOf(args.types), edge),
    resolve: (change) => change,
  }),
  claimChanged: t.field({
    type: ClaimChangeRef,
    description: 'The changes to one claim and its evidence, as they commit, from `after` (or from now).',
    args: {
      key: t.arg.string({ required: true, description: "The claim's key." }),
      after: t.arg.string({ required: false, description: AFTER, validate: cursorArg }),
    },
    subscribe: async (_root, args, ctx) => {
      const claimId = await idOf(ctx.sql, 'claim', args.key);
      const filter = { tables: historyTables('claim'), where: ofRecord('claim', claimId) };
      return follow(ctx, await startOf(ctx, args.after), filter, (row) => ({ ...row, claimId }));
    },
    resolve: (change) => change,
  }),
}));
