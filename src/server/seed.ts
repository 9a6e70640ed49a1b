import type { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';

export async function loadSeedIfEmpty(_prisma: PrismaClient, _logger: Logger): Promise<void> {}
