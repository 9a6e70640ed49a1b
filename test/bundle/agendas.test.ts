import { exportBundle } from '../../src/bundle/export';
import { importBundle } from '../../src/bundle/import';
import { BundleValidationError } from '../../src/bundle/problems';
import { parseBundle } from '../../src/bundle/validate';
import { seedBundleJson } from '../helpers/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Agendas are records (bundle version 3); bundles of versions 1 and 2, which wrote a draft's agenda as
// free text, still import, their agendas mapped to agenda records.
let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const DPRK = "Non-proliferation/Democratic People's Republic of Korea";
const DPRK_KEY = 'agenda:non-proliferation-democratic-people-s-republic-of-korea';
const run = (json: unknown) => importBundle(db.prisma, parseBundle(json), { actor: 'test' });
const agendas = () =>
  db.prisma.unscAgenda.findMany({
    orderBy: { id: 'asc' },
    select: { key: true, name: true, aliases: { select: { name: true }, orderBy: { id: 'asc' } }, drafts: true },
  });
const draft = (key: string, agenda: string) => ({ key, title: `Draft ${key}`, agenda });

test("a version-2 bundle's free-text agendas become agenda records, and a later bundle's agenda record completes them", async () => {
  // The seed as version 2 wrote it: no agenda records, each draft's agenda in free text.
  const { agendas: _none, drafts, ...unsc } = seedBundleJson().unsc!;
  const freeText = drafts!.map((d) => ({ ...d, agenda: d.agenda === DPRK_KEY ? DPRK : d.agenda }));
  await run({ ...seedBundleJson(), version: 2, unsc: { ...unsc, drafts: freeText } });
  const [created] = await agendas();
  expect(created).toMatchObject({ key: DPRK_KEY, name: DPRK, aliases: [] });
  expect(created!.drafts).toHaveLength(11);

  const report = await run(seedBundleJson());
  expect(report.agenda).toEqual({ created: 0, updated: 0, unchanged: 1 });
  expect(report.agendaAlias.created).toBe(3);
  expect(report.draft).toEqual({ created: 0, updated: 0, unchanged: 11 });
  expect((await agendas()).map((a) => [a.key, a.aliases.map((x) => x.name)])).toEqual([
    [DPRK_KEY, ['DPRK', 'North Korea', 'Non-proliferation/DPRK']],
  ]);
});

test.each([1, 2, 3])(
  'version %i: a name names the agenda that has it as name or alias, regardless of case; another is a new agenda',
  async (version) => {
    await run(seedBundleJson());
    const report = await run({
      format: 'provenance-kb-bundle',
      version,
      unsc: {
        drafts: [
          draft('unsc:by-alias', 'dprk'),
          draft('unsc:by-name', ` ${DPRK.toUpperCase()} `),
          draft('unsc:new-1', 'Middle East'),
          draft('unsc:new-2', 'middle east'),
        ],
      },
    });
    expect(report.agenda.created).toBe(1);
    const byDraft = await db.prisma.unscDraft.findMany({
      where: { key: { in: ['unsc:by-alias', 'unsc:by-name', 'unsc:new-1', 'unsc:new-2'] } },
      orderBy: { key: 'asc' },
      select: { key: true, agenda: { select: { key: true, name: true } } },
    });
    expect(byDraft.map((d) => [d.key, d.agenda.key, d.agenda.name])).toEqual([
      ['unsc:by-alias', DPRK_KEY, DPRK],
      ['unsc:by-name', DPRK_KEY, DPRK],
      ['unsc:new-1', 'agenda:middle-east', 'Middle East'],
      ['unsc:new-2', 'agenda:middle-east', 'Middle East'],
    ]);
  },
);

test('the export carries the agendas and names each by key; it imports into an empty database to the same agendas', async () => {
  await run(seedBundleJson());
  const exported = await exportBundle(db.prisma);
  expect(exported.unsc?.agendas).toEqual([
    { key: DPRK_KEY, name: DPRK, aliases: ['DPRK', 'North Korea', 'Non-proliferation/DPRK'] },
  ]);
  expect(new Set(exported.unsc?.drafts?.map((d) => d.agenda))).toEqual(new Set([DPRK_KEY]));
  const before = await agendas();
  const other = await createTestDatabase();
  try {
    await importBundle(other.prisma, parseBundle(exported), { actor: 'test' });
    expect(await exportBundle(other.prisma)).toEqual(exported);
  } finally {
    await other.drop();
  }
  expect(await agendas()).toEqual(before);
});

test.each([
  [
    'an alias that already names another agenda',
    { agendas: [{ key: 'agenda:korea', name: 'Korea', aliases: ['DPRK'] }] },
    /unsc\.agendas\[0\]\.aliases\[0\]: "DPRK" already names agenda:non-proliferation-/,
  ],
  [
    'a key that names no agenda',
    { drafts: [draft('unsc:unknown-agenda', 'agenda:no-such-agenda')] },
    /unsc\.drafts\[0\]\.agenda: unknown agenda agenda:no-such-agenda/,
  ],
])('%s is refused, and nothing is written', async (_name, unsc, message) => {
  await run(seedBundleJson());
  const before = await agendas();
  const error = await run({ format: 'provenance-kb-bundle', version: 3, unsc }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BundleValidationError);
  expect((error as Error).message).toMatch(message);
  expect(await agendas()).toEqual(before);
});

test('agenda records are version 3: a version-2 bundle that holds one is refused', () => {
  expect(() => parseBundle({ ...seedBundleJson(), version: 2 })).toThrow('unsc: Unrecognized key: "agendas"');
});
