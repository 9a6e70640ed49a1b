import type { Config } from '../config';
import { connectDatabase, type Database } from '../db/client';
import { migrate } from '../db/migrate';
import { provisionDatabase } from '../db/provision';
import type { Logger } from '../logger';

/** The database a command-line tool works on: the service's own (DATABASE_URL or the embedded one), migrated. */
export async function openCliDatabase(config: Config, logger: Logger): Promise<Database> {
  const provisioned = await provisionDatabase(config, logger);
  try {
    await migrate(provisioned.url);
    const db = connectDatabase(provisioned.url);
    return {
      ...db,
      close: async () => {
        await db.close();
        await provisioned.stop();
      },
    };
  } catch (error) {
    await provisioned.stop();
    throw error;
  }
}
