import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';

const loadersOf = createContextCache(() => new Map<string, DataLoader<number, unknown>>());

/**
 * The request's DataLoader for `key` (one per request `scope`), made with `batch` on first use. A
 * list's rows resolve over several microtask turns (each passes through the plugins' wrappers), so a
 * batch waits for the next turn of the event loop to take them all.
 */
export function requestLoader<V>(
  scope: object,
  key: string,
  batch: (ids: readonly number[]) => Promise<(V | Error)[]>,
): DataLoader<number, V> {
  const byKey = loadersOf(scope);
  if (!byKey.has(key))
    byKey.set(key, new DataLoader<number, V>(batch, { batchScheduleFn: (run) => setImmediate(run) }));
  return byKey.get(key)! as DataLoader<number, V>;
}
