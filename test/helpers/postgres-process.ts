// Run as its own process (node --import tsx): an embedded PostgreSQL that a test can stop and start
// again by writing "stop" or "start" to standard input. It prints "ready <url>", "stopped", "started".
import { rm } from 'node:fs/promises';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded-postgres';

const [dataDir, port] = [process.argv[2]!, Number(process.argv[3])];

async function main() {
  let server: EmbeddedServer | undefined = await startEmbeddedPostgres({ dataDir, port });
  process.stdout.write(`ready ${server.url('postgres')}\n`);
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    for (const command of String(chunk).split('\n').filter(Boolean)) {
      if (command === 'stop' && server) {
        await server.stop();
        server = undefined;
        process.stdout.write('stopped\n');
      } else if (command === 'start' && !server) {
        server = await startEmbeddedPostgres({ dataDir, port });
        process.stdout.write('started\n');
      }
    }
  }
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
