import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import { provisionDatabase } from '../db/provision';
import { createLogger } from '../logger';
import { runCli } from './run';

runCli(async () => {
  const config = loadConfig();
  const provisioned = await provisionDatabase(config, createLogger('warn'));
  try {
    const applied = await migrate(provisioned.url);
    process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await provisioned.stop();
  }
}, 'db:migrate');
