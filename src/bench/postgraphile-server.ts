// PostGraphile 5 (its amber preset) over the benchmark's tables: a peer the benchmark measures beside
// the service, answering the operations its generated schema can express (operations.ts). Run as its
// own process (DATABASE_URL, PORT), or started in-process by a test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { polyfillPromiseWithResolvers } from './promise-with-resolvers';

polyfillPromiseWithResolvers();

/** Serves PostGraphile at `/graphql` on `port` (0: any free one); the pool has the service's default size. */
export async function startPostGraphile(databaseUrl: string, port: number) {
  // Its own pool, which PostGraphile's release leaves open.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ pool, schemas: ['public'] })],
    grafserv: { graphiql: false, watch: false },
  });
  const server = createServer();
  await pgl.createServ(grafserv).addTo(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pgl.release();
      await pool.end();
    },
  };
}

if (require.main === module) {
  void startPostGraphile(process.env.DATABASE_URL!, Number(process.env.PORT));
  // An orderly exit, so that --cpu-prof writes its profile.
  process.once('SIGTERM', () => process.exit(0));
}
