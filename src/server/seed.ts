import path from 'node:path';
import { importBundle } from '../bundle/import';
import { readBundleFile } from '../bundle/read';
import type { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';

export const seedBundlePath = path.resolve(__dirname, '../../prisma/seed/dprk-troops-and-unsc.bundle.json');

/** Loads the seed knowledge into an empty knowledge base; a database that holds anything is left as it is. */
export async function loadSeedIfEmpty(prisma: PrismaClient, logger: Logger): Promise<void> {
  if ((await prisma.entity.count()) > 0) return;
  const report = await importBundle(prisma, await readBundleFile(seedBundlePath), { actor: 'seed' });
  logger.info(
    { entities: report.entity.created, claims: report.claim.created, attributions: report.attribution.created },
    'seed knowledge loaded',
  );
}
