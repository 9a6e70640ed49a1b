import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../server/context';
import { idOf } from '../curation/records';

/** The id of the entity with `key`, or a typed NotFoundError. */
export const entityId = (ctx: Context, key: string): Promise<number> => idOf(ctx.sql, 'entity', key);

export async function optionalEntityId(ctx: Context, key: string | null | undefined): Promise<number | undefined> {
  return key == null ? undefined : entityId(ctx, key);
}

/** Rows by id, or none without a statement when there are no ids. */
export const findByIds = <T>(ids: number[], find: (ids: number[]) => Promise<T[]>): Promise<T[]> => (ids.length ? find(ids) : Promise.resolve([]));

/** Rows loaded by id, returned in the order of `ids`. */
export function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * The Prisma include/select for records a hand-written resolver returns at `paths` (below the
 * field's own result), so that their nested selections load in the same query instead of one
 * fallback query per relation.
 */
export function plannedQuery(ctx: Context, info: GraphQLResolveInfo, typeName: string, paths?: string[][]) {
  return queryFromInfo({ context: ctx, info, typeName, paths });
}
