import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format';
import { importBundle } from '../../src/bundle/import';
import { BundleValidationError } from '../../src/bundle/problems';
import { parseBundle } from '../../src/bundle/validate';
import { ConflictError, NotFoundError } from '../../src/curation/errors';
import { mergeEntities, unmergeEntities } from '../../src/curation/merge';
import { updateRecord } from '../../src/curation/records';
import { retractStatement, retractStatementDerivation } from '../../src/curation/retract';
import { migrate, migrationsDir, readMigrations } from '../../src/db/migrate';
import { Prisma } from '../../src/generated/prisma/client';
import { createLogger } from '../../src/logger';
import { originCountsCte } from '../../src/provenance/origins';
import { buildOriginCounts } from '../../src/provenance/stored-origin-counts';
import { loadSeedIfEmpty } from '../../src/server/seed';
import { freePort } from '../helpers/free-port';
import { type ServiceProcess, spawnService } from '../helpers/service-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// claim_origin_count must be, after every write, what originCountsCte gives over all claims from
// scratch: random writes through the curation and import paths, each followed by that comparison.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeedIfEmpty(db.prisma, createLogger('silent'));
  await write(WORLD);
});
afterAll(() => db.drop());

const AGENTS = ['p-a0', 'p-a1', 'p-a2', 'p-a3'].map((k) => `entity:${k}`);
const BODIES = ['p-b0', 'p-b1', 'p-b2'].map((k) => `entity:${k}`);
const ENTITIES = [...AGENTS, ...BODIES];
const SOURCES = [0, 1, 2, 3, 4].map((i) => `source:p-s${i}`);
const CLAIMS = [0, 1, 2].map((i) => `claim:p-c${i}`);
const DRAFTS = ['unsc:res-1718', 'unsc:res-1874', 'unsc:res-2087'];
const STANCES = ['SUPPORTS', 'SUPPORTS', 'REFUTES', 'REPORTS'] as const;

const entity = (key: string, roles: object[] = []) => ({
  key,
  kind: AGENTS.includes(key) ? 'PERSON' : 'ORGANISATION',
  name: key.slice('entity:'.length),
  roles,
});
const source = (key: string, publisher: string, author: string | undefined, year: number) => ({
  key,
  kind: 'NEWS_ARTICLE',
  title: key,
  publisher,
  ...(author ? { author } : {}),
  publishedAt: `${year}-06-01T00:00:00Z`,
  language: 'en',
});
const claim = (key: string, attributions: object[] = [], unscRecords: object[] = []) => ({
  key,
  subject: 'entity:north-korea',
  predicate: 'property_test',
  statement: `Property test ${key}.`,
  value: { kind: 'TEXT', text: key },
  modality: 'ASSERTED',
  attributions,
  unscRecords,
});
const WORLD = {
  entities: [
    entity(AGENTS[0]!, [{ title: 'member', organisation: BODIES[0] }]),
    ...ENTITIES.slice(1).map((k) => entity(k)),
  ],
  sources: SOURCES.map((k, i) => source(k, ENTITIES[i % ENTITIES.length]!, undefined, 2020 + i)),
  claims: CLAIMS.map((k, i) =>
    claim(
      k,
      AGENTS.map((agent, j) => ({ agent, source: SOURCES[(i + j) % SOURCES.length], stance: 'SUPPORTS' })),
    ),
  ),
};

/** Writes `records` through the importer, as the curation mutations do. */
const write = (records: { entities?: object[]; sources?: object[]; claims?: object[] }) =>
  importBundle(db.prisma, parseBundle({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...records }), {
    actor: 'test',
    curation: true,
  });

/** The stored rows that differ from originCountsCte's over all claims (both ways). */
async function drift() {
  return db.prisma.$queryRaw<{ side: string; claim_id: number; origins: number; sole_source_id: number | null }[]>(
    Prisma.sql`
    WITH RECURSIVE ${originCountsCte(Prisma.sql`IN (SELECT id FROM claim)`)},
    fresh AS (SELECT claim_id, origins::int, sole_source_id FROM origin_counts WHERE origins > 0),
    stored AS (SELECT claim_id, origins, sole_source_id FROM claim_origin_count)
    (SELECT 'missing' AS side, * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM stored) m)
    UNION ALL
    (SELECT 'stale', * FROM (SELECT * FROM stored EXCEPT SELECT * FROM fresh) s)`,
  );
}

/** Standing statements of a claim, and its standing statement derivations, as the curation paths name them. */
async function statementsOf(key: string) {
  const rows = await db.prisma.$queryRaw<{ agent: string; source: string }[]>`
    SELECT e.key AS agent, s.key AS source FROM standing_attribution a JOIN claim c ON c.id = a.claim_id
      JOIN entity e ON e.id = a.agent_id JOIN source s ON s.id = a.source_id WHERE c.key = ${key} ORDER BY a.id`;
  return rows;
}
async function derivationsOf(key: string) {
  return db.prisma.$queryRaw<
    {
      agent: string;
      source: string;
      kind: 'QUOTES' | 'CITES';
      oagent: string | null;
      osource: string | null;
      whole: string | null;
    }[]
  >`
    SELECT e.key AS agent, s.key AS source, d.kind::text AS kind, oe.key AS oagent, os.key AS osource, ws.key AS whole
      FROM standing_statement_derivation d JOIN claim c ON c.id = d.claim_id
      JOIN attribution a ON a.id = d.attribution_id JOIN entity e ON e.id = a.agent_id JOIN source s ON s.id = a.source_id
      LEFT JOIN attribution o ON o.id = d.origin_attribution_id LEFT JOIN entity oe ON oe.id = o.agent_id
      LEFT JOIN source os ON os.id = o.source_id LEFT JOIN source ws ON ws.id = d.origin_source_id
     WHERE c.key = ${key} ORDER BY d.id`;
}

const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];
const day = (year: number) => `${year}-01-01`;

/** A write to run, shown by its name and input in a counterexample. */
const step = <T>(name: string, input: fc.Arbitrary<T>, run: (w: T) => Promise<unknown>) =>
  input.map((w) => Object.assign(() => run(w), { [fc.toStringMethod]: () => `${name} ${JSON.stringify(w)}` }));

/** One random write; a write the rules refuse changes nothing and is a step too. */
const WRITES = {
  statement: step(
    'statement',
    fc.record({
      claim: fc.constantFrom(...CLAIMS),
      agent: fc.constantFrom(...AGENTS),
      source: fc.constantFrom(...SOURCES),
      stance: fc.constantFrom(...STANCES),
      onBehalfOf: fc.option(fc.constantFrom(...BODIES), { nil: undefined }),
      year: fc.option(fc.integer({ min: 2018, max: 2026 }), { nil: undefined }),
    }),
    async (w) => {
      const { claim: key, year, ...a } = w;
      await write({ claims: [claim(key, [{ ...a, ...(year ? { statedAt: `${year}-03-01T00:00:00Z` } : {}) }])] });
    },
  ),
  repeat: step(
    'repeat',
    fc.record({ claim: fc.constantFrom(...CLAIMS), which: fc.nat(), origin: fc.nat(), whole: fc.boolean() }),
    async (w) => {
      const statements = await statementsOf(w.claim);
      const s = pick(statements, w.which);
      const o = pick(statements, w.origin);
      if (!s || !o) return;
      const derivedFrom = w.whole
        ? [{ source: pick(SOURCES, w.origin), kind: 'CITES' }]
        : [{ statement: { agent: o.agent, source: o.source }, kind: 'QUOTES' }];
      await write({ claims: [claim(w.claim, [{ ...s, stance: 'SUPPORTS', derivedFrom }])] });
    },
  ),
  retractStatement: step(
    'retractStatement',
    fc.record({ claim: fc.constantFrom(...CLAIMS), which: fc.nat() }),
    async (w) => {
      const s = pick(await statementsOf(w.claim), w.which);
      if (s) await retractStatement(db.prisma, 'test', { claim: w.claim, statement: s, reason: 'property test' });
    },
  ),
  retractDerivation: step(
    'retractDerivation',
    fc.record({ claim: fc.constantFrom(...CLAIMS), which: fc.nat() }),
    async (w) => {
      const d = pick(await derivationsOf(w.claim), w.which);
      if (!d) return;
      await retractStatementDerivation(db.prisma, 'test', {
        claim: w.claim,
        statement: { agent: d.agent, source: d.source },
        ...(d.whole ? { originSource: d.whole } : { origin: { agent: d.oagent!, source: d.osource! } }),
        kind: d.kind,
        reason: 'property test',
      });
    },
  ),
  source: step(
    'source',
    fc.record({
      source: fc.constantFrom(...SOURCES),
      publisher: fc.constantFrom(...ENTITIES),
      author: fc.option(fc.constantFrom(...ENTITIES), { nil: undefined }),
      year: fc.integer({ min: 2018, max: 2026 }),
    }),
    async (w) => {
      const { version } = await db.prisma.source.findUniqueOrThrow({ where: { key: w.source } });
      await updateRecord(db.prisma, 'test', 'source', w.source, version, {
        sources: [source(w.source, w.publisher, w.author, w.year)],
      });
    },
  ),
  role: step(
    'role',
    fc.record({
      holder: fc.constantFrom(...ENTITIES),
      organisation: fc.constantFrom(...BODIES),
      relation: fc.constantFrom('ACTS_FOR', 'PART_OF'),
      independent: fc.constantFrom(false, false, false, true),
      from: fc.option(fc.integer({ min: 2018, max: 2022 }), { nil: undefined }),
      to: fc.option(fc.integer({ min: 2022, max: 2026 }), { nil: undefined }),
    }),
    async (w) => {
      const role = {
        title: 'member',
        organisation: w.organisation,
        relation: w.relation,
        independent: w.independent,
        ...(w.from ? { validFrom: day(w.from) } : {}),
        ...(w.to ? { validTo: day(w.to) } : {}),
      };
      await write({ entities: [entity(w.holder, [role])] });
    },
  ),
  merge: step(
    'merge',
    fc.record({ survivor: fc.constantFrom(...ENTITIES), merged: fc.constantFrom(...ENTITIES) }),
    (w) => mergeEntities(db.prisma, 'test', w),
  ),
  unmerge: step('unmerge', fc.constantFrom(...ENTITIES), (merged) => unmergeEntities(db.prisma, 'test', { merged })),
  unscRecord: step(
    'unscRecord',
    fc.record({
      claim: fc.constantFrom(...CLAIMS),
      draft: fc.constantFrom(...DRAFTS),
      support: fc.constantFrom('SUPPORTS', 'PARTLY_SUPPORTS', 'CONTRADICTS'),
    }),
    async (w) => {
      await write({ claims: [claim(w.claim, [], [{ draft: w.draft, support: w.support }])] });
    },
  ),
};
// Statements and roles most often: a claim's origins meet only through the bodies of several agents.
const ARBITRARY_WRITES = Object.entries(WRITES).map(([name, arbitrary]) => ({
  arbitrary,
  weight: name === 'statement' || name === 'role' ? 4 : 1,
}));
const refused = (error: unknown) =>
  error instanceof BundleValidationError || error instanceof ConflictError || error instanceof NotFoundError;

test('after every write, the stored origin counts are those computed from scratch', async () => {
  expect(await drift()).toEqual([]);
  let applied = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(...ARBITRARY_WRITES), { minLength: 10, maxLength: 25 }), async (writes) => {
      for (const run of writes) {
        await run().then(
          () => applied++,
          (error) => {
            if (!refused(error)) throw error;
          },
        );
        expect(await drift()).toEqual([]);
      }
    }),
    { numRuns: 20 },
  );
  // The writes went through, and moved the figures: not a comparison of two empty tables.
  expect(applied).toBeGreaterThan(60);
  expect(await db.prisma.claimOriginCount.count({ where: { claim: { key: { in: CLAIMS } } } })).toBeGreaterThan(0);
}, 300_000);

test('a build owed (data from before the table, or loaded past the write path) is built in full', async () => {
  await db.prisma.$executeRaw`DELETE FROM claim_origin_count WHERE claim_id % 2 = 0`;
  await db.prisma.$executeRaw`UPDATE claim_origin_count SET origins = origins + 1, sole_source_id = NULL`;
  await db.prisma.$executeRaw`INSERT INTO claim_origin_count_build (id, after_claim_id) VALUES (1, 0)`;
  expect((await drift()).length).toBeGreaterThan(0);
  await buildOriginCounts(db.prisma, createLogger('silent'));
  expect(await drift()).toEqual([]);
  expect(await db.prisma.claimOriginCountBuild.count()).toBe(0);
  // Built: a second start does nothing.
  await db.prisma
    .$executeRaw`UPDATE claim_origin_count SET origins = origins + 1, sole_source_id = NULL WHERE claim_id = (SELECT min(claim_id) FROM claim_origin_count)`;
  await buildOriginCounts(db.prisma, createLogger('silent'));
  expect(await drift()).toHaveLength(2);
});

describe('a knowledge base from before the stored origin counts', () => {
  let old: TestDatabase;
  let spawned: ServiceProcess | undefined;
  beforeAll(async () => {
    old = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    if (spawned?.child.exitCode === null) spawned.child.kill('SIGKILL');
    await old.drop();
  });

  test('the migration owes a build, and the service builds it at start', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-migrations-'));
    await fs.cp(migrationsDir, dir, { recursive: true });
    for (const m of await readMigrations(dir))
      if (m.name >= '20261216000000') await fs.rm(path.join(dir, m.name), { recursive: true });
    await migrate(old.url, dir);
    for (const statement of [
      `INSERT INTO entity (id, key, kind, name) VALUES (1, 'entity:state', 'STATE', 'State'), (2, 'entity:minister', 'PERSON', 'Minister')`,
      `INSERT INTO source (id, key, kind, title) VALUES (1, 'source:report', 'NEWS_ARTICLE', 'Report')`,
      `INSERT INTO claim (id, key, subject_id, predicate, statement, value_kind, modality) VALUES (1, 'claim:a', 1, 'p', 'A.', 'SOME_VALUE', 'ASSERTED'), (2, 'claim:b', 1, 'p', 'B.', 'SOME_VALUE', 'ASSERTED')`,
      `INSERT INTO attribution (claim_id, agent_id, source_id, stance, wording) VALUES (1, 2, 1, 'SUPPORTS', 'UNKNOWN')`,
    ])
      await old.prisma.$executeRawUnsafe(statement);
    const service = (spawned = spawnService({
      DATABASE_URL: old.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
    }));
    const url = await service.ready;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ claimSummary { claims noOrigin oneOrigin } }' }),
    });
    expect(await response.json()).toEqual({ data: { claimSummary: { claims: 2, noOrigin: 1, oneOrigin: 1 } } });
    expect(await old.prisma.claimOriginCountBuild.count()).toBe(0);
    expect(await old.prisma.claimOriginCount.findMany()).toEqual([{ claimId: 1, origins: 1, soleSourceId: 1 }]);
    service.child.kill('SIGTERM');
  }, 120_000);
});
