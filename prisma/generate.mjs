// `prisma generate` does not use the schema engine, but the CLI insists on one existing; this
// machine cannot download it, so point it at any present file when none is configured.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
execFileSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
