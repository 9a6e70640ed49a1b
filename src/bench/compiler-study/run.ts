// npm run bench:compiler [-- --quick] [-- --scale <claims>] [-- --profile]: issue 21's compiler study.
// On the benchmark's synthetic data, the nested query is answered by the service, PostGraphile 5, the
// raw-SQL baselines and the prototype compiler in three modes (schema.ts, server.ts), in turns and
// rounds as `npm run bench` does, each answer first checked against the service's; writes
// BENCHMARKS-compiler-study.md with req/s, ratios and Node and PostgreSQL CPU per request, and with
// --profile where each Node process spends its CPU.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Command } from 'commander';
import { runCli } from '../../cli/run';
import {
  benchPostgres,
  build,
  type Cleanups,
  drive,
  driveInTurns,
  freePort,
  hostConditions,
  type Measured,
  median,
  nodeFlags,
  overRounds,
  root,
  spawnServer,
  spawnService,
  startProdCommand,
  warm,
} from '../harness';
import { operations } from '../operations';
import { generate, load, scaleFor } from '../synthetic';
import type { StudyMode } from './server';

// Requests every target answers before it is measured (and before it is profiled).
const WARM_REQUESTS = 500;

type Target = { name: string; url: string; body?: string; start: (flags: string[]) => Promise<ChildProcess> };

const MODES: [StudyMode, string][] = [
  ['plugins', "prototype: compiled statement, Pothos types with the service's read plugins"],
  ['bare', 'prototype: compiled statement, plain Pothos types'],
  ['passthrough', 'prototype: compiled statement, its JSON text passed through (no graphql-js execution)'],
];

/**
 * Self time of a V8 CPU profile by what ran (packages by family, Node's own code, the project's, GC),
 * counted after the longest idle stretch: the pause the study leaves between start-up and load.
 */
function whereCpuGoes(profile: {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}): { families: Map<string, number>; functions: [string, number][] } {
  const familyOf = (url: string, fn: string) => {
    if (!url)
      return fn === '(garbage collector)' ? 'garbage collection' : fn === '(idle)' ? 'idle' : 'V8 and native code';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg) {
      if (pkg === 'graphql') return 'graphql-js';
      if (/^(graphql-yoga|@graphql-yoga|@envelop|@whatwg-node|@graphql-tools)/.test(pkg)) return 'yoga and envelop';
      if (pkg.startsWith('@pothos/')) return 'Pothos';
      if (/^(pg|pg-protocol|pg-types|pg-pool|postgres-\w+)$/.test(pkg)) return 'pg';
      if (/prisma/.test(pkg)) return 'Prisma';
      if (/^(grafast|grafserv|@dataplan|graphile|postgraphile|pg-sql2|tamedevil)/.test(pkg))
        return 'PostGraphile (grafast, dataplan)';
      return pkg;
    }
    if (url.startsWith('node:')) return 'Node (http, streams, timers)';
    return 'the project (dist/)';
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, familyOf(n.callFrame.url, n.callFrame.functionName)]));
  let [loaded, idleSince, longest] = [0, 0, 0];
  for (let i = 0, t = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (byId.get(profile.samples[i]!) !== 'idle') idleSince = t;
    else if (t - idleSince > longest) [longest, loaded] = [t - idleSince, i];
  }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const [families, functions] = [new Map<string, number>(), new Map<string, number>()];
  for (const id of profile.samples.slice(loaded)) {
    const family = byId.get(id)!;
    if (family === 'idle') continue;
    const { functionName, url } = nodes.get(id)!;
    const fn = `${functionName || '(anonymous)'} (${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/') || family})`;
    families.set(family, (families.get(family) ?? 0) + 1);
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
  const total = [...families.values()].reduce((a, b) => a + b, 0);
  const shares = (counts: Map<string, number>) =>
    [...counts].map(([k, v]): [string, number] => [k, v / total]).toSorted((a, b) => b[1] - a[1]);
  return { families: new Map(shares(families)), functions: shares(functions).slice(0, 8) };
}

async function main() {
  const args = new Command('bench:compiler')
    .option('--quick', 'a small run to check that the study works')
    .option('--scale <claims>', 'claims in the synthetic knowledge base', (v) => Number(v))
    .option('--profile', 'also profile the service, PostGraphile and the prototype under load')
    .parse()
    .opts<{ quick?: boolean; scale?: number; profile?: boolean }>();
  const claims = args.scale ?? (args.quick ? 2_000 : 100_000);
  const [seconds, rounds, warmRequests] = args.quick ? [1.5, 1, 20] : [20, 5, WARM_REQUESTS];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cleanups: Cleanups = [];
  try {
    const loadBefore = os.loadavg();
    const { freshDatabase, postmaster } = await benchPostgres(cleanups);
    const url = await freshDatabase('kb_study');
    const synthetic = generate(scaleFor(claims));
    log(`loading ${claims} claims`);
    await load(url, synthetic.tables);
    log('building');
    await build();
    const startProd = await startProdCommand();
    const [nested] = operations(synthetic);
    if (!nested || !('graphql' in nested.postgraphile)) throw new Error('the nested operation comes first');
    const body = JSON.stringify({ query: nested.graphql });
    const server = async (entry: string, env: Record<string, string>, flags: string[], ready: string) => {
      const port = await freePort();
      const child = await spawnServer(
        [...nodeFlags(startProd), ...flags, entry],
        { ...env, PORT: String(port) },
        ready.replace('PORT', String(port)),
      );
      cleanups.push(async () => child.kill('SIGTERM'));
      return { child, port };
    };
    const ports = new Map<string, number>();
    const on =
      (name: string, start: (flags: string[]) => Promise<{ child: ChildProcess; port: number }>) =>
      async (flags: string[]) => {
        const { child, port } = await start(flags);
        ports.set(name, port);
        return child;
      };
    const targets: Target[] = [
      {
        name: 'service',
        url: '/graphql',
        body,
        start: on('service', async (flags) => {
          const port = await freePort();
          return { child: await spawnService(url, port, cleanups, { flags }), port };
        }),
      },
      {
        name: 'PostGraphile 5 (amber)',
        url: '/graphql',
        body: JSON.stringify({ query: nested.postgraphile.graphql }),
        start: on('PostGraphile 5 (amber)', (flags) =>
          server(
            'dist/bench/postgraphile-server.js',
            { DATABASE_URL: url, NODE_ENV: 'production' },
            flags,
            'http://127.0.0.1:PORT/graphql',
          ),
        ),
      },
      ...MODES.map(
        ([mode, name]): Target => ({
          name,
          url: '/graphql',
          body,
          start: on(name, (flags) =>
            server(
              'dist/bench/compiler-study/server.js',
              { DATABASE_URL: url, NODE_ENV: 'production', STUDY_MODE: mode },
              flags,
              'http://127.0.0.1:PORT/health',
            ),
          ),
        }),
      ),
      ...['', 'prepared/'].map(
        (prefix): Target => ({
          name: prefix ? 'prepared baseline' : 'baseline',
          url: `/${prefix}0`,
          start: on(prefix ? 'prepared baseline' : 'baseline', async () => {
            const probe = {
              chainHead: synthetic.chainHead,
              probeClaim: synthetic.probeClaim,
              pair: synthetic.pair,
              searchTerms: synthetic.searchTerms,
            };
            return server(
              'dist/bench/baseline-server.js',
              { DATABASE_URL: url, BENCH_PROBE: JSON.stringify(probe) },
              [],
              'http://127.0.0.1:PORT/0',
            );
          }),
        }),
      ),
    ];
    const children = new Map<string, ChildProcess>();
    for (const t of targets) children.set(t.name, await t.start([]));
    const urlOf = (t: Target) => `http://127.0.0.1:${ports.get(t.name)}${t.url}`;
    // Every target gives the service's answer, or its figures would compare unlike work.
    const answerOf = async (t: Target) =>
      (
        (await (
          await fetch(urlOf(t), { method: 'POST', headers: { 'content-type': 'application/json' }, body: t.body })
        ).json()) as { data: unknown }
      ).data;
    const expected = await answerOf(targets[0]!);
    for (const t of targets.slice(1))
      if (!isDeepStrictEqual(await answerOf(t), expected)) throw new Error(`${t.name} does not answer as the service`);

    log('warming up');
    for (const t of targets) await warm(urlOf(t), t.body, warmRequests);
    log('driving the nested query in turns');
    const turns = await driveInTurns(
      targets.map((t) => ({ url: urlOf(t), body: t.body, watched: { server: children.get(t.name)!.pid, postmaster } })),
      seconds / rounds,
      0,
      rounds,
    );
    const measured = turns.map(overRounds);
    const index = (name: string) => targets.findIndex((t) => t.name === name);
    const ratio = (i: number, j: number) => median(turns[i]!.map((m, k) => m.rps / turns[j]![k]!.rps));

    const profiles = new Map<string, ReturnType<typeof whereCpuGoes>>();
    if (args.profile) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kb-study-prof-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      for (const t of targets.filter((target) => !target.name.includes('baseline'))) {
        log(`profiling: ${t.name}`);
        const out = path.join(dir, String(profiles.size));
        const old = children.get(t.name)!;
        await new Promise((resolve) => old.once('exit', resolve).kill('SIGTERM'));
        const child = await t.start(['--cpu-prof', `--cpu-prof-dir=${out}`]);
        await warm(urlOf(t), t.body, warmRequests);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await drive(urlOf(t), t.body, seconds / rounds, 0);
        await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
        const [file] = await readdir(out);
        profiles.set(
          t.name,
          whereCpuGoes(JSON.parse(await readFile(path.join(out, file!), 'utf8')) as Parameters<typeof whereCpuGoes>[0]),
        );
      }
    }

    const ms = (n?: number) => (n === undefined ? '-' : `${n.toFixed(2)} ms`);
    const [baseline, prepared, postgraphile] = [
      index('baseline'),
      index('prepared baseline'),
      index('PostGraphile 5 (amber)'),
    ];
    const report = [
      `# Compiler study (issue 21)${args.quick ? ' (quick mode: a check that the study runs, not a measurement)' : ''}`,
      '',
      `Command: \`npm run bench:compiler${args.quick ? ' -- --quick' : ''}${args.scale ? ` -- --scale ${args.scale}` : ''}${args.profile ? ' -- --profile' : ''}\`, run ${new Date().toISOString()}. ${hostConditions(loadBefore)}`,
      `Data: ${claims} claims (\`src/bench/synthetic.ts\`). The nested query of \`npm run bench\` (10 entities, 10 claims each, 5 attributions each with their source). Every Node target runs compiled with the service's flags (\`${startProd}\`); each answer was checked equal to the service's before the load. Autocannon, 8 connections, ${warmRequests} requests of warm-up and ${seconds} s measured per target${rounds > 1 ? ` in ${rounds} rounds of ${seconds / rounds} s in which the targets take turns; figures are medians of the rounds, ratios medians of the rounds' ratios` : ''}.`,
      '',
      '| target | req/s | p50 | p99 | against the baseline | against the prepared baseline | against PostGraphile | Node CPU / request | PostgreSQL CPU / request |',
      '|---|---|---|---|---|---|---|---|---|',
      ...targets.map((t, i) => {
        const m: Measured = measured[i]!;
        return `| ${t.name} | ${m.rps.toFixed(0)} | ${m.p50.toFixed(1)} ms | ${m.p99.toFixed(1)} ms | ${ratio(i, baseline).toFixed(2)} | ${ratio(i, prepared).toFixed(2)} | ${ratio(i, postgraphile).toFixed(2)} | ${ms(m.nodeCpu)} | ${ms(m.pgCpu)} |`;
      }),
      ...(profiles.size
        ? [
            '',
            '## Where the Node CPU goes',
            '',
            `Self time in a V8 CPU profile (\`--cpu-prof\`) of each process under the same load for ${seconds / rounds} s, idle left out, grouped by what ran.`,
            '',
            ...[...profiles].flatMap(([name, { families, functions }]) => [
              `- ${name}: ${[...families]
                .filter(([, share]) => share >= 0.01)
                .map(([k, share]) => `${k} ${(100 * share).toFixed(0)}%`)
                .join(', ')}.`,
              `  Busiest functions: ${functions.map(([k, share]) => `\`${k}\` ${(100 * share).toFixed(1)}%`).join(', ')}.`,
            ]),
          ]
        : []),
      '',
    ].join('\n');
    const out = path.join(root, args.quick ? 'BENCHMARKS-compiler-study-quick.md' : 'BENCHMARKS-compiler-study.md');
    await writeFile(out, report);
    log(`wrote ${path.relative(root, out)}`);
    if (measured.some((m) => m.errors)) throw new Error('requests failed during the study');
  } finally {
    for (const cleanup of cleanups.toReversed()) await cleanup().catch(() => undefined);
  }
}

runCli(main, 'bench:compiler');
