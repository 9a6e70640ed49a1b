import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** Runs `npm run kb -- ...args` against `databaseUrl`: its exit code and output, whether it succeeded or not. */
export const kbCli = (databaseUrl: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/kb.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
