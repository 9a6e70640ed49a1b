import { Prisma } from '../generated/prisma/client';
import { limitLiteral, type RawReader } from './raw-sql';
import { requestLoader } from './request-loaders';
import type { STANDING } from './standing';

/**
 * The rows of `table` that belong to a parent: those whose `parentColumn` holds the parent's id, or,
 * with `match`, those that meet it: a condition on the child row `x` and the parent's id `p.parent`.
 */
export type ChildRelation = {
  table: 'claim' | typeof STANDING.attribution | 'source';
  parentColumn: string;
  match?: Prisma.Sql;
};
/** A child row as a page returns it: its id, the `columns` asked for, and each joined relation's row or null. */
export type ChildRow = { id: number } & Record<string, unknown>;
/** A to-one relation of the child whose row a page returns with it: `columns` of `table`, found by the child's `column`. */
export type ChildJoin = { name: string; column: string; table: string; columns: readonly string[] };

/** One page, as the Relay cursor arguments describe it: ids after or before a cursor, `limit` of them, last first when inverted. */
export type PageWindow = { after?: number; before?: number; limit: number; inverted: boolean };

type Scope = { sql: RawReader };

/** A loader of one value per parent, for every parent asked for in the same turn. */
const perParent = <V>(scope: Scope, key: string, load: (parents: number[]) => Promise<Map<number, V>>, missing: V) =>
  requestLoader<V>(scope, key, async (parents) => {
    const found = await load([...parents]);
    return parents.map((parent) => found.get(parent) ?? missing);
  });

/** The relation's table and parent column as SQL, the child row aliased `x`. */
const sqlOf = (relation: ChildRelation) => ({
  table: Prisma.raw(`"${relation.table}"`),
  parentColumn: Prisma.raw(`x."${relation.parentColumn}"`),
});

const keyOf = (relation: ChildRelation, filter: Prisma.Sql, extra: unknown) =>
  JSON.stringify([
    'child',
    relation.table,
    relation.parentColumn,
    relation.match?.text,
    relation.match?.values,
    filter.text,
    filter.values,
    extra,
  ]);

/**
 * One page of `parent`'s children, their ids and `columns`, fetched for every parent resolved in the
 * same turn in one statement: a LATERAL subquery per parent that reads at most `limit` entries of the
 * (parent, id) index. Written here because Prisma pages a to-many relation it loads for several
 * parents in memory, with both of its load strategies (prisma/orm#13865): a page of entities with
 * their first claims fetched every claim of those entities (README: src/read/).
 *
 * `filter` is a condition on the child row, aliased `x`.
 */
export function childPage(
  scope: Scope,
  relation: ChildRelation,
  filter: Prisma.Sql,
  window: PageWindow,
  columns: readonly string[],
  joins: readonly ChildJoin[],
  parent: number,
): Promise<ChildRow[]> {
  const loader = perParent<ChildRow[]>(
    scope,
    keyOf(relation, filter, [window, columns, joins]),
    async (parents) => {
      const { table, parentColumn } = sqlOf(relation);
      const order = Prisma.raw(window.inverted ? 'DESC' : 'ASC');
      const joined = joins.map((j, i) => ({
        column: `CASE WHEN j${i}.id IS NULL THEN NULL ELSE json_build_object(${j.columns.map((c) => `'${c}', j${i}."${c}"`).join(', ')}) END AS "${j.name}"`,
        from: ` LEFT JOIN "${j.table}" j${i} ON j${i}.id = x."${j.column}"`,
      }));
      const selected = Prisma.raw(
        [...['id', ...columns.filter((c) => c !== 'id')].map((c) => `x."${c}"`), ...joined.map((j) => j.column)].join(
          ', ',
        ),
      );
      const from = Prisma.raw(joined.map((j) => j.from).join(''));
      const rows = await scope.sql.$queryRaw<({ parent: number } & ChildRow)[]>(Prisma.sql`
      SELECT p.parent, c.* FROM unnest(${parents}::int[]) AS p(parent)
      CROSS JOIN LATERAL (
        SELECT ${selected} FROM ${table} x${from}
         WHERE ${relation.match ?? Prisma.sql`${parentColumn} = p.parent`} AND ${filter}
           ${window.after === undefined ? Prisma.empty : Prisma.sql`AND x.id > ${window.after}`}
           ${window.before === undefined ? Prisma.empty : Prisma.sql`AND x.id < ${window.before}`}
         ORDER BY x.id ${order} LIMIT ${limitLiteral(window.limit)}) c
      ORDER BY p.parent, c.id ${order}`);
      const pages = new Map<number, ChildRow[]>();
      for (const { parent: of, ...row } of rows) {
        if (!pages.has(of)) pages.set(of, []);
        pages.get(of)!.push(row);
      }
      return pages;
    },
    [],
  );
  return loader.load(parent);
}

/** How many children `parent` has that pass `filter`, counted for every parent resolved in the same turn in one statement. */
export function childCount(scope: Scope, relation: ChildRelation, filter: Prisma.Sql, parent: number): Promise<number> {
  const loader = perParent<number>(
    scope,
    keyOf(relation, filter, 'count'),
    async (parents) => {
      const { table, parentColumn } = sqlOf(relation);
      const rows = await scope.sql.$queryRaw<{ parent: number; count: number }[]>(
        relation.match
          ? Prisma.sql`
      SELECT p.parent, (SELECT count(*)::int FROM ${table} x WHERE ${relation.match} AND ${filter}) AS count
        FROM unnest(${parents}::int[]) AS p(parent)`
          : Prisma.sql`
      SELECT ${parentColumn} AS parent, count(*)::int AS count FROM ${table} x
       WHERE ${parentColumn} = ANY(${parents}::int[]) AND ${filter} GROUP BY 1`,
      );
      return new Map(rows.map((row) => [row.parent, row.count]));
    },
    0,
  );
  return loader.load(parent);
}
