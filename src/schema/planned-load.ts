import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../server/context';
import { plannedQuery } from './lookup';

type Paths = string[][];
const findSources = (ctx: Context, info: GraphQLResolveInfo, paths: Paths, ids: number[]) =>
  ctx.prisma.source.findMany({ ...plannedQuery(ctx, info, 'Source', paths), where: { id: { in: ids } } });
type SourceRow = Awaited<ReturnType<typeof findSources>>[number];

/** The response path without list indices: every row of a list shares its fields' selections. */
function fieldPath(path: GraphQLResolveInfo['path'] | undefined): string {
  return path ? `${fieldPath(path.prev)}${typeof path.key === 'string' ? `.${path.key}` : ''}` : '';
}

const loaders = new WeakMap<Context, Map<string, DataLoader<number, SourceRow>>>();

/**
 * For a field that returns plain objects holding sources at `paths` below it (as a derivation step
 * holds its two): the sources with these ids, loaded with what the query selects of them there, in
 * one findMany for every parent the field resolves under in the same turn. Written here because
 * Pothos completes records a resolver knows only by id one findUnique each: for the 46 sources of an
 * 11-hop chain that took the service 5.1 ms of CPU per request, against 3.7 ms this way (medians of three).
 */
export async function loadPlannedSources(ctx: Context, info: GraphQLResolveInfo, paths: Paths, ids: readonly number[]): Promise<Map<number, SourceRow>> {
  if (!loaders.has(ctx)) loaders.set(ctx, new Map());
  const byField = loaders.get(ctx)!;
  const key = fieldPath(info.path);
  if (!byField.has(key)) {
    byField.set(
      key,
      new DataLoader<number, SourceRow>(
        async (batch) => {
          const rows = new Map((await findSources(ctx, info, paths, [...batch])).map((row) => [row.id, row]));
          return batch.map((id) => rows.get(id) ?? new Error(`source ${id} not found`));
        },
        // A list's rows resolve over several microtask turns (each passes through the plugins'
        // wrappers), so the batch waits for the event loop's next turn to take them all.
        { batchScheduleFn: (run) => setImmediate(run) },
      ),
    );
  }
  const rows = await byField.get(key)!.loadMany(ids);
  return new Map(
    ids.map((id, i) => {
      const row = rows[i]!;
      if (row instanceof Error) throw row;
      return [id, row];
    }),
  );
}
