import { seededGraphQL } from '../helpers/seeded';

const seeded = seededGraphQL();

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await seeded.gql<T>(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

test('where the 10,000-troops figure comes from: the Pentagon, quoted in the article, via AP, back to the Pentagon briefing', async () => {
  const data = await ok<{ claim: { provenance: any } }>(
    `query($key: String!) { claim(key: $key) { provenance { __typename ... on ClaimProvenance {
      depth
      attributions { agent { key } quotation source { key } }
      derivations { derived { key } origin { key } kind hops }
      primarySources { key }
      truncated { key }
      provJson
    } } } }`,
    { key: TROOPS },
  );
  const p = data.claim.provenance;
  expect(p.attributions).toEqual([
    {
      agent: { key: 'entity:pentagon' },
      quotation: expect.stringContaining('approximately 10,000 troops'),
      source: { key: 'source:seed-article' },
    },
    { agent: { key: 'entity:pentagon' }, quotation: null, source: { key: 'source:ap-news-report' } },
    { agent: { key: 'entity:pentagon' }, quotation: null, source: { key: 'source:pentagon-statements' } },
  ]);
  expect(p.derivations).toEqual([
    { derived: { key: 'source:seed-article' }, origin: { key: 'source:ap-news-report' }, kind: 'PARAPHRASES', hops: 1 },
    {
      derived: { key: 'source:ap-news-report' },
      origin: { key: 'source:pentagon-statements' },
      kind: 'QUOTES',
      hops: 2,
    },
  ]);
  expect(p.primarySources).toEqual([{ key: 'source:pentagon-statements' }]);
  expect(p.truncated).toEqual([]);
  // PROV-JSON: the claim derives from each of its three statements, and the statements from one another.
  const statementLinks = Object.values(p.provJson.wasDerivedFrom).filter(
    (d: any) => !d['kb:documentLevel'] && d['prov:generatedEntity'] !== TROOPS,
  );
  expect(statementLinks).toHaveLength(p.derivations.length);
});

test('a depth of 1 walks one step and says which sources it stopped at; a depth out of range is a typed error', async () => {
  const data = await ok<{ claim: { provenance: any } }>(
    `query($key: String!) { claim(key: $key) { provenance(depth: 1) { ... on ClaimProvenance { derivations { hops } truncated { key } } } } }`,
    { key: TROOPS },
  );
  expect(new Set(data.claim.provenance.derivations.map((d: { hops: number }) => d.hops))).toEqual(new Set([1]));
  expect(data.claim.provenance.truncated).toEqual([{ key: 'source:ap-news-report' }]);
  const bad = await ok<{ claim: { provenance: any } }>(
    `query($key: String!) { claim(key: $key) { provenance(depth: 500) { __typename ... on InputValidationError { message issues { path message } } } } }`,
    { key: TROOPS },
  );
  expect(bad.claim.provenance).toMatchObject({
    __typename: 'InputValidationError',
    issues: [{ path: ['depth'], message: 'depth is at most 50' }],
  });
});

test('how many independent origins back the figure: one, though three documents carry it', async () => {
  const data = await ok<{ claim: { corroboration: any } }>(
    `query($key: String!) { claim(key: $key) { corroboration {
      independentOrigins documents suggestedCredibility reasoning
      origins { source { key } reliability agents { key } }
    } } }`,
    { key: TROOPS },
  );
  expect(data.claim.corroboration).toMatchObject({
    independentOrigins: 1,
    documents: 3,
    suggestedCredibility: 2,
    origins: [
      { source: { key: 'source:pentagon-statements' }, reliability: 'B', agents: [{ key: 'entity:pentagon' }] },
    ],
  });
  expect(data.claim.corroboration.reasoning.join(' ')).toMatch(/A single origin cannot confirm the claim/);
});

test('a claim backed by the article and one fully supporting UN record is probably true; a hedged one is possibly true at best', async () => {
  const data = await ok<{ blocked: any; hedged: any }>(`{
    blocked: claim(key: "claim:russia-blocked-unsc-sanctions") { corroboration { independentOrigins suggestedCredibility origins { source { key } unscRecord { symbol } reliability } } }
    hedged: claim(key: "claim:russia-may-offer-technology") { corroboration { independentOrigins suggestedCredibility reasoning } }
  }`);
  expect(data.blocked.corroboration).toMatchObject({
    independentOrigins: 2,
    suggestedCredibility: 2,
    origins: expect.arrayContaining([{ source: null, unscRecord: { symbol: 'S/2022/431' }, reliability: 'A' }]),
  });
  expect(data.hedged.corroboration.suggestedCredibility).toBeGreaterThanOrEqual(3);
});
