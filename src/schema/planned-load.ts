import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../server/context';
import { plannedQuery } from './lookup';

type Paths = string[][];
type SourceQuery = ReturnType<typeof plannedQuery>;
const findSources = (ctx: Context, query: SourceQuery, ids: number[]) => ctx.prisma.source.findMany({ ...query, where: { id: { in: ids } } });
type SourceRow = Awaited<ReturnType<typeof findSources>>[number];

const loaders = new WeakMap<Context, Map<string, DataLoader<number, SourceRow>>>();

/**
 * Sources a resolver knows by id, loaded with what the query selects of them (at `paths` below the
 * field, or the field's own result), in one findMany for every field and parent resolved in the same
 * turn that selects the same of them. Written here because Pothos completes records a resolver knows
 * only by id one findUnique each: for the 46 sources of an 11-hop chain that took the service 5.1 ms
 * of CPU per request, against 3.7 ms this way (medians of three).
 */
export async function loadPlannedSources(ctx: Context, info: GraphQLResolveInfo, paths: Paths | undefined, ids: readonly number[]): Promise<Map<number, SourceRow>> {
  // Planned per field, so that Pothos knows where each field's nested selections were loaded.
  const query = plannedQuery(ctx, info, 'Source', paths);
  const key = JSON.stringify(query);
  if (!loaders.has(ctx)) loaders.set(ctx, new Map());
  const bySelection = loaders.get(ctx)!;
  if (!bySelection.has(key)) {
    bySelection.set(
      key,
      new DataLoader<number, SourceRow>(
        async (batch) => {
          const rows = new Map((await findSources(ctx, query, [...batch])).map((row) => [row.id, row]));
          return batch.map((id) => rows.get(id) ?? new Error(`source ${id} not found`));
        },
        // A list's rows resolve over several microtask turns (each passes through the plugins'
        // wrappers), so the batch waits for the event loop's next turn to take them all.
        { batchScheduleFn: (run) => setImmediate(run) },
      ),
    );
  }
  const rows = await bySelection.get(key)!.loadMany(ids);
  return new Map(
    ids.map((id, i) => {
      const row = rows[i]!;
      if (row instanceof Error) throw row;
      return [id, row];
    }),
  );
}

/** The sources with `ids`, in that order, as loadPlannedSources loads them for the field's own result. */
export async function plannedSources(ctx: Context, info: GraphQLResolveInfo, ids: readonly number[]): Promise<SourceRow[]> {
  const sources = await loadPlannedSources(ctx, info, undefined, ids);
  return ids.map((id) => sources.get(id)!);
}
