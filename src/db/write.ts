import { AsyncLocalStorage } from 'node:async_hooks';
import { ConflictError } from '../curation/errors';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { recountWritten } from '../provenance/stored-origin-counts';

export type Tx = Prisma.TransactionClient;

/** A request's Idempotency-Key: its writes are recorded under it, in order, with the request's hash. */
export type Idempotency = { apiKeyId: number; key: string; requestSha256: string; writes: number };

/**
 * The Idempotency-Key of the request being served (set by src/server/idempotency.ts). Held in async
 * context rather than passed down, because every write path, the bundle importer included, reaches
 * PostgreSQL through writeAs and none of them needs to know.
 */
export const idempotencyScope = new AsyncLocalStorage<Idempotency>();

/**
 * Records this write under the request's Idempotency-Key, in its transaction: the first time it
 * returns undefined and the write goes ahead; for a retry of a write that committed it returns that
 * write's result (waiting for it if it is still running). A key names one request: another request
 * with it is a ConflictError. Records older than a day go as new ones come.
 */
async function replayed(tx: Tx, scope: Idempotency, ordinal: number): Promise<{ result: unknown } | undefined> {
  const inserted = await tx.$executeRaw`
    WITH expired AS (DELETE FROM idempotent_write WHERE created_at < now() - interval '1 day')
    INSERT INTO idempotent_write (api_key_id, idempotency_key, ordinal, request_sha256)
    VALUES (${scope.apiKeyId}, ${scope.key}, ${ordinal}, ${scope.requestSha256})
    ON CONFLICT DO NOTHING`;
  if (inserted) return undefined;
  const [first] = await tx.$queryRaw<{ request_sha256: string; result: unknown }[]>`
    SELECT request_sha256, result FROM idempotent_write
    WHERE api_key_id = ${scope.apiKeyId} AND idempotency_key = ${scope.key} AND ordinal = ${ordinal}`;
  if (first?.request_sha256 !== scope.requestSha256)
    throw new ConflictError(`Idempotency-Key ${scope.key} was sent before with another request; choose a new key`);
  return { result: first.result };
}

/**
 * Runs `work` in one transaction whose change-log rows name `actor`: the audit triggers read the
 * transaction-local setting `kb.actor`, so attribution cannot be forgotten by any write path. Before it
 * commits, the stored origin counts of the claims it can affect are recomputed (recountWritten). Under
 * an Idempotency-Key, a retried write returns its first result as JSON instead of running again.
 */
export async function writeAs<T>(
  prisma: PrismaClient,
  actor: string,
  work: (tx: Tx) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  const scope = idempotencyScope.getStore();
  const ordinal = scope ? scope.writes++ : 0;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('kb.actor', ${actor}, true)`;
      const earlier = scope && (await replayed(tx, scope, ordinal));
      if (earlier) return earlier.result as T;
      const result = await work(tx);
      await recountWritten(tx);
      if (scope)
        await tx.$executeRaw`UPDATE idempotent_write SET result = ${JSON.stringify(result ?? null)}::jsonb
          WHERE api_key_id = ${scope.apiKeyId} AND idempotency_key = ${scope.key} AND ordinal = ${ordinal}`;
      return result;
    },
    { timeout: options?.timeout ?? 30_000, maxWait: 10_000 },
  );
}

/** A write refused, before it changed anything, because an import holds the write lock: retry later. */
export class WriteBusyError extends Error {
  override name = 'WriteBusyError';
}
