import type { Prisma, PrismaClient } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

/**
 * Runs `work` in one transaction whose change-log rows name `actor`: the audit triggers read the
 * transaction-local setting `kb.actor`, so attribution cannot be forgotten by any write path.
 */
export async function writeAs<T>(
  prisma: PrismaClient,
  actor: string,
  work: (tx: Tx) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('kb.actor', ${actor}, true)`;
      return work(tx);
    },
    { timeout: options?.timeout ?? 30_000, maxWait: 10_000 },
  );
}
