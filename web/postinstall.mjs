// `npm install` builds the dashboard (web/dist), which the service then serves at /. A production
// install (npm ci --omit=dev, as in the Dockerfile) has no Vite: there `npm run build` builds it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));

function viteBin() {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    return undefined;
  }
}

const vite = viteBin();
if (vite && existsSync(path.join(web, 'index.html'))) {
  execFileSync(process.execPath, [vite, 'build', web, '--logLevel', 'warn'], { stdio: 'inherit' });
} else {
  console.log('the dashboard is not built by this install (no Vite, or no web sources yet): `npm run build` builds it');
}
