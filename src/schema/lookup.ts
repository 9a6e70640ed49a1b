import { idOf } from '../curation/records';
import type { Context } from '../server/context';

/** The id of the entity with `key`, or a typed NotFoundError. */
export const entityId = (ctx: Context, key: string): Promise<number> => idOf(ctx.sql, 'entity', key);

export async function optionalEntityId(ctx: Context, key: string | null | undefined): Promise<number | undefined> {
  return key == null ? undefined : entityId(ctx, key);
}
