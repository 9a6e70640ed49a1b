import { exportBundle } from '../../src/bundle/export';
import { importBundle } from '../../src/bundle/import';
import { BundleValidationError } from '../../src/bundle/problems';
import { parseBundle } from '../../src/bundle/validate';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Bundle format version 2: statements that repeat earlier ones, statements in sources whose text is not
// held, whose words they are, organisational relations, events, disputants, field origins and graded UN
// records; and version 1, upgraded. Version 5: a retracted statement and its correction in one slot.
let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

const TEXT = 'The ministry said on Monday that “the convoy has left” for the border.';
const at = (q: string): [number, number] => [TEXT.indexOf(q), TEXT.indexOf(q) + q.length];
const base = () => ({
  format: 'provenance-kb-bundle',
  entities: [
    { key: 'entity:state', kind: 'STATE', name: 'State' },
    { key: 'entity:ministry', kind: 'ORGANISATION', name: 'Ministry' },
    { key: 'entity:wire', kind: 'ORGANISATION', name: 'Wire' },
  ],
  sources: [
    { key: 'source:article', kind: 'NEWS_ARTICLE', title: 'Article', publisher: 'entity:wire', text: TEXT },
    { key: 'source:briefing', kind: 'PRESS_BRIEFING', title: 'Briefing (text not held)', publisher: 'entity:ministry' },
  ],
  unsc: { drafts: [{ key: 'unsc:d', title: 'Draft', agenda: 'Agenda' }] },
});
const claim = (attributions: object[], more: object = {}) => ({
  key: 'claim:convoy',
  subject: 'entity:state',
  predicate: 'convoy_status',
  statement: 'The convoy has left.',
  value: { kind: 'TEXT', text: 'left' },
  modality: 'ASSERTED',
  attributions,
  ...more,
});
const quoted = (q: string, more: object = {}) => ({
  agent: 'entity:ministry',
  source: 'source:article',
  quotation: q,
  span: at(q),
  stance: 'SUPPORTS',
  ...more,
});
const briefing = { agent: 'entity:ministry', source: 'source:briefing', stance: 'SUPPORTS' };

const run = async (json: object) => importBundle(db.prisma, parseBundle(json), { actor: 'test' });
const problems = async (json: object) => {
  const error = await run(json).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BundleValidationError);
  return (error as BundleValidationError).problems.map((p) => `${p.path}: ${p.message}`);
};

test('a version-1 bundle imports as version 2 reads it, and exports as the current version', async () => {
  await run({
    ...base(),
    version: 1,
    entities: [
      ...base().entities,
      {
        key: 'entity:spokesman',
        kind: 'PERSON',
        name: 'Spokesman',
        roles: [{ title: 'Spokesman', organisation: 'entity:ministry' }],
      },
    ],
    claims: [
      claim([quoted('the convoy has left'), quoted('said on Monday')], {
        unscRecords: [{ draft: 'unsc:d', stance: 'REPORTS' }],
      }),
    ],
  });
  const exported = await exportBundle(db.prisma);
  expect(exported.version).toBe(5);
  const [c] = exported.claims!;
  // Wording told from the text; the stance a UN record bore on the claim with, graded.
  expect(c!.attributions!.map((a) => [a.quotation, a.wording])).toEqual([
    ['the convoy has left', 'OWN_WORDS'],
    ['said on Monday', 'REPORTED'],
  ]);
  expect(c!.unscRecords).toEqual([{ draft: 'unsc:d', support: 'CONTEXT' }]);
  expect(exported.entities!.find((e) => e.key === 'entity:spokesman')!.roles).toEqual([
    { title: 'Spokesman', organisation: 'entity:ministry', relation: 'ACTS_FOR' },
  ]);
  // What version 2 added is not version 1: such a bundle is refused, as is an unknown version.
  expect(
    await problems({
      ...base(),
      version: 1,
      claims: [claim([quoted('the convoy has left', { wording: 'OWN_WORDS' })])],
    }),
  ).toEqual(['claims[0].attributions[0]: Unrecognized key: "wording"']);
  const retraction = { at: '2024-11-01T00:00:00Z', by: 'lee', reason: 'r' };
  expect(
    await problems({ ...base(), version: 1, claims: [claim([quoted('the convoy has left', { retraction })])] }),
  ).toEqual(['claims[0].attributions[0]: Unrecognized key: "retraction"']);
  expect(await problems({ ...base(), version: 6 })).toEqual(['version: version 6 is not read: 1 to 5']);
});

test('a statement repeats an earlier one of its claim in a source whose text is not held, and the chain re-imports', async () => {
  const bundle = {
    ...base(),
    version: 2,
    sources: base().sources.map((s) =>
      s.key === 'source:article' ? { ...s, fieldOrigins: { curator: ['TITLE'], document: ['PUBLISHER'] } } : s,
    ),
    claims: [
      claim([
        quoted('the convoy has left', {
          derivedFrom: [
            { statement: { agent: 'entity:ministry', source: 'source:briefing' }, kind: 'QUOTES', note: 'As briefed.' },
          ],
        }),
        briefing,
      ]),
    ],
  };
  await run(bundle);
  const exported = await exportBundle(db.prisma);
  expect(exported.claims![0]!.attributions).toEqual([
    {
      agent: 'entity:ministry',
      source: 'source:article',
      quotation: 'the convoy has left',
      span: at('the convoy has left'),
      stance: 'SUPPORTS',
      wording: 'OWN_WORDS',
      derivedFrom: [
        { statement: { agent: 'entity:ministry', source: 'source:briefing' }, kind: 'QUOTES', note: 'As briefed.' },
      ],
    },
    // The briefing is the ministry's own: its words are its own, though not held.
    { agent: 'entity:ministry', source: 'source:briefing', stance: 'SUPPORTS', wording: 'OWN_WORDS' },
  ]);
  expect(exported.sources!.find((s) => s.key === 'source:article')!.fieldOrigins).toEqual({
    curator: ['TITLE'],
    document: ['PUBLISHER'],
  });
  // The same bundle again changes nothing; a later one may derive a new statement from the stored one.
  const again = await run(bundle);
  expect(again.statementDerivation).toEqual({ created: 0, updated: 0, unchanged: 1 });
  const later = await run({
    ...base(),
    version: 2,
    claims: [
      claim([
        quoted('said on Monday', {
          derivedFrom: [{ statement: { agent: 'entity:ministry', source: 'source:briefing' }, kind: 'PARAPHRASES' }],
        }),
      ]),
    ],
  });
  expect(later.statementDerivation.created).toBe(1);
});

test('every rule of statements, relations, events and field origins is named by its path', async () => {
  const v2 = (claims: object[], more: object = {}) => ({ ...base(), version: 2, claims, ...more });
  // The shape first: a derivation names a statement or a source, not both.
  const both = { statement: { agent: 'entity:ministry', source: 'source:briefing' }, source: 'source:briefing' };
  expect(
    await problems(v2([claim([quoted('said on Monday', { derivedFrom: [{ ...both, kind: 'CITES' }] })])])),
  ).toEqual([
    'claims[0].attributions[0].derivedFrom[0]: names either the statement or the source it derives from, not both',
  ]);
  expect(
    await problems(
      v2([
        claim([
          quoted('the convoy has left', {
            derivedFrom: [
              { statement: { agent: 'entity:wire', source: 'source:briefing' }, kind: 'QUOTES' },
              {
                statement: { agent: 'entity:ministry', source: 'source:article', span: at('the convoy has left') },
                kind: 'QUOTES',
              },
              { statement: { agent: 'entity:ministry', source: 'source:article' }, kind: 'QUOTES' },
              { source: 'source:article', kind: 'CITES' },
              { source: 'source:briefing', kind: 'REVISION_OF' },
            ],
          }),
          quoted('said on Monday', { wording: 'OWN_WORDS' }),
          { ...briefing, quotation: 'x', span: [0, 1] },
          { agent: 'entity:wire', source: 'source:article', stance: 'SUPPORTS', wording: 'UNKNOWN' },
        ]),
      ]),
    ),
  ).toEqual([
    'claims[0].attributions[0].derivedFrom[0].statement: this claim has no statement of entity:wire in source:briefing',
    'claims[0].attributions[0].derivedFrom[1].statement: a statement cannot derive from itself',
    'claims[0].attributions[0].derivedFrom[2].statement: this claim has 2 statements of entity:ministry in source:article: give the span of the one meant',
    'claims[0].attributions[0].derivedFrom[3].source: a statement cannot derive from source:article, the source it is in; name the statement there it repeats',
    'claims[0].attributions[0].derivedFrom[4].kind: REVISION_OF relates documents, not statements',
    "claims[0].attributions[1].wording: the quotation is not inside quotation marks in source:article, which is not the agent's own document: the words are the reporter's (REPORTED)",
    'claims[0].attributions[2]: source:briefing holds no text to quote from',
    'claims[0].attributions[3]: source:article holds its text: a statement in it needs its quotation and span',
    'claims[0].attributions[3].wording: the text of source:article is held, so its wording is known: OWN_WORDS or REPORTED',
  ]);
  expect(
    await problems(
      v2(
        [
          claim([], {
            modality: 'ASSERTED',
            event: 'entity:state',
            qualifiers: { disputedBy: ['entity:wire', 'entity:wire'] },
            unscRecords: [{ draft: 'unsc:d', support: 'PARTLY_SUPPORTS' }],
          }),
        ],
        {
          sources: [
            { ...base().sources[0], fieldOrigins: { curator: ['TITLE', 'AUTHOR'], document: ['TITLE'] } },
            base().sources[1],
          ],
        },
      ),
    ),
  ).toEqual([
    "sources[0].fieldOrigins.curator[0]: TITLE is listed as both the curator's and the document's",
    'sources[0].fieldOrigins.curator[1]: AUTHOR is listed but source:article has none',
    'claims[0].event: entity:state is a STATE, not an EVENT',
    'claims[0].qualifiers.disputedBy[1]: duplicate entity:wire (first at claims[0].qualifiers.disputedBy[0])',
    'claims[0].qualifiers.disputedBy: only a DENIED or NOT_CONFIRMED claim names who disputes it (this one is ASSERTED)',
    'claims[0].unscRecords[0].note: a record that partly supports a claim needs a note saying what it does not show',
  ]);
});

test('a source that carries statements recorded without its text cannot take a text under them', async () => {
  await run({ ...base(), version: 2, claims: [claim([briefing])] });
  const withText = { ...base().sources[1], text: 'The convoy has left.' };
  expect(await problems({ ...base(), version: 2, sources: [withText] })).toEqual([
    'sources[0].text: source:briefing carries statements without quotations, recorded while its text was not held; a text for it is a new source (REVISION_OF)',
  ]);
});

test('version 5: a retracted statement and its correction share a slot; the bundle imports, imports again unchanged, and round-trips', async () => {
  const slot = { agent: 'entity:ministry', source: 'source:article', span: at('the convoy has left') };
  const at1 = '2024-11-01T00:00:00.000Z';
  const retracted = (when: string) => ({ retraction: { at: when, by: 'lee', reason: 'The ministry denied it.' } });
  const wrong = quoted('the convoy has left', retracted(at1));
  const corrected = quoted('the convoy has left', { stance: 'REFUTES' });
  // The wire's statement cites both: the retracted one, named by when it was retracted, and the one standing.
  const wire = quoted('said on Monday', {
    agent: 'entity:wire',
    stance: 'REPORTS',
    derivedFrom: [
      { statement: { ...slot, retractedAt: '2024-11-01T00:00:00Z' }, kind: 'CITES' },
      { statement: slot, kind: 'CITES' },
    ],
  });
  // Version 4 held one statement a slot, named without a retraction: it still imports, and is refused
  // what version 5 added.
  const v4 = await run({ ...base(), version: 4, claims: [claim([wrong])] });
  expect(v4.attribution).toEqual({ created: 1, updated: 0, unchanged: 0 });
  expect(
    await problems({
      ...base(),
      version: 4,
      claims: [
        claim([
          wrong,
          quoted('said on Monday', { derivedFrom: [{ statement: { ...slot, retractedAt: at1 }, kind: 'CITES' }] }),
        ]),
      ],
    }),
  ).toEqual(['claims[0].attributions[1].derivedFrom[0].statement: Unrecognized key: "retractedAt"']);

  const bundle = { ...base(), version: 5, claims: [claim([wrong, corrected, wire])] };
  const first = await run(bundle);
  expect([first.attribution, first.statementDerivation]).toEqual([
    { created: 2, updated: 0, unchanged: 1 },
    { created: 2, updated: 0, unchanged: 0 },
  ]);
  const again = await run(bundle);
  expect([again.attribution, again.statementDerivation]).toEqual([
    { created: 0, updated: 0, unchanged: 3 },
    { created: 0, updated: 0, unchanged: 2 },
  ]);
  const rows = async (prisma: typeof db.prisma) =>
    (
      await prisma.statementDerivation.findMany({
        orderBy: { id: 'asc' },
        select: { originAttribution: { select: { stance: true, retractedAt: true } } },
      })
    ).map((d) => d.originAttribution);
  expect(await rows(db.prisma)).toEqual([
    { stance: 'SUPPORTS', retractedAt: new Date(at1) },
    { stance: 'REFUTES', retractedAt: null },
  ]);

  const exported = await exportBundle(db.prisma);
  expect(exported.version).toBe(5);
  expect(exported.claims![0]!.attributions!.map((a) => [a.stance, a.retraction?.at])).toEqual([
    ['SUPPORTS', at1],
    ['REFUTES', undefined],
    ['REPORTS', undefined],
  ]);
  const other = await createTestDatabase();
  try {
    await importBundle(other.prisma, parseBundle(exported), { actor: 'test' });
    expect(await exportBundle(other.prisma)).toEqual(exported);
    expect(await rows(other.prisma)).toEqual(await rows(db.prisma));
  } finally {
    await other.drop();
  }

  // A slot still holds one statement not retracted, and two retracted ones differ in when; a reference
  // to a slot of retracted statements only says which.
  const second = quoted('the convoy has left', retracted('2024-11-02T00:00:00Z'));
  expect(
    await problems({
      ...base(),
      version: 5,
      claims: [claim([wrong, second, { ...second }, corrected, { ...corrected, stance: 'SUPPORTS' }])],
    }),
  ).toEqual([
    'claims[0].attributions[2]: duplicate entity:ministry in source:article at 34-53 retracted at 2024-11-02T00:00:00.000Z (first at claims[0].attributions[1])',
    'claims[0].attributions[4]: duplicate entity:ministry in source:article at 34-53 (first at claims[0].attributions[3])',
  ]);
  expect(
    await problems({
      ...base(),
      version: 5,
      claims: [claim([wrong, second, quoted('said on Monday', { derivedFrom: [{ statement: slot, kind: 'CITES' }] })])],
    }),
  ).toEqual([
    'claims[0].attributions[2].derivedFrom[0].statement: this claim has 2 statements of entity:ministry in source:article at 34-53: give the retractedAt of the one meant',
  ]);
});
