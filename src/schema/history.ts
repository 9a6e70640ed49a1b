import { type HistoryOf, history } from '../analysis/history';
import type { FeedTable } from '../changes/feed';
import type { ChangeLog } from '../generated/prisma/client';
import type { Context } from '../server/context';
import { builder } from './builder';
import { ClaimNode } from './claim';
import { EntityNode } from './entity';
import { ChangeOperationEnum, ChangeTableEnum, ModalityEnum, RankEnum } from './enums';
import { offsetConnection } from './paging';
import { SourceNode } from './source';

type Row = Record<string, unknown>;

export const ChangeRef = builder.prismaObject('ChangeLog', {
  name: 'Change',
  description: 'One write, as the append-only change log recorded it: who, when, and the row before and after.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor', { description: 'The owner of the API key that wrote, or "seed", "system".' }),
    operation: t.expose('operation', { type: ChangeOperationEnum }),
    table: t.field({ type: ChangeTableEnum, resolve: (c) => c.tableName as FeedTable }),
    recordId: t.exposeString('recordId'),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    changedFields: t.stringList({
      resolve: (c) => {
        const [before, after] = [(c.before ?? {}) as Row, (c.after ?? {}) as Row];
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys
          .filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
          .toSorted();
      },
    }),
  }),
});

export const ChangeEdge = builder.edgeObject({
  type: ChangeRef,
  name: 'ChangeEdge',
  description:
    "A change and the cursor after it: pass it as `after` to the field that gave it to read on from there (the feed's cursors also resume a subscription).",
});
/** The change feed and every record's history are pages of this one type. */
export const ChangeConnection = builder.connectionObject({ type: ChangeRef, name: 'ChangeConnection' }, ChangeEdge);

async function changes({ prisma, sql }: Pick<Context, 'prisma' | 'sql'>, of: HistoryOf, id: number, args: object) {
  return offsetConnection(
    args,
    (page) => history(sql, of, id, page),
    async (rows) => {
      const byId = new Map(
        (await prisma.changeLog.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((c) => [c.id, c]),
      );
      return rows.map((r) => byId.get(r.id)!);
    },
  );
}

const historyField = (of: HistoryOf) => ({
  type: ChangeRef,
  description: `Every change to this ${of} and to the rows that belong to it, oldest first.`,
  resolve: (parent: { id: number }, args: object, ctx: Context) => changes(ctx, of, parent.id, args),
});
builder.objectField(ClaimNode, 'history', (t) => t.connection(historyField('claim'), ChangeConnection));
builder.objectField(EntityNode, 'history', (t) => t.connection(historyField('entity'), ChangeConnection));
builder.objectField(SourceNode, 'history', (t) => t.connection(historyField('source'), ChangeConnection));

const ClaimVersion = builder.objectRef<ChangeLog>('ClaimVersion').implement({
  description: 'A claim as it stood at a moment: its state after the last change made by then.',
  fields: (t) => {
    const field = (name: string) => (c: ChangeLog) => (c.after as Row)[name] as never;
    return {
      since: t.expose('at', { type: 'DateTime', description: 'When this state was written.' }),
      actor: t.exposeString('actor'),
      version: t.int({ resolve: field('version') }),
      statement: t.string({ resolve: field('statement') }),
      modality: t.field({ type: ModalityEnum, resolve: field('modality') }),
      rank: t.field({ type: RankEnum, resolve: field('rank') }),
      deprecationReason: t.string({ nullable: true, resolve: field('deprecation_reason') }),
      credibility: t.int({ nullable: true, resolve: field('credibility') }),
      record: t.expose('after', { type: 'JSON', description: 'The whole row as it stood.' }),
    };
  },
});

builder.objectField(ClaimNode, 'asOf', (t) =>
  t.field({
    type: ClaimVersion,
    nullable: true,
    description: 'The claim as it stood at `time` (null before it was recorded).',
    args: { time: t.arg({ type: 'DateTime', required: true, description: 'The moment to look back to.' }) },
    resolve: (claim, args, ctx) =>
      ctx.prisma.changeLog.findFirst({
        where: { tableName: 'claim', recordId: String(claim.id), at: { lte: args.time } },
        orderBy: { id: 'desc' },
      }),
  }),
);
