import type { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';

/** Built afresh for every request. */
export type Context = {
  prisma: PrismaClient;
  logger: Logger;
};
