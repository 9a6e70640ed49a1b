// npm run bench [-- --quick] [-- --scale <claims>]: builds a synthetic knowledge base, loads it, and
// measures the service against a raw-SQL baseline with autocannon; writes BENCHMARKS.md for the
// default 100k claims, BENCHMARKS-<claims>.md for another scale (the default run's report compares
// p99 across the scales measured), and BENCHMARKS-quick.md in the quick mode CI runs so that the
// harness cannot rot.

import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../bundle/format';
import { importBundle } from '../bundle/import';
import { parseBundle } from '../bundle/validate';
import { runCli } from '../cli/run';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/client';
import { grouped } from '../grouped';
import { createLogger } from '../logger';
import { createApp, defaultPolicy } from '../server/app';
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
  untilIdle,
} from './harness';
import { nestedAfter, type Operation, operations } from './operations';
import { generate, load, scaleFor } from './synthetic';

/** A bundle of the first `claims` synthetic claims, with the entities and sources they need. */
function syntheticBundle(claims: number) {
  const { tables } = generate(scaleFor(claims), 7);
  const key = (table: string, id: string | number | null | undefined) =>
    `${table}:${table === 'entity' ? 'e' : table === 'source' ? 's' : 'c'}${String(id)}`;
  const statements = new Map(
    tables.attribution!.rows.map(([id, , agent, source, , start, end]) => [
      id,
      { agent: key('entity', agent), source: key('source', source), span: [start, end] },
    ]),
  );
  const byColumn = (rows: (string | number | null)[][], column: number) => grouped(rows, (row) => row[column]!);
  const repeated = byColumn(tables.statement_derivation!.rows, 1);
  const byClaim = byColumn(tables.attribution!.rows, 1);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    entities: tables.entity!.rows.map(([id, , kind, name]) => ({ key: key('entity', id), kind, name })),
    sources: tables.source!.rows.map(([id, , kind, title, publisher, language, text]) => ({
      key: key('source', id),
      kind,
      title,
      publisher: key('entity', publisher),
      language,
      text,
    })),
    claims: tables.claim!.rows.map(([id, , subject, predicate, statement, , valueEntity, modality]) => ({
      key: key('claim', id),
      subject: key('entity', subject),
      predicate,
      statement,
      value: { kind: 'ENTITY', entity: key('entity', valueEntity) },
      modality,
      attributions: (byClaim.get(id!) ?? []).map(
        ([statementId, , agent, source, quotation, start, end, stance, wording]) => ({
          agent: key('entity', agent),
          source: key('source', source),
          quotation,
          span: [start, end],
          stance,
          wording,
          derivedFrom: (repeated.get(statementId!) ?? []).map(([, , origin, originSource, kind]) =>
            origin === null
              ? { source: key('source', originSource), kind }
              : { statement: statements.get(origin), kind },
          ),
        }),
      ),
    })),
  };
}

/** What a run keeps for other runs to compare with, in an HTML comment at the end of its report. */
type Kept = { claims: number; p99: Record<string, number> };
const KEPT = /<!-- results: (.*) -->/;
const DEFAULT_CLAIMS = 100_000;
const POOL_SIZES = [2, 4, 10, 20];

// The response cache measured apart, at the size a dashboard deployment would give it.
const RESPONSE_CACHE_MB = 16;
// The goals of issue 6, so that each report says which it meets.
const GOALS = { p99Growth: 2, importClaimsPerSecond: 10_000, peakMb: 300 };
const verdict = (met: boolean) => (met ? 'met' : '**not met**');

/**
 * The p99 of each operation at every scale measured (reports beside `out`), smallest scale first; the
 * `wholeTable` ones held to growing no faster than the claims.
 */
async function scaling(out: string, current: Kept, wholeTable: ReadonlySet<string>): Promise<string[]> {
  const dir = path.dirname(out);
  const others = await Promise.all(
    (await readdir(dir))
      .filter((f) => /^BENCHMARKS-\d+\.md$/.test(f))
      .map(async (f) => JSON.parse(KEPT.exec(await readFile(path.join(dir, f), 'utf8'))?.[1] ?? 'null') as Kept | null),
  );
  const runs = [...others.filter((k): k is Kept => k !== null && k.claims !== current.claims), current].toSorted(
    (a, b) => a.claims - b.claims,
  );
  if (runs.length < 2) return [];
  const [first, last] = [runs[0]!, runs[runs.length - 1]!];
  const claimsGrowth = last.claims / first.claims;
  return [
    '',
    '## p99 latency across scales',
    '',
    `From each scale's own run (\`npm run bench -- --scale N\`, its report in BENCHMARKS-N.md). Growth is the p99 at ${last.claims} claims over the p99 at ${first.claims}.`,
    '',
    `| operation | ${runs.map((r) => `p99 at ${r.claims} claims`).join(' | ')} | growth (goal: at most ${GOALS.p99Growth}x) |`,
    `|---|${runs.map(() => '---|').join('')}---|`,
    ...Object.keys(current.p99).map((op) => {
      const growth = first.p99[op] && last.p99[op] ? last.p99[op] / first.p99[op] : undefined;
      const goal = wholeTable.has(op) ? claimsGrowth : GOALS.p99Growth;
      const held = wholeTable.has(op)
        ? ` (whole-table aggregate, one request at a time: goal at most ${claimsGrowth}x, as the claims)`
        : '';
      return `| ${op} | ${runs.map((r) => (r.p99[op] === undefined ? '-' : `${r.p99[op]} ms`)).join(' | ')} | ${growth === undefined ? '-' : `${growth.toFixed(2)}x, ${verdict(growth <= goal)}${held}`} |`;
    }),
    ...(wholeTable.size
      ? [
          '',
          `${[...wholeTable].join(', ')}: counts every claim on every request, by design, and its latency grows in proportion to the claims: it is measured one request at a time and held to growing no faster than the claims (${claimsGrowth}x from ${first.claims} to ${last.claims}), not to the ${GOALS.p99Growth}x asked of the operations whose work a page bounds.`,
        ]
      : []),
  ];
}

/** One request's latency, in ms, and whether it was answered (the service stops a statement past its timeout). */
async function timed(url: string, body?: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.text();
  return { ms: Math.round((performance.now() - started) * 10) / 10, ok: response.ok };
}

/**
 * One request to each target in turn, `rounds` times over, each after `settle`: for an operation one
 * request of which outlasts a turn of driveInTurns. Each round's figures are that request's.
 */
async function oneByOne(
  targets: { url: string; body?: string }[],
  rounds: number,
  settle: () => Promise<void>,
): Promise<Measured[][]> {
  const measured: Measured[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { url, body }] of targets.entries()) {
      await settle();
      const { ms, ok } = await timed(url, body);
      measured[i]!.push({ rps: 1000 / ms, p50: ms, p99: ms, errors: ok ? 0 : 1 });
    }
  }
  return measured;
}

/** The most memory `child` has held resident, in MB. */
async function peakMbOf(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

async function main() {
  const args = new Command('bench')
    .option('--quick', 'a small run (under a minute) to check that the harness works')
    .option(
      '--scale <claims>',
      'claims in the synthetic knowledge base (entities, sources and drafts scale with it)',
      (v) => Number(v),
    )
    .parse()
    .opts<{ quick?: boolean; scale?: number }>();
  const claims = args.scale ?? (args.quick ? 2_000 : DEFAULT_CLAIMS);
  // Measured seconds per target, its warm-up, and the rounds the measured seconds are split into.
  const [seconds, warmup, rounds] = args.quick ? [1.5, 0.5, 1] : [12, 3, 3];
  const out = path.join(
    root,
    args.quick ? 'BENCHMARKS-quick.md' : claims === DEFAULT_CLAIMS ? 'BENCHMARKS.md' : `BENCHMARKS-${claims}.md`,
  );
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cleanups: Cleanups = [];
  try {
    // The host is shared: its load before and after the run goes into the report.
    const loadBefore = os.loadavg();
    const { freshDatabase, postmaster } = await benchPostgres(cleanups);
    const url = await freshDatabase('kb_bench');

    const scale = scaleFor(claims);
    log(
      `generating ${claims} claims, ${scale.sources} sources, ${scale.entities} entities, ${scale.drafts} UNSC drafts`,
    );
    const synthetic = generate(scale);
    const loaded = await load(url, synthetic.tables);
    log(`loaded ${loaded.rows} rows in ${loaded.seconds.toFixed(1)} s`);

    // Into an empty database each time, as often as the load is measured in rounds.
    const importClaims = Math.min(10_000, claims);
    const bundle = parseBundle(syntheticBundle(importClaims));
    const importRuns: number[] = [];
    for (let run = 0; run < rounds; run++) {
      const importDb = connectDatabase(await freshDatabase('kb_bench_import'));
      const importStarted = performance.now();
      await importBundle(importDb.prisma, bundle, { actor: 'bench' });
      importRuns.push((performance.now() - importStarted) / 1000);
      await importDb.close();
      log(`bundle import: ${importClaims} claims in ${importRuns.at(-1)!.toFixed(1)} s`);
    }
    const importSeconds = median(importRuns);

    const ops = operations(synthetic);
    const counting: { sql: string; params: unknown[] }[] = [];
    const counted = connectDatabase(url, { onQuery: (sql, params) => counting.push({ sql, params }) });
    const app = createApp({
      db: counted,
      logger: createLogger('silent'),
      policy: { ...defaultPolicy, rateLimitPerMinute: 1e9 },
    });
    const statements: { sql: string; params: unknown[] }[][] = [];
    for (const op of ops) {
      const run = () =>
        app.fetch(new URL('http://bench/graphql'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: op.graphql, variables: op.variables }),
        });
      const first = (await (await run()).json()) as { errors?: unknown };
      if (first.errors) throw new Error(`${op.name}: ${JSON.stringify(first.errors)}`);
      counting.length = 0;
      await run();
      statements.push([...counting]);
    }
    await counted.close();

    // Both servers run compiled, as deployed (`npm run build`), not under the tsx transpiler.
    log('building');
    await build();
    const [servicePort, baselinePort] = [await freePort(), await freePort()];
    const startProd = await startProdCommand();
    // Without the response cache unless asked: the ratio to the baseline is the service's own work.
    const startService = (options: { poolSize?: number; responseCacheMb?: number } = {}) =>
      spawnService(url, servicePort, cleanups, options);
    const stopService = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
    const service = await startService();
    const probe = {
      chainHead: synthetic.chainHead,
      probeClaim: synthetic.probeClaim,
      pair: synthetic.pair,
      searchTerms: synthetic.searchTerms,
    };
    const baseline = await spawnServer(
      ['dist/bench/baseline-server.js'],
      { DATABASE_URL: url, PORT: String(baselinePort), BENCH_PROBE: JSON.stringify(probe) },
      `http://127.0.0.1:${baselinePort}/0`,
    );
    cleanups.push(async () => baseline.kill('SIGTERM'));
    // PostGraphile runs with the service's Node flags, so that both have the same heap to work in.
    const postgraphilePort = await freePort();
    const postgraphile = await spawnServer(
      [...nodeFlags(startProd), 'dist/bench/postgraphile-server.js'],
      { DATABASE_URL: url, PORT: String(postgraphilePort), NODE_ENV: 'production' },
      `http://127.0.0.1:${postgraphilePort}/graphql`,
    );
    cleanups.push(async () => postgraphile.kill('SIGTERM'));
    const rows: {
      op: Operation;
      service: Measured;
      baseline: Measured;
      prepared: Measured;
      /** Where PostGraphile's schema can ask the operation. */
      postgraphile?: Measured;
      /** Medians over the rounds of the service's throughput over the baseline's, and over the prepared baseline's. */
      ratio: number;
      preparedRatio: number;
      /** Medians over the rounds of PostGraphile's throughput over the baseline's, and of the service's over PostGraphile's. */
      postgraphileRatio?: number;
      serviceToPostgraphile?: number;
      statements: number;
      plan: string;
      servicePlans: string[];
      /** For a whole-table aggregate: as many requests sent to the service at once as the load generator's connections. */
      together?: { ms: number; ok: boolean }[];
    }[] = [];
    const planClient = new pg.Client({ connectionString: url });
    await planClient.connect();
    const explain = async (sql: string, params: unknown[], options: string) =>
      (await planClient.query<{ 'QUERY PLAN': string }>(`EXPLAIN (${options}) ${sql}`, params)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    for (const [i, op] of ops.entries()) {
      log(`driving: ${op.name}`);
      const body = JSON.stringify({ query: op.graphql, variables: op.variables });
      const targets = [
        { url: `http://127.0.0.1:${servicePort}/graphql`, body, watched: { server: service.pid, postmaster } },
        { url: `http://127.0.0.1:${baselinePort}/${i}`, watched: { server: baseline.pid, postmaster } },
        { url: `http://127.0.0.1:${baselinePort}/prepared/${i}`, watched: { server: baseline.pid, postmaster } },
        ...('graphql' in op.postgraphile
          ? [
              {
                url: `http://127.0.0.1:${postgraphilePort}/graphql`,
                body: JSON.stringify({ query: op.postgraphile.graphql }),
                watched: { server: postgraphile.pid, postmaster },
              },
            ]
          : []),
      ];
      const settle = () => untilIdle(planClient);
      const turns = op.wholeTable
        ? await oneByOne(targets, rounds, settle)
        : await driveInTurns(targets, seconds / rounds, warmup, rounds, settle);
      // As many requests at once as the load generator's connections, for an operation measured one by one.
      const together = op.wholeTable
        ? await settle().then(() =>
            Promise.all(Array.from({ length: 8 }, () => timed(`http://127.0.0.1:${servicePort}/graphql`, body))),
          )
        : undefined;
      const [service_, baseline_, prepared, postgraphile_] = turns.map((measured) =>
        op.wholeTable
          ? { ...overRounds(measured), p99: Math.max(...measured.map((m) => m.p99)) }
          : overRounds(measured),
      ) as [Measured, Measured, Measured, Measured?];
      const ratioOf = (target: Measured[], other: Measured[]) => median(target.map((s, k) => s.rps / other[k]!.rps));
      const ratioTo = (other: Measured[]) => ratioOf(turns[0]!, other);
      const plan = await explain(op.sql, op.params, 'ANALYZE, TIMING OFF');
      const servicePlans: string[] = [];
      for (const s of statements[i]!)
        servicePlans.push(`${s.sql.trim()}\n\n${await explain(s.sql, s.params, 'ANALYZE, TIMING OFF, BUFFERS OFF')}`);
      rows.push({
        op,
        service: service_,
        baseline: baseline_,
        prepared,
        postgraphile: postgraphile_,
        ratio: ratioTo(turns[1]!),
        preparedRatio: ratioTo(turns[2]!),
        ...(turns[3]
          ? { postgraphileRatio: ratioOf(turns[3], turns[1]!), serviceToPostgraphile: ratioTo(turns[3]) }
          : {}),
        statements: statements[i]!.length,
        plan,
        servicePlans,
        together,
      });
    }
    await planClient.end();
    // Every request a different page of the nested query (ten sizes of claim page, then the next
    // entities, 10 x entities bodies in all): what the cache costs when it misses.
    let page = 0;
    const varied = () => {
      const n = page++;
      return nestedAfter(Math.floor(n / 10) % (scale.entities - 10), 1 + (n % 10));
    };
    log('driving: nested, a different page each request');
    const variedUncached = await drive(`http://127.0.0.1:${servicePort}/graphql`, varied, seconds, warmup);
    const peakMb = await peakMbOf(service);
    await stopService(service);

    // With the response cache, reported apart: every request repeats the last, so every one after
    // the first is answered from the cache, as for a dashboard that refreshes.
    const cachedService = await startService({ responseCacheMb: RESPONSE_CACHE_MB });
    const cached: Measured[] = [];
    for (const op of ops) {
      log(`driving with the response cache: ${op.name}`);
      const graphql = `http://127.0.0.1:${servicePort}/graphql`;
      const body = JSON.stringify({ query: op.graphql, variables: op.variables });
      // One request stores the answer first: misses at once would each compute it, each outlasting the warm-up.
      if (op.wholeTable) await timed(graphql, body);
      cached.push(await drive(graphql, body, seconds, warmup));
    }
    log('driving with the response cache: nested, a different page each request');
    page = 0;
    const variedCached = await drive(`http://127.0.0.1:${servicePort}/graphql`, varied, seconds, warmup);
    const cachedPeakMb = await peakMbOf(cachedService);
    await stopService(cachedService);

    // The pool size, chosen by measurement: the nested and the smallest query at each size.
    const pools: { size: number; results: Measured[] }[] = [];
    if (!args.quick) {
      for (const size of POOL_SIZES) {
        log(`pool size ${size}`);
        const child = await startService({ poolSize: size });
        const results: Measured[] = [];
        for (const op of [ops[0]!, ops[ops.length - 1]!])
          results.push(
            await drive(
              `http://127.0.0.1:${servicePort}/graphql`,
              JSON.stringify({ query: op.graphql, variables: op.variables }),
              5,
              2,
            ),
          );
        pools.push({ size, results });
        await stopService(child);
      }
    }
    const kept: Kept = { claims, p99: Object.fromEntries(rows.map((r) => [r.op.name, r.service.p99])) };

    const command = `npm run bench${args.quick ? ' -- --quick' : args.scale ? ` -- --scale ${args.scale}` : ''}`;
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const report = [
      `# Benchmarks${args.quick ? ' (quick mode: a check that the harness works, not a measurement)' : ''}`,
      '',
      `Command: \`${command}\`, run ${new Date().toISOString()}. ${hostConditions(loadBefore)} Service: \`${startProd}\` (\`npm run start:prod\`), pool of ${loadConfig({}).dbPoolSize} connections (the default).`,
      `Data: ${claims} claims, ${scale.sources} sources, ${scale.entities} entities, ${scale.drafts} UNSC drafts; derivation chains up to 12 sources; claim subjects, speakers and publishers skewed as in the news (entity k is the subject of log((k+1)/k) / log(entities+1) of the claims: entity 1 of ${((100 * Math.LN2) / Math.log(scale.entities + 1)).toFixed(1)}%). Load generator: autocannon, 8 connections, ${warmup} s warm-up and ${seconds} s measured per operation and server${rounds > 1 ? `, in ${rounds} rounds of ${seconds / rounds} s in which the service, the baseline, the prepared baseline and PostGraphile (where it can ask the operation) take turns, each turn once the database has finished the statements the previous one left running; each figure is the median of the rounds, and each ratio the median of the rounds' ratios` : ''}.`,
      '',
      `- Load (COPY): ${loaded.rows} rows in ${loaded.seconds.toFixed(1)} s, **${Math.round(loaded.rows / loaded.seconds)} rows/s**.`,
      `- Bundle import (validated, one transaction, audited): ${importClaims} claims with their entities, sources and attributions in ${importSeconds.toFixed(1)} s${importRuns.length > 1 ? ` (the median of ${importRuns.map((t) => t.toFixed(1)).join(', ')} s)` : ''}, **${Math.round(importClaims / importSeconds)} claims/s** (goal: at least ${GOALS.importClaimsPerSecond}, ${verdict(importClaims / importSeconds >= GOALS.importClaimsPerSecond)}).`,
      `- Service memory (peak resident, after the runs): **${peakMb.toFixed(0)} MB** (goal: under ${GOALS.peakMb} MB, ${verdict(peakMb < GOALS.peakMb)}).`,
      '',
      '| operation | SQL statements / request | service req/s | service p50 | service p99 | baseline req/s | baseline p50 | baseline p99 | service / baseline | goal | prepared baseline req/s | service / prepared baseline |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.op.name} | ${r.statements} | ${r.service.rps.toFixed(0)} | ${ms(r.service.p50)} | ${ms(r.service.p99)} | ${r.baseline.rps.toFixed(0)} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p99)} | ${r.ratio.toFixed(2)} | at least ${r.op.ratioGoal}, ${verdict(r.ratio >= r.op.ratioGoal)} | ${r.prepared.rps.toFixed(0)} | ${r.preparedRatio.toFixed(2)} |`,
      ),
      '',
      ...rows.flatMap((r) =>
        r.together === undefined
          ? []
          : [
              `- **${r.op.name}** counts all ${claims} claims by their stored independent origins (claim_origin_count, kept by every write) on every request, by design: its latency grows in proportion to the claims (the p99 across scales says by how much). One request took ${ms(r.service.p50)} (its row: one request to each target in turn, ${rounds} round${rounds > 1 ? 's' : ''}, req/s one over the median latency and p99 the slowest, since under 8 connections a request outlasts a turn). Eight sent at once, as the Overview opened by eight analysts, took ${ms(median(r.together.map((t) => t.ms)))} at the median and ${ms(Math.max(...r.together.map((t) => t.ms)))} for the slowest${r.together.some((t) => !t.ok) ? `; ${r.together.filter((t) => !t.ok).length} were not answered (the service's statement timeout)` : ''}${r.service.errors ? `; ${r.service.errors} of its ${rounds} requests one at a time were not answered` : ''}. The response cache (below) answers it from memory once an answer is stored, but only until the next commit, which drops every cached answer, and requests that miss together each compute it.`,
              '',
            ],
      ),
      'The baseline answers each operation with one hand-written SQL statement over `pg` that computes the same answer as the service (its `data`, checked by `test/bench/baseline-answers.test.ts`), as JSON from a minimal HTTP server; no response cache or JIT is used on either side (the service runs with `KB_RESPONSE_CACHE_MB=0`). ' +
        'The prepared baseline sends the same statement as a named prepared statement, as the service now sends all its statements, so PostgreSQL parses it once per connection and may reuse its plan. ' +
        'The service answers the operations its read compiler covers (here the nested query, the provenance chain, the search and the alignment) with one compiled statement whose JSON is the response (`src/compiled/`, on by default, `KB_COMPILED_READS`); corroboration goes through its resolvers. BENCHMARKS-compiler-study.md is the study that chose that design.',
      "For search and the dashboard's figures (the claim summary, the source scorecards) the baseline's statement is the service's own (`src/analysis`), its rows shaped in SQL as the service's answer: their ratio is what the layers above that statement cost. The dashboard's figures go through their resolvers.",
      '',
      '## PostGraphile 5 beside the service, and CPU per request',
      '',
      "PostGraphile 5 (amber preset, `src/bench/postgraphile-server.ts`) serves the schema it generates from the same tables, with the service's Node flags and pool size, and takes its turn in every round with the service and the baselines. " +
        "Its query names the service's fields by aliases, so that its answer is the service's (`test/bench/baseline-answers.test.ts`). " +
        "CPU per request: the CPU time (user and system, all threads) the target's Node process, and all of PostgreSQL's backends, used while it was measured, over the requests it completed.",
      '',
      '| operation | target | req/s | p50 | p99 | against the baseline | Node CPU / request | PostgreSQL CPU / request |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.flatMap((r) => {
        const cpu = (n?: number) => (n === undefined ? '-' : ms(n));
        const line = (target: string, m: Measured, ratio: string) =>
          `| ${r.op.name} | ${target} | ${m.rps.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p99)} | ${ratio} | ${cpu(m.nodeCpu)} | ${cpu(m.pgCpu)} |`;
        return [
          line('service', r.service, r.ratio.toFixed(2)),
          line('baseline', r.baseline, '1'),
          line('prepared baseline', r.prepared, (r.prepared.rps / r.baseline.rps).toFixed(2)),
          ...(r.postgraphile
            ? [
                line(
                  'PostGraphile 5',
                  r.postgraphile,
                  `${r.postgraphileRatio!.toFixed(2)} (service / PostGraphile: ${r.serviceToPostgraphile!.toFixed(2)})`,
                ),
              ]
            : []),
        ];
      }),
      '',
      "What PostGraphile's generated schema cannot ask, and why:",
      '',
      ...rows.flatMap((r) => ('cannot' in r.op.postgraphile ? [`- ${r.op.name}: ${r.op.postgraphile.cannot}.`] : [])),
      '',
      '## With the response cache (apart from the baseline ratio)',
      '',
      `The service restarted with a response cache (\`KB_RESPONSE_CACHE_MB=${RESPONSE_CACHE_MB}\`; off by default), the same load. Each operation repeats one request, so all but the first are answered from the cache: the figure for a dashboard that refreshes the same queries. ` +
        `The last row asks the nested query for a different page of entities each time, so every request misses: what the cache costs varied questions. Peak memory: **${cachedPeakMb.toFixed(0)} MB** (without the cache: ${peakMb.toFixed(0)} MB).`,
      '',
      '| operation | req/s | p50 | p99 | against the service without the cache |',
      '|---|---|---|---|---|',
      ...rows.map(
        (r, i) =>
          `| ${r.op.name} | ${cached[i]!.rps.toFixed(0)} | ${ms(cached[i]!.p50)} | ${ms(cached[i]!.p99)} | ${(cached[i]!.rps / r.service.rps).toFixed(1)}x |`,
      ),
      `| nested, a different page each request (every one a miss) | ${variedCached.rps.toFixed(0)} | ${ms(variedCached.p50)} | ${ms(variedCached.p99)} | ${(variedCached.rps / variedUncached.rps).toFixed(2)}x (${variedUncached.rps.toFixed(0)} req/s without) |`,
      ...(await scaling(out, kept, new Set(ops.filter((op) => op.wholeTable).map((op) => op.name)))),
      ...(pools.length
        ? [
            '',
            '## Pool size (`KB_DB_POOL_SIZE`)',
            '',
            `The service restarted with each pool size; 8 connections, 2 s warm-up, 5 s measured.`,
            '',
            `| pool | ${[ops[0]!, ops[ops.length - 1]!].map((op) => `${op.name} req/s | p99`).join(' | ')} |`,
            '|---|---|---|---|---|',
            ...pools.map(
              (p) => `| ${p.size} | ${p.results.map((m) => `${m.rps.toFixed(0)} | ${ms(m.p99)}`).join(' | ')} |`,
            ),
          ]
        : []),
      '',
      '## Query plans of the baseline statements (EXPLAIN ANALYZE)',
      ...rows.flatMap((r) => ['', `### ${r.op.name}`, '', '```', r.plan, '```']),
      '',
      "## Query plans of the service's statements (EXPLAIN ANALYZE)",
      '',
      'Each statement the service sent for one request of the operation, with its parameters as sent.',
      ...rows.flatMap((r) => ['', `### ${r.op.name}`, ...r.servicePlans.flatMap((p) => ['', '```', p, '```'])]),
      '',
      `<!-- results: ${JSON.stringify(kept)} -->`,
      '',
    ].join('\n');
    await writeFile(out, report);
    log(`wrote ${path.relative(root, out)}`);
    const failures = [
      ...rows
        .filter(
          (r, i) =>
            r.service.errors || r.baseline.errors || r.prepared.errors || r.postgraphile?.errors || cached[i]!.errors,
        )
        .map((r) => r.op.name),
      ...(variedUncached.errors || variedCached.errors ? ['nested, a different page each request'] : []),
      ...rows.filter((r) => r.together?.some((t) => !t.ok)).map((r) => `${r.op.name}, eight at once`),
    ];
    if (failures.length) throw new Error(`requests failed during: ${failures.join(', ')}`);
  } finally {
    for (const cleanup of cleanups.toReversed()) await cleanup().catch(() => undefined);
  }
}

runCli(main, 'bench');
