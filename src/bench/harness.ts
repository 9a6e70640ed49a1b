// What the benchmark and the soak run share: free ports, compiled servers, databases, and the
// load generator with its medians over rounds and CPU readings.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate } from '../db/migrate';

export const root = path.resolve(__dirname, '../..');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts a compiled server (dist/) and waits until `readyUrl` answers. */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode}`);
    if (
      await fetch(readyUrl).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${args[0]} did not start`);
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/**
 * Compiles the servers (`npm run build`) into an empty dist/: they run as deployed, not under the tsx
 * transpiler, and a module an older build left there would shadow a folder that replaced it.
 */
export const build = async () => {
  await rm(path.join(root, 'dist'), { recursive: true, force: true });
  await new Promise<void>((resolve, reject) =>
    spawn('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).once(
      'exit',
      (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))),
    ),
  );
};

export type Cleanups = (() => Promise<unknown>)[];

/** The machine and how busy the shared host was from `loadBefore` (os.loadavg() at the start) to now, for a report. */
export const hostConditions = (loadBefore: number[]) =>
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(1)).join(', ')} at the start and ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} at the end (the host is shared: compare figures within a run).`;

/** `npm run start:prod`: how the service runs as deployed. */
export const startProdCommand = async () =>
  (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
    'start:prod'
  ]!;
/** The Node flags of a `node <flags> <entry>` command, for peers to run with the service's heap. */
export const nodeFlags = (command: string) => command.split(' ').slice(1, -1);

/**
 * The service as deployed (`npm run start:prod`, production mode) on `url`, but logging warnings
 * only: the benchmark measures the API, not writing a log line per request into a pipe. No response
 * cache unless asked.
 */
export async function spawnService(
  url: string,
  port: number,
  cleanups: Cleanups,
  { poolSize, responseCacheMb = 0, flags = [] }: { poolSize?: number; responseCacheMb?: number; flags?: string[] } = {},
): Promise<ChildProcess> {
  const command = (await startProdCommand()).split(' ');
  const child = await spawnServer(
    [...flags, ...command.slice(1)],
    {
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      KB_LOAD_SEED: 'false',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      KB_RATE_LIMIT_PER_MINUTE: '1000000000',
      KB_RESPONSE_CACHE_MB: String(responseCacheMb),
      ...(poolSize ? { KB_DB_POOL_SIZE: String(poolSize) } : {}),
    },
    `http://127.0.0.1:${port}/health`,
  );
  cleanups.push(async () => child.kill('SIGTERM'));
  return child;
}

/**
 * The PostgreSQL server to measure on: DATABASE_URL's, or an embedded one in a throwaway directory,
 * whose postmaster is returned so that its backends' CPU can be read. `freshDatabase` makes an empty,
 * migrated database; `cleanups` drops it and stops the server.
 */
export async function benchPostgres(cleanups: Cleanups) {
  let adminUrl = process.env.DATABASE_URL;
  let postmaster: number | undefined;
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-'));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), server.stop);
    adminUrl = server.url('postgres');
    postmaster = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  }
  const url = adminUrl;
  const freshDatabase = async (name: string) => {
    await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(url, `CREATE DATABASE ${name}`);
    cleanups.push(() => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await migrate(withDatabase(url, name));
    return withDatabase(url, name);
  };
  return { freshDatabase, postmaster };
}

export type Measured = {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU milliseconds per completed request: of the target's own process, and of PostgreSQL's (embedded server only). */
  nodeCpu?: number;
  pgCpu?: number;
};
/** Processes whose CPU a measurement reads: the target's server, and PostgreSQL's postmaster (its backends are its children). */
export type Watched = { server?: number; postmaster?: number };

export const median = (values: number[]) => {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/** Each figure's median over the rounds; errors summed. */
export const overRounds = (rounds: Measured[]): Measured => {
  const cpu = (of: 'nodeCpu' | 'pgCpu') =>
    rounds.every((r) => r[of] !== undefined) ? median(rounds.map((r) => r[of]!)) : undefined;
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    nodeCpu: cpu('nodeCpu'),
    pgCpu: cpu('pgCpu'),
  };
};

/** CPU seconds each process has used, user and system, all its threads (/proc counts in USER_HZ, 1/100 s). */
async function cpuSecondsOf(pids: string[]): Promise<Map<string, { parent: number; seconds: number }>> {
  const used = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      // After the command's closing parenthesis: state, ppid, ... utime and stime are the 14th and 15th fields.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [pid, { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 }] as const;
    }),
  );
  return new Map(used.filter(([, u]) => !Number.isNaN(u.seconds)));
}

/** What `watched` has used so far: its server process, and each child of the postmaster (PostgreSQL's backends). */
async function cpuNow(watched: Watched) {
  const node =
    watched.server === undefined
      ? undefined
      : (await cpuSecondsOf([String(watched.server)])).get(String(watched.server))?.seconds;
  if (watched.postmaster === undefined) return { node, pg: undefined };
  const all = await cpuSecondsOf((await readdir('/proc')).filter((name) => /^\d+$/.test(name)));
  return {
    node,
    pg: new Map([...all].filter(([, u]) => u.parent === watched.postmaster).map(([pid, u]) => [pid, u.seconds])),
  };
}

/**
 * The PostgreSQL CPU seconds between two readings: per backend, so that a backend that ends meanwhile
 * (another pool's idle connection) takes nothing away; a backend that starts meanwhile counts whole.
 */
function pgCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  return [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);
}

/**
 * Load on each target in turn, `rounds` times over, each warmed up in the first: every round
 * measures the targets within seconds of each other, so that the host's speed drifting during a run
 * falls on all of them alike (two runs of the same build, one measuring each target for 10 s in a
 * row, gave flat ratios of 0.77-0.94 and 0.61-0.68). `settle` runs before each turn. Returns each
 * target's rounds.
 */
export async function driveInTurns(
  targets: { url: string; body?: string; watched?: Watched }[],
  seconds: number,
  warmup: number,
  rounds: number,
  settle: () => Promise<void> = async () => undefined,
): Promise<Measured[][]> {
  const measured: Measured[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { url, body, watched }] of targets.entries()) {
      await settle();
      measured[i]!.push(await drive(url, body, seconds, round === 0 ? warmup : 0, watched));
    }
  }
  return measured;
}

/**
 * Waits (up to `limitSeconds`) until no other client of `client`'s database runs a statement: the
 * statements of requests a turn's load generator left unanswered at its end run on after it, into
 * the next target's turn, which for a statement of a second or more is much of a turn.
 */
export async function untilIdle(client: pg.Client, limitSeconds = 300): Promise<void> {
  const until = performance.now() + limitSeconds * 1000;
  while (performance.now() < until) {
    const { rows } = await client.query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    if (rows[0]!.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Autocannon's options for POSTing `body` to `url`, or a new body from `body()` for every request. */
const loadOn = (url: string, body: string | (() => string) | undefined) => ({
  url,
  connections: 8,
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  ...(typeof body === 'function'
    ? { requests: [{ setupRequest: (request: object) => ({ ...request, body: body() }) }] }
    : body
      ? { body }
      : {}),
});

/** Load on `url` with `body`, or a new body from `body()` for every request. */
export async function drive(
  url: string,
  body: string | (() => string) | undefined,
  seconds: number,
  warmup: number,
  watched: Watched = {},
): Promise<Measured> {
  const options = loadOn(url, body);
  if (warmup) await autocannon({ ...options, duration: warmup });
  const before = await cpuNow(watched);
  const r = await autocannon({ ...options, duration: seconds });
  const after = await cpuNow(watched);
  const perRequest = (used?: number) => (used === undefined ? undefined : (used * 1000) / r.requests.total);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    nodeCpu: perRequest(before.node === undefined || after.node === undefined ? undefined : after.node - before.node),
    pgCpu: perRequest(before.pg && after.pg && pgCpuBetween(before.pg, after.pg)),
  };
}
