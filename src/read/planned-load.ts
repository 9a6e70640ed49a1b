import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { survivorIdByKey } from '../curation/merge';
import { requestLoader } from '../db/request-loaders';
import { Prisma } from '../generated/prisma/client';
import type { Context } from '../server/context';
import { asksOnlyShown, SHOWN_COLUMN_NAMES, SHOWN_TABLES } from './shown-columns';

type Paths = string[][];

/**
 * The Prisma include/select for records a hand-written resolver returns at `paths` (below the
 * field's own result), so that their nested selections load in the same query instead of one
 * fallback query per relation.
 */
export const plannedQuery = (ctx: Context, info: GraphQLResolveInfo, typeName: string, paths?: Paths) =>
  queryFromInfo({ context: ctx, info, typeName, paths });
export type PlannedQuery = ReturnType<typeof plannedQuery>;
/** Where a connection's records are, below the connection field. */
export const CONNECTION_NODES: Paths = [['edges', 'node'], ['nodes']];
/** Where a field of a connection's records is, below the connection field. */
export const nodePaths = (...fields: string[]): Paths => CONNECTION_NODES.map((path) => [...path, ...fields]);
const finders = {
  Source: (ctx: Context, query: PlannedQuery, ids: number[]) =>
    ctx.prisma.source.findMany({ ...query, where: { id: { in: ids } } }),
  Claim: (ctx: Context, query: PlannedQuery, ids: number[]) =>
    ctx.prisma.claim.findMany({ ...query, where: { id: { in: ids } } }),
  Attribution: (ctx: Context, query: PlannedQuery, ids: number[]) =>
    ctx.prisma.attribution.findMany({ ...query, where: { id: { in: ids } } }),
  Entity: (ctx: Context, query: PlannedQuery, ids: number[]) =>
    ctx.prisma.entity.findMany({ ...query, where: { id: { in: ids } } }),
  UnscDraft: (ctx: Context, query: PlannedQuery, ids: number[]) =>
    ctx.prisma.unscDraft.findMany({ ...query, where: { id: { in: ids } } }),
};
export type PlannedModel = keyof typeof finders;
export type RowOf<M extends PlannedModel> = Awaited<ReturnType<(typeof finders)[M]>>[number];
type SourceRow = RowOf<'Source'>;
/** Some columns of rows a resolver already holds, by id. */
export type KnownRows = ReadonlyMap<number, { id: number } & Record<string, unknown>>;

type Selection = Record<string, unknown>;
/** The nested selection of a relation in a Prisma select, or undefined for a column, a relation taken whole, or one with arguments. */
export const relationSelect = (wanted: unknown): Selection | undefined =>
  typeof wanted === 'object' && wanted !== null && Object.keys(wanted).every((k) => k === 'select')
    ? (wanted as { select?: Selection }).select
    : undefined;

/** Whether `row` holds all that `select` asks: its columns, and its to-one relations' with their own selections. */
function covers(select: Selection, row: Record<string, unknown>): boolean {
  return Object.entries(select).every(([field, wanted]) => {
    if (!(field in row)) return false;
    const value = row[field];
    if (wanted === true) return typeof value !== 'object' || value === null;
    const nested = relationSelect(wanted);
    return !!nested && !Array.isArray(value) && (value === null || covers(nested, value as Record<string, unknown>));
  });
}

/**
 * `known`'s rows for `ids` when they hold all that `query` selects: then rows a resolver already
 * holds (a provenance walk returns each source's key and title, a child page its records' shown
 * columns and those of their to-one relations) answer the fields without another statement.
 */
function answeredBy(query: PlannedQuery, ids: readonly number[], known: KnownRows | undefined) {
  const select = known && 'select' in query ? (query.select as Selection | undefined) : undefined;
  if (!select) return undefined;
  const rows = new Map<number, unknown>();
  for (const id of ids) {
    const row = known!.get(id);
    if (!row || !covers(select, row)) return undefined;
    rows.set(id, row);
  }
  return rows;
}

/**
 * Records a resolver knows by id, loaded with what the query selects of them (at `paths` below the
 * field, or the field's own result; whole rows without `info`), in one findMany for every field and
 * parent resolved in the same turn that selects the same of them, and none for no ids. Written here
 * because Pothos completes records a resolver knows only by id one findUnique each, which cost a
 * provenance chain's sources more CPU (README: src/read/).
 */
export async function loadPlanned<M extends PlannedModel>(
  ctx: Context,
  info: GraphQLResolveInfo | undefined,
  model: M,
  paths: Paths | undefined,
  ids: readonly number[],
  known?: KnownRows,
): Promise<Map<number, RowOf<M>>> {
  // Planned per field, so that Pothos knows where each field's nested selections were loaded.
  return loadByQuery(ctx, model, info ? plannedQuery(ctx, info, model, paths) : {}, ids, known);
}

/** Records by id as loadPlanned loads them, for a query already planned. */
export async function loadByQuery<M extends PlannedModel>(
  ctx: Context,
  model: M,
  query: PlannedQuery,
  ids: readonly number[],
  known?: KnownRows,
): Promise<Map<number, RowOf<M>>> {
  if (ids.length === 0) return new Map();
  const held = answeredBy(query, ids, known);
  if (held) return held as Map<number, RowOf<M>>;
  const loader = requestLoader<RowOf<M>>(ctx, JSON.stringify(['planned', model, query]), async (batch) => {
    const rows = new Map<number, unknown>((await finders[model](ctx, query, [...batch])).map((row) => [row.id, row]));
    return batch.map((id) => (rows.get(id) as RowOf<M> | undefined) ?? new Error(`${model} ${id} not found`));
  });
  const rows = await loader.loadMany(ids);
  return new Map(
    ids.map((id, i) => {
      const row = rows[i]!;
      if (row instanceof Error) throw row;
      return [id, row];
    }),
  );
}

/** The records with `ids`, in that order, as loadPlanned loads them at `paths` (or for the field's own result). */
export async function plannedRecords<M extends PlannedModel>(
  ctx: Context,
  info: GraphQLResolveInfo,
  model: M,
  ids: readonly number[],
  paths?: Paths,
  known?: KnownRows,
): Promise<RowOf<M>[]> {
  const records = await loadPlanned(ctx, info, model, paths, ids, known);
  return ids.map((id) => records.get(id)!);
}

/** The sources with `ids`, in that order, as loadPlanned loads them for the field's own result. */
export const plannedSources = (
  ctx: Context,
  info: GraphQLResolveInfo,
  ids: readonly number[],
  known?: KnownRows,
): Promise<SourceRow[]> => plannedRecords(ctx, info, 'Source', ids, undefined, known);

const keyFinders = {
  Claim: (ctx: Context, query: object, key: string) => ctx.prisma.claim.findUnique({ ...query, where: { key } }),
  Source: (ctx: Context, query: object, key: string) => ctx.prisma.source.findUnique({ ...query, where: { key } }),
  Entity: async (ctx: Context, query: object, key: string) => {
    const [row] = await ctx.sql.$queryRaw<{ id: number | null }[]>`SELECT ${survivorIdByKey(key)} AS id`;
    return row?.id == null ? null : ctx.prisma.entity.findUnique({ ...query, where: { id: row.id } });
  },
};
type KeyRow<M extends keyof typeof keyFinders> = Awaited<ReturnType<(typeof keyFinders)[M]>>;
// A merged entity's key resolves to the entity it was merged into.
const keyWhere = (model: keyof typeof keyFinders, key: string) =>
  model === 'Entity' ? Prisma.sql`"id" = ${survivorIdByKey(key)}` : Prisma.sql`"key" = ${key}`;

/**
 * The record with `key`, or null. A query that asks only the record's shown columns (a provenance
 * or a corroboration asked of a claim by key) is answered by one prepared statement over pg rather
 * than by Prisma, which costs more CPU (README: src/read/); any other goes to Prisma.
 */
export async function findByKey<M extends keyof typeof keyFinders>(
  ctx: Context,
  model: M,
  query: { select?: object },
  key: string,
): Promise<KeyRow<M>> {
  if (!asksOnlyShown(model, query.select)) return (await keyFinders[model](ctx, query, key)) as KeyRow<M>;
  const columns = Prisma.raw(SHOWN_COLUMN_NAMES[model].map((c) => `"${c}"`).join(', '));
  const [row] = await ctx.sql.$queryRaw<KeyRow<M>[]>(
    Prisma.sql`SELECT ${columns} FROM ${Prisma.raw(`"${SHOWN_TABLES[model]}"`)} WHERE ${keyWhere(model, key)}`,
  );
  return (row ?? null) as KeyRow<M>;
}
