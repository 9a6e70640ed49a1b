// npm run soak [-- --minutes 5]: builds the production service, then (1) replays the requests that
// once stopped it (issue 17) while a canary client keeps asking an ordinary question, and (2) puts it
// under mixed reads and writes for `--minutes`, sampling its memory. Reports whether it stayed up and
// answered the canary meanwhile. Loopback only; every loop is bounded in time and count.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createApiKey } from '../auth/api-keys';
import { runCli } from '../cli/run';
import { connectDatabase } from '../db/client';
import { embeddedServerUrl } from '../db/embedded-postgres';
import { graphiqlExamples } from '../server/graphiql-examples';
import { freePort, root } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** The resident and peak memory of a process, from /proc (kB). */
async function memoryOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

type Service = { child: ChildProcess; url: string; stop: () => Promise<void> };

/** Runs the compiled service exactly as `npm run start:prod` does (its node flags), and waits for /health. */
async function startProduction(env: Record<string, string>): Promise<Service> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [, ...args] = pkg.scripts['start:prod']!.split(' ');
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    url: `${base}/graphql`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An answer: its HTTP status, time, first error's code, or else the typename of its first field's result. */
type Answer = { status: number; ms: number; code?: string; typename?: string; errors: number };

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body,
    });
    const text = await response.text();
    const json = (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as {
      data?: Record<string, { __typename?: string } | null> | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: response.status,
      ms: performance.now() - started,
      code: json.errors?.[0]?.extensions?.code,
      typename: Object.values(json.data ?? {})[0]?.__typename,
      errors: json.errors?.length ?? 0,
    };
  } catch {
    return { status: 0, ms: performance.now() - started, errors: 0 };
  }
}
const gql = (query: string, variables?: unknown, operationName?: string) =>
  JSON.stringify({ query, variables, operationName });

const id = (n: number) => Buffer.from(`Entity:${n}`).toString('base64');
const ids = Array.from({ length: 40_000 }, (_, i) => id(i + 1));
const deepJson = `${'{"a":'.repeat(5_000)}"x"${'}'.repeat(5_000)}`;

/** The requests of issue 17's findings 1, 2 and 5, each as its body and whether it needs a key. */
const attacks: { name: string; body: () => string; key?: true }[] = [
  { name: '40,000 ids in the document', body: () => gql(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`) },
  { name: '40,000 ids in variables', body: () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }) },
  {
    name: '20,000 aliases',
    body: () =>
      gql(`{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: entity(key: "entity:e${i}") { key }`).join(' ')} }`),
  },
  {
    name: '5,000 nested selections',
    body: () => gql(`{ entities { edges { node { ${'mergedFrom { '.repeat(5_000)}key${' }'.repeat(5_000)} } } } }`),
  },
  {
    name: '5,000 nested list values',
    body: () => gql(`{ search(query: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { __typename } }`),
  },
  {
    name: '5,000 nested JSON in a variable',
    key: true,
    body: () =>
      `{"query":"mutation($b: JSON!) { importBundle(bundle: $b) { __typename } }","variables":{"b":${deepJson}}}`,
  },
  { name: 'one field 3,990 times', body: () => gql(`{ claims { ${'totalCount '.repeat(3_990)}} }`) },
  {
    name: 'NUL in search',
    body: () => gql('query($q: String!) { search(query: $q) { __typename } }', { q: 'troops\u0000' }),
  },
  {
    name: 'NUL in claim(key:)',
    body: () => gql('query($k: String!) { claim(key: $k) { key } }', { k: 'claim:a\u0000b' }),
  },
  {
    name: 'NUL in createEntity',
    key: true,
    body: () =>
      gql(
        'mutation($n: String!) { createEntity(input: { key: "entity:nul", kind: OTHER, name: $n }) { __typename } }',
        { n: 'a\u0000b' },
      ),
  },
  {
    name: 'NUL in createApiKey',
    key: true,
    body: () =>
      gql('mutation($o: String!) { createApiKey(owner: $o, role: READER) { __typename } }', { o: 'a\u0000b' }),
  },
  {
    name: 'lone surrogate in createEntity',
    key: true,
    body: () =>
      gql(
        'mutation($n: String!) { createEntity(input: { key: "entity:lone", kind: OTHER, name: $n }) { __typename } }',
        { n: 'a\ud800b' },
      ),
  },
  {
    name: '3,000-character key and name',
    key: true,
    body: () =>
      gql(
        'mutation($k: String!, $n: String!) { createEntity(input: { key: $k, kind: OTHER, name: $n }) { __typename } }',
        {
          k: `entity:${'k'.repeat(3_000)}`,
          n: 'n'.repeat(3_000),
        },
      ),
  },
  {
    name: 'year 0000 in timeline',
    body: () => gql('{ timeline(entity: "entity:north-korea", since: "0000-01-01T00:00:00Z") { __typename } }'),
  },
  {
    name: 'year 0000 in asOf',
    body: () =>
      gql(
        '{ claim(key: "claim:north-korea-sent-10000-troops-to-russia") { asOf(time: "0000-01-01T00:00:00Z") { version } } }',
      ),
  },
  {
    name: 'year 0000 in createSource',
    key: true,
    body: () =>
      gql(
        'mutation { createSource(input: { key: "source:zero", kind: OTHER, title: "Zero", publishedAt: "0000-01-01T00:00:00Z" }) { __typename } }',
      ),
  },
  {
    name: 'Decimal "1e400"',
    key: true,
    body: () =>
      gql(
        'mutation { createClaim(input: { key: "claim:e400", subject: "entity:north-korea", predicate: "p", statement: "S.", modality: ASSERTED, value: { kind: QUANTITY, amount: "1e400" } }) { __typename } }',
      ),
  },
  { name: 'node(id:) malformed', body: () => gql('{ node(id: "garbage") { id } }') },
  { name: 'node(id:) of nothing', body: () => gql(`{ node(id: "${id(99_999)}") { id } }`) },
];

/** Phase 1: each attack once, a canary asking every 200 ms throughout, then a flood of small requests. */
async function replayAttacks(service: Service, keys: { attacker: string; canary: string }) {
  const canary: Answer[] = [];
  let attacking = true;
  const canaryLoop = (async () => {
    // Bounded, and ended by the attacks' end.
    for (let i = 0; i < 10_000; i++) {
      if (!attacking) break;
      canary.push(
        await post(service.url, gql('{ claim(key: "claim:north-korea-sent-10000-troops-to-russia") { statement } }'), {
          authorization: `Bearer ${keys.canary}`,
        }),
      );
      await sleep(200);
    }
  })();
  const rows: string[] = [];
  for (const attack of attacks) {
    const body = attack.body();
    const answer = await post(service.url, body, attack.key ? { authorization: `Bearer ${keys.attacker}` } : {});
    rows.push(
      `| ${attack.name} | ${Math.round(body.length / 1024)} KB | ${answer.status} | ${answer.code ?? answer.typename ?? 'null'} | ${answer.errors} | ${Math.round(answer.ms)} ms |`,
    );
  }
  // Anonymous requests from one address share one bucket of points.
  const flood: Answer[] = [];
  for (let i = 0; i < 100; i++)
    flood.push(
      ...(await Promise.all(Array.from({ length: 8 }, () => post(service.url, gql('{ claims { totalCount } }'))))),
    );
  attacking = false;
  await canaryLoop;
  const answered = canary.filter((a) => a.status === 200 && a.errors === 0);
  const latencies = canary.map((a) => a.ms).toSorted((a, b) => a - b);
  const health = (await fetch(service.url.replace('/graphql', '/health'))).status;
  return [
    '| request | body | HTTP | error code, else result | errors | time |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `flood: 800 small anonymous requests, ${flood.filter((a) => a.status === 200).length} answered, ${flood.filter((a) => a.code === 'RATE_LIMITED').length} refused RATE_LIMITED`,
    `canary: ${answered.length} of ${canary.length} answered meanwhile (p50 ${Math.round(percentile(latencies, 0.5))} ms, max ${Math.round(latencies.at(-1) ?? 0)} ms)`,
    `service: ${service.child.exitCode === null ? 'up' : `exited with ${service.child.exitCode}`}, /health ${health}`,
  ];
}

/** Phase 2: readers and writers for `minutes`, the service's memory sampled each second. */
async function mixedLoad(service: Service, keys: { writer: string; reader: string }, minutes: number) {
  const examples = [...graphiqlExamples.matchAll(/^query (\w+)/gm)].map((m) => m[1]!);
  const reads = [
    ...examples.map((name) => () => gql(graphiqlExamples, undefined, name)),
    () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { name } } }', { ids: ids.slice(0, 50) }),
    () =>
      gql(
        '{ entities(first: 50) { edges { node { key claimsAbout(first: 10) { totalCount edges { node { statement } } } } } } }',
      ),
    () =>
      gql(
        '{ search(query: "troops Russia", first: 20) { __typename ... on SearchConnection { totalCount edges { headline } } } }',
      ),
  ];
  let written = 0;
  const writes = [
    () =>
      gql(
        `mutation { createEntity(input: { key: "entity:soak-${++written}", kind: OTHER, name: "Soak ${written}", aliases: [{ name: "S${written}" }] }) { __typename } }`,
      ),
    () =>
      gql(
        `mutation { createClaim(input: { key: "claim:soak-${++written}", subject: "entity:north-korea", predicate: "soaked", statement: "Soak statement ${written}.", modality: ASSERTED, value: { kind: QUANTITY, amount: "${written}" } }) { __typename ... on Claim { history { totalCount } } } }`,
      ),
  ];
  const deadline = Date.now() + minutes * 60_000;
  const samples: number[] = [];
  const sampler = (async () => {
    while (Date.now() < deadline && service.child.pid) {
      samples.push((await memoryOf(service.child.pid)).rss);
      await sleep(1_000);
    }
  })();
  const answers: Answer[] = [];
  const worker = async (requests: (() => string)[], key: string) => {
    for (let i = 0; Date.now() < deadline && i < 1_000_000; i++)
      answers.push(await post(service.url, requests[i % requests.length]!(), { authorization: `Bearer ${key}` }));
  };
  await Promise.all([
    ...Array.from({ length: 6 }, () => worker(reads, keys.reader)),
    ...Array.from({ length: 2 }, () => worker(writes, keys.writer)),
  ]);
  await sampler;
  const { peak } = await memoryOf(service.child.pid!);
  const sorted = samples.toSorted((a, b) => a - b);
  const latencies = answers.map((a) => a.ms).toSorted((a, b) => a - b);
  const failed = answers.filter((a) => a.status !== 200 || a.errors > 0);
  const codes = [...new Set(failed.map((a) => a.code ?? `HTTP ${a.status}`))];
  return [
    `load: ${minutes} min, 6 readers and 2 writers: ${answers.length} requests (${Math.round(answers.length / (minutes * 60))}/s), ${written} writes, ${failed.length} failed${codes.length ? ` (${codes.join(', ')})` : ''}; p50 ${Math.round(percentile(latencies, 0.5))} ms, p99 ${Math.round(percentile(latencies, 0.99))} ms`,
    `memory (RSS): first sample ${mb(samples[0] ?? 0)}, median ${mb(percentile(sorted, 0.5))}, max ${mb(sorted.at(-1) ?? 0)}; peak (VmHWM) ${mb(peak)}`,
    `service: ${service.child.exitCode === null ? 'up' : `exited with ${service.child.exitCode}`}`,
  ];
}

const program = new Command('soak')
  .option('--minutes <n>', 'minutes of mixed reads and writes', '5')
  .action(async (options: { minutes: string }) => {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kb-soak-'));
    // The embedded PostgreSQL runs as another user where this runs as root.
    await chmod(dataDir, 0o755);
    const [port, pgPort] = [await freePort(), await freePort()];
    const env = { PORT: String(port), KB_EMBEDDED_PG_PORT: String(pgPort), KB_DATA_DIR: path.join(dataDir, 'pg') };
    const out: string[] = ['# Soak of the production build', ''];
    try {
      let service = await startProduction(env);
      const db = connectDatabase(embeddedServerUrl(pgPort, 'kb'), { poolSize: 1 });
      const key = async (role: 'READER' | 'ADMIN') =>
        (await createApiKey(db.prisma, { owner: `soak-${role.toLowerCase()}`, role, createdBy: 'soak' })).key;
      const keys = {
        attacker: await key('ADMIN'),
        canary: await key('READER'),
        writer: await key('ADMIN'),
        reader: await key('READER'),
      };
      await db.close();
      out.push('## Attacks (default limits)', '', ...(await replayAttacks(service, keys)), '');
      await service.stop();
      // The load is measured without the rate limit in its way.
      service = await startProduction({ ...env, KB_RATE_LIMIT_PER_MINUTE: '100000000' });
      out.push('## Mixed load', '', ...(await mixedLoad(service, keys, Number(options.minutes))), '');
      await service.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    process.stdout.write(`${out.join('\n')}\n`);
  });

runCli(() => program.parseAsync().then(() => undefined), 'soak');
