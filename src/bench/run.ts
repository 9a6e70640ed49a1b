// npm run bench [-- --quick] [-- --scale <claims>]: builds a synthetic knowledge base, loads it, and
// measures the service against a raw-SQL baseline with autocannon; writes BENCHMARKS.md (the quick
// mode, which CI runs so that the harness cannot rot, writes BENCHMARKS-quick.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile, mkdtemp, chmod, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Command } from 'commander';
import pg from 'pg';
import { importBundle } from '../bundle/import';
import { parseBundle } from '../bundle/validate';
import { connectDatabase } from '../db/client';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate } from '../db/migrate';
import { createLogger } from '../logger';
import { createApp, defaultPolicy } from '../server/app';
import { runCli } from '../cli/run';
import { generate, load, scaleFor } from './synthetic';
import { operations, type Operation } from './operations';

const root = path.resolve(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts a compiled server (dist/) and waits until `readyUrl` answers. */
async function spawnServer(args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode}`);
    if (await fetch(readyUrl).then((r) => r.status < 500, () => false)) return child;
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

/** A bundle of the first `claims` synthetic claims, with the entities and sources they need. */
function syntheticBundle(claims: number) {
  const { tables } = generate(scaleFor(claims), 7);
  const key = (table: string, id: unknown) => `${table}:${table === 'entity' ? 'e' : table === 'source' ? 's' : 'c'}${id}`;
  return {
    format: 'provenance-kb-bundle',
    version: 1,
    entities: tables.entity!.rows.map(([id, , kind, name]) => ({ key: key('entity', id), kind, name })),
    sources: tables.source!.rows.map(([id, , kind, title, publisher, language, text]) => ({ key: key('source', id), kind, title, publisher: key('entity', publisher), language, text })),
    claims: tables.claim!.rows.map(([id, , subject, predicate, statement, , valueEntity, modality]) => ({
      key: key('claim', id),
      subject: key('entity', subject),
      predicate,
      statement,
      value: { kind: 'ENTITY', entity: key('entity', valueEntity) },
      modality,
      attributions: tables.attribution!.rows
        .filter((a) => a[0] === id)
        .map(([, agent, source, quotation, start, end, stance]) => ({ agent: key('entity', agent), source: key('source', source), quotation, span: [start, end], stance })),
    })),
  };
}

type Measured = { rps: number; p50: number; p99: number; errors: number };

async function drive(url: string, body: string | undefined, seconds: number, warmup: number): Promise<Measured> {
  const options = { url, connections: 8, method: 'POST' as const, headers: { 'content-type': 'application/json' }, ...(body ? { body } : {}) };
  if (warmup) await autocannon({ ...options, duration: warmup });
  const r = await autocannon({ ...options, duration: seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function main() {
  const args = new Command('bench')
    .option('--quick', 'a small run (under a minute) to check that the harness works')
    .option('--scale <claims>', 'claims in the synthetic knowledge base (entities, sources and drafts scale with it)', (v) => Number(v))
    .parse()
    .opts<{ quick?: boolean; scale?: number }>();
  const claims = args.scale ?? (args.quick ? 2_000 : 100_000);
  const [seconds, warmup] = args.quick ? [2, 1] : [10, 3];
  const out = path.join(root, args.quick ? 'BENCHMARKS-quick.md' : 'BENCHMARKS.md');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    let adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-bench-'));
      await chmod(dir, 0o755);
      const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
      cleanups.push(() => rm(dir, { recursive: true, force: true }), server.stop);
      adminUrl = server.url('postgres');
    }
    const url = withDatabase(adminUrl, 'kb_bench');
    const importUrl = withDatabase(adminUrl, 'kb_bench_import');
    for (const name of ['kb_bench', 'kb_bench_import']) {
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin(adminUrl, `CREATE DATABASE ${name}`);
      cleanups.push(() => admin(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await migrate(withDatabase(adminUrl, name));
    }

    const scale = scaleFor(claims);
    log(`generating ${claims} claims, ${scale.sources} sources, ${scale.entities} entities, ${scale.drafts} UNSC drafts`);
    const synthetic = generate(scale);
    const loaded = await load(url, synthetic.tables);
    log(`loaded ${loaded.rows} rows in ${loaded.seconds.toFixed(1)} s`);

    const importClaims = Math.min(10_000, claims);
    const bundle = parseBundle(syntheticBundle(importClaims));
    const importDb = connectDatabase(importUrl);
    const importStarted = performance.now();
    await importBundle(importDb.prisma, bundle, { actor: 'bench' });
    const importSeconds = (performance.now() - importStarted) / 1000;
    await importDb.close();
    log(`bundle import: ${importClaims} claims in ${importSeconds.toFixed(1)} s`);

    const ops = operations(synthetic);
    const counting: string[] = [];
    const counted = connectDatabase(url, { onQuery: (sql) => counting.push(sql) });
    const app = createApp({ prisma: counted.prisma, logger: createLogger('silent'), policy: { ...defaultPolicy, rateLimitPerMinute: 1e9 } });
    const statements: number[] = [];
    for (const op of ops) {
      const run = () => app.fetch(new URL('http://bench/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.graphql, variables: op.variables }) });
      const first = (await (await run()).json()) as { errors?: unknown };
      if (first.errors) throw new Error(`${op.name}: ${JSON.stringify(first.errors)}`);
      counting.length = 0;
      await run();
      statements.push(counting.length);
    }
    await counted.close();

    // Both servers run compiled, as deployed (`npm run build`), not under the tsx transpiler.
    log('building');
    await new Promise<void>((resolve, reject) =>
      spawn('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`)))),
    );
    const [servicePort, baselinePort] = [await freePort(), await freePort()];
    // The service as deployed (production mode), but logging warnings only: the benchmark measures
    // the API, not writing a log line per request into a pipe.
    const service = await spawnServer(
      ['dist/main.js'],
      { DATABASE_URL: url, PORT: String(servicePort), HOST: '127.0.0.1', KB_LOAD_SEED: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', KB_RATE_LIMIT_PER_MINUTE: '1000000000' },
      `http://127.0.0.1:${servicePort}/health`,
    );
    cleanups.push(async () => service.kill('SIGTERM'));
    const probe = { chainHead: synthetic.chainHead, probeClaim: synthetic.probeClaim, pair: synthetic.pair, searchTerms: synthetic.searchTerms };
    const baseline = await spawnServer(['dist/bench/baseline-server.js'], { DATABASE_URL: url, PORT: String(baselinePort), BENCH_PROBE: JSON.stringify(probe) }, `http://127.0.0.1:${baselinePort}/0`);
    cleanups.push(async () => baseline.kill('SIGTERM'));
    const rows: { op: Operation; service: Measured; baseline: Measured; statements: number; plan: string }[] = [];
    const planClient = new pg.Client({ connectionString: url });
    await planClient.connect();
    for (const [i, op] of ops.entries()) {
      log(`driving: ${op.name}`);
      const service_ = await drive(`http://127.0.0.1:${servicePort}/graphql`, JSON.stringify({ query: op.graphql, variables: op.variables }), seconds, warmup);
      const baseline_ = await drive(`http://127.0.0.1:${baselinePort}/${i}`, undefined, seconds, warmup);
      const plan = (await planClient.query(`EXPLAIN (ANALYZE, TIMING OFF) ${op.sql}`, op.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      rows.push({ op, service: service_, baseline: baseline_, statements: statements[i]!, plan });
    }
    await planClient.end();
    const status = await readFile(`/proc/${service.pid}/status`, 'utf8').catch(() => '');
    const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;

    const command = `npm run bench${args.quick ? ' -- --quick' : args.scale ? ` -- --scale ${args.scale}` : ''}`;
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const report = [
      `# Benchmarks${args.quick ? ' (quick mode: a check that the harness works, not a measurement)' : ''}`,
      '',
      `Command: \`${command}\`, run ${new Date().toISOString()}. Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
      `Data: ${claims} claims, ${scale.sources} sources, ${scale.entities} entities, ${scale.drafts} UNSC drafts; derivation chains up to 12 sources. Load generator: autocannon, 8 connections, ${warmup} s warm-up, ${seconds} s measured, per operation.`,
      '',
      `- Load (COPY): ${loaded.rows} rows in ${loaded.seconds.toFixed(1)} s, **${Math.round(loaded.rows / loaded.seconds)} rows/s**.`,
      `- Bundle import (validated, one transaction, audited): ${importClaims} claims with their entities, sources and attributions in ${importSeconds.toFixed(1)} s, **${Math.round(importClaims / importSeconds)} claims/s**.`,
      `- Service memory (peak resident, after the runs): **${peakMb.toFixed(0)} MB**.`,
      '',
      '| operation | SQL statements / request | service req/s | service p50 | service p99 | baseline req/s | baseline p50 | baseline p99 | service / baseline |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) =>
        `| ${r.op.name} | ${r.statements} | ${r.service.rps.toFixed(0)} | ${ms(r.service.p50)} | ${ms(r.service.p99)} | ${r.baseline.rps.toFixed(0)} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p99)} | ${(r.service.rps / r.baseline.rps).toFixed(2)} |`,
      ),
      '',
      'The baseline answers each operation with one hand-written SQL statement over `pg`, as JSON from a minimal HTTP server; no response cache or JIT is used on either side.',
      '',
      '## Query plans of the baseline statements (EXPLAIN ANALYZE)',
      ...rows.flatMap((r) => ['', `### ${r.op.name}`, '', '```', r.plan, '```']),
      '',
    ].join('\n');
    await writeFile(out, report);
    log(`wrote ${path.relative(root, out)}`);
    const failures = rows.filter((r) => r.service.errors || r.baseline.errors);
    if (failures.length) throw new Error(`requests failed during: ${failures.map((f) => f.op.name).join(', ')}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

runCli(main, 'bench');
