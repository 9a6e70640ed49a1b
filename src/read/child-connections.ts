import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { type DefaultConnectionArguments, resolveCursorConnection } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { madeFor, statementFilter } from '../analysis/statement-filter';
import { type ChildJoin, type ChildRelation, childCount, childPage } from '../db/child-pages';
import { STANDING } from '../db/standing';
import { Prisma } from '../generated/prisma/client';
import type { Modality, Stance, Wording } from '../generated/prisma/enums';
import { cursorId, DEFAULT_PAGE_SIZE, emptyCursorsNull, MAX_PAGE_SIZE, pageLimits } from '../schema/paging';
import type { Context } from '../server/context';
import {
  CONNECTION_NODES,
  loadByQuery,
  type PlannedModel,
  type PlannedQuery,
  plannedQuery,
  type RowOf,
  relationSelect,
} from './planned-load';
import { asksOnlyShown, SHOWN_COLUMN_NAMES, SHOWN_RELATIONS, SHOWN_TABLES, type ShownModel } from './shown-columns';

// The to-many relations a record pages through: one statement per level for the page ids of every
// parent (childPage), with their shown columns and the shown columns of the to-one relations the
// query asks no more of, and one for the records with what the query selects of them (loadByQuery)
// unless the page holds it all.

/** Whether the query selects `name` on this field's result, directly or through fragments. */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === name
        : visit(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/** The to-one relations of `model` that `query` asks only shown columns of, to be read with the page. */
function shownJoins(model: ShownModel, query: PlannedQuery): ChildJoin[] {
  const select = 'select' in query ? ((query.select ?? {}) as Record<string, unknown>) : {};
  return Object.entries(SHOWN_RELATIONS[model]).flatMap(([name, [column, target]]) => {
    return asksOnlyShown(target, relationSelect(select[name]))
      ? [{ name, column, table: SHOWN_TABLES[target], columns: SHOWN_COLUMN_NAMES[target] }]
      : [];
  });
}

/** What a page of each model reads: of statements, those that stand (src/db/standing.ts). */
const PAGED_TABLES = { Claim: SHOWN_TABLES.Claim, Source: SHOWN_TABLES.Source, Attribution: STANDING.attribution };

/** The resolver of a connection over a record's `model` children whose `parentColumn` holds its id, that pass `filter`. */
export function childConnection<
  M extends PlannedModel & Exclude<ShownModel, 'Entity' | 'UnscDraft'>,
  Args extends object = object,
>(
  model: M,
  parentColumn: string,
  filter: (args: Args) => Prisma.Sql,
  /** A wider match than `parentColumn` for some arguments (see ChildRelation). */
  match?: (args: Args) => Prisma.Sql | undefined,
) {
  return async (
    parent: { id: number },
    args: DefaultConnectionArguments & Args,
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    pageLimits.maxSize(args);
    const relation: ChildRelation = { table: PAGED_TABLES[model], parentColumn, match: match?.(args) };
    const where = filter(args);
    // Counted in the same turn as the page, so that every parent's count joins one statement: a
    // parent whose page is empty would otherwise ask for its count a round trip before the others.
    const total = selects(info, 'totalCount') ? childCount(ctx, relation, where, parent.id) : undefined;
    total?.catch(() => undefined); // awaited by totalCount; unawaited if the page fails
    const connection = await resolveCursorConnection<Promise<RowOf<M>[]>>(
      {
        args,
        defaultSize: DEFAULT_PAGE_SIZE,
        maxSize: MAX_PAGE_SIZE,
        toCursor: (record: { id: number }) => formatPrismaCursor(record, 'id'),
      },
      async ({ before, after, limit, inverted }) => {
        const window = { before: cursorId(before), after: cursorId(after), limit, inverted };
        const query = plannedQuery(ctx, info, model, CONNECTION_NODES);
        const page = await childPage(
          ctx,
          relation,
          where,
          window,
          SHOWN_COLUMN_NAMES[model],
          shownJoins(model, query),
          parent.id,
        );
        const records = await loadByQuery(
          ctx,
          model,
          query,
          page.map((row) => row.id),
          new Map(page.map((row) => [row.id, row])),
        );
        return page.map((row) => records.get(row.id)!);
      },
    );
    // The page resolver never returns null, so neither does the connection.
    return { ...emptyCursorsNull(connection), totalCount: () => total ?? childCount(ctx, relation, where, parent.id) };
  };
}

/** Every child: a connection without filter arguments. */
export const everyRow = (_args: object) => Prisma.sql`TRUE`;
type StatementArgs = {
  modality?: Modality | null;
  stance?: Stance | null;
  wording?: Wording | null;
  onItsBehalf?: boolean | null;
};
/** An entity's statements, as statementFilter filters them; with onItsBehalf, also those madeFor it. */
export const entityStatements = childConnection(
  'Attribution',
  'agent_id',
  (args: StatementArgs) => statementFilter(args),
  (args: StatementArgs) => (args.onItsBehalf ? madeFor : undefined),
);
