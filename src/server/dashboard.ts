import fs from 'node:fs';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/** Where `npm run web:build` writes the dashboard (web/dist), from src/server and from dist/server alike. */
export const dashboardDir = path.resolve(__dirname, '../../web/dist');

/** The dashboard's operations, registered as trusted documents (web/documents.ts writes it). */
export const DASHBOARD_MANIFEST = path.resolve(__dirname, '../../web/trusted-documents.json');

const apiPaths = new Set(['/graphql', '/health', '/live', '/metrics']);

// The page may run only what the service itself sends: no script, style, font or request elsewhere.
const contentSecurityPolicy =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/**
 * Serves the API's paths with `api` and everything else from the built dashboard: its files, and its
 * index.html for any other path, so that a deep link (/claims/...) opens the page it names.
 */
export function withDashboard(api: RequestListener, dir = dashboardDir): RequestListener {
  const built = fs.existsSync(path.join(dir, 'index.html'));
  const files = built
    ? sirv(dir, {
        etag: true,
        setHeaders: (res, pathname) => {
          // Vite names every asset by its content hash, so an asset never changes under its name.
          if (pathname.startsWith('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
          else {
            res.setHeader('cache-control', 'no-cache');
            res.setHeader('content-security-policy', contentSecurityPolicy);
          }
        },
      })
    : undefined;
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (apiPaths.has(pathname) || (req.method !== 'GET' && req.method !== 'HEAD')) return api(req, res);
    if (!files) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built: run `npm run web:build` (GraphQL is at /graphql).\n');
      return;
    }
    files(req, res, () => {
      if (pathname.startsWith('/assets/')) {
        res.writeHead(404).end();
        return;
      }
      req.url = '/index.html';
      files(req, res, () => {
        res.writeHead(404).end();
      });
    });
  };
}
