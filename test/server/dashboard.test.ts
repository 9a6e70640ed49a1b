import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { withDashboard } from '../../src/server/dashboard';

// How the service splits its paths between the API and the built dashboard (the browser tests in
// test/web drive the real thing; this covers the cases a browser does not show).
const api: http.RequestListener = (req, res) => res.end(`api ${req.method} ${req.url}`);

async function serve(dir: string) {
  const server = http.createServer(withDashboard(api, dir));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    get: (pathname: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${pathname}`, init),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('with a built dashboard', () => {
  let dir: string;
  let service: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-dashboard-'));
    await fs.mkdir(path.join(dir, 'assets'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    await fs.writeFile(path.join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
    service = await serve(dir);
  });
  afterAll(async () => {
    await service.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('a deep link is answered with the app, which may load nothing from elsewhere', async () => {
    for (const pathname of ['/', '/claims/north-korea-sent-10000-troops-to-russia', '/search?q=Kursk']) {
      const response = await service.get(pathname);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>dashboard</title>');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  test('assets are cached for good (their names carry their hash); a missing one is 404, not the app', async () => {
    const asset = await service.get('/assets/app-1a2b3c.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await service.get('/assets/app-000000.js')).status).toBe(404);
  });

  test('the API keeps its paths, and every method but GET and HEAD', async () => {
    expect(await (await service.get('/graphql?query={__typename}')).text()).toBe('api GET /graphql?query={__typename}');
    expect(await (await service.get('/health')).text()).toBe('api GET /health');
    expect(await (await service.get('/', { method: 'POST' })).text()).toBe('api POST /');
  });
});

test('without a build, the API still answers and the dashboard paths say how to build it', async () => {
  const service = await serve(path.join(os.tmpdir(), 'kb-no-such-dashboard'));
  try {
    const page = await service.get('/claims/x');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run web:build');
    expect(await (await service.get('/graphql')).text()).toBe('api GET /graphql');
  } finally {
    await service.close();
  }
});
