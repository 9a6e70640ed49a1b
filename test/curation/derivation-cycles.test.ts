import { createApiKey } from '../../src/auth/api-keys';
import { claimRecords } from '../../src/bundle/export';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { DerivationCycleError } from '../../src/rules/derivation-cycles';
import { type GraphQLClient, graphqlClient } from '../helpers/graphql';
import { seededGraphQL } from '../helpers/seeded';

// Issue 17, finding 3: a derivation that closes a cycle is refused, through the API and the importer,
// between documents and between statements, with the cycle named; nothing is written.
const seeded = seededGraphQL();
let admin: GraphQLClient;
beforeAll(async () => {
  admin = graphqlClient(seeded.db, {
    apiKey: (await createApiKey(seeded.db.prisma, { owner: 'lee', role: 'ADMIN', createdBy: 'test' })).key,
  });
});

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';
const counts = async () => ({
  sources: await seeded.db.prisma.sourceDerivation.count(),
  statements: await seeded.db.prisma.statementDerivation.count(),
  log: await seeded.db.prisma.changeLog.count(),
});
const CYCLE = `__typename ... on DerivationCycleError { message level cycle { source agent spanStart spanEnd } }`;
const importing = (bundle: object) =>
  admin<{ importBundle: any }>(`mutation($b: JSON!) { importBundle(bundle: $b) { ${CYCLE} } }`, { b: bundle });
const bundleOf = (more: object) => ({ format: 'provenance-kb-bundle', version: 2, ...more });

test("addDerivation refuses the issue's cycle (the Pentagon's statements citing the article that cites them)", async () => {
  const before = await counts();
  const result = await admin<{ addDerivation: any }>(
    `mutation { addDerivation(derived: "source:pentagon-statements", origin: "source:seed-article", kind: CITES) { ${CYCLE} } }`,
  );
  expect(result.data?.addDerivation).toEqual({
    __typename: 'DerivationCycleError',
    message: expect.stringContaining('source:pentagon-statements -> source:seed-article -> source:pentagon-statements'),
    level: 'SOURCE',
    cycle: ['source:pentagon-statements', 'source:seed-article', 'source:pentagon-statements'].map((source) => ({
      source,
      agent: null,
      spanStart: null,
      spanEnd: null,
    })),
  });
  expect(await counts()).toEqual(before);
  // A derivation that closes no cycle is still recorded.
  const fine = await admin<{ addDerivation: any }>(
    'mutation { addDerivation(derived: "source:south-korean-government-statements", origin: "source:south-korean-intelligence-briefing", kind: CITES) { __typename } }',
  );
  expect(fine.data?.addDerivation).toEqual({ __typename: 'SourceDerivation' });
});

test('the importer refuses a cycle between documents, with what is stored and within the bundle, naming the path', async () => {
  const before = await counts();
  const stored = await importing(
    bundleOf({
      sources: [
        {
          key: 'source:pentagon-statements',
          kind: 'PRESS_BRIEFING',
          title: 'Pentagon statements',
          derivedFrom: [{ source: 'source:ap-news-report', kind: 'CITES' }],
        },
      ],
    }),
  );
  expect(stored.data?.importBundle).toMatchObject({
    __typename: 'DerivationCycleError',
    message: expect.stringMatching(/^bundle rejected.*\nsources\[0\]\.derivedFrom\[0\]: closes a derivation cycle/s),
    cycle: [
      { source: 'source:pentagon-statements' },
      { source: 'source:ap-news-report' },
      { source: 'source:pentagon-statements' },
    ],
  });
  const within = parseBundle(
    bundleOf({
      sources: ['a', 'b', 'c'].map((name, i, all) => ({
        key: `source:loop-${name}`,
        kind: 'OTHER',
        title: name,
        derivedFrom: [{ source: `source:loop-${all[(i + 1) % 3]}`, kind: 'QUOTES' }],
      })),
    }),
  );
  const error = await importBundle(seeded.db.prisma, within, { actor: 'test' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DerivationCycleError);
  expect((error as DerivationCycleError).problems).toEqual([
    {
      path: 'sources[0].derivedFrom[0]',
      message:
        'closes a derivation cycle, each derived from the next: source:loop-a -> source:loop-b -> source:loop-c -> source:loop-a',
    },
  ]);
  expect(await counts()).toEqual(before);
  expect(await seeded.db.prisma.source.count({ where: { key: { startsWith: 'source:loop-' } } })).toBe(0);
});

test('the importer refuses a cycle between statements, and through a source repeated as a whole', async () => {
  const [claim] = await claimRecords(seeded.db.prisma, { key: TROOPS });
  const before = await counts();
  // The briefing's statement made to repeat the article's, which repeats the wire report's, which quotes it.
  const restated = {
    ...claim,
    unscRecords: [],
    attributions: [
      {
        agent: 'entity:pentagon',
        source: 'source:pentagon-statements',
        stance: 'SUPPORTS',
        derivedFrom: [{ statement: { agent: 'entity:pentagon', source: 'source:seed-article' }, kind: 'CITES' }],
      },
    ],
  };
  const result = await importing(bundleOf({ claims: [restated] }));
  expect(result.data?.importBundle).toMatchObject({
    __typename: 'DerivationCycleError',
    level: 'STATEMENT',
    message: expect.stringContaining('claims[0].attributions[0].derivedFrom[0]: closes a derivation cycle'),
    cycle: [
      { agent: 'entity:pentagon', source: 'source:pentagon-statements', spanStart: null },
      { agent: 'entity:pentagon', source: 'source:seed-article', spanStart: 100, spanEnd: 236 },
      { agent: 'entity:pentagon', source: 'source:ap-news-report' },
      { agent: 'entity:pentagon', source: 'source:pentagon-statements' },
    ],
  });
  const wholeSource = await importing(
    bundleOf({
      claims: [
        {
          ...restated,
          attributions: [
            { ...restated.attributions[0], derivedFrom: [{ source: 'source:seed-article', kind: 'CITES' }] },
          ],
        },
      ],
    }),
  );
  expect(wholeSource.data?.importBundle).toMatchObject({ __typename: 'DerivationCycleError', level: 'STATEMENT' });
  expect(await counts()).toEqual(before);
});
