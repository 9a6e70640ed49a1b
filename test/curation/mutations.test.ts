import { seededAnalyst, seededGraphQL } from '../helpers/seeded';

const seeded = seededGraphQL();
const { ok } = seededAnalyst(seeded);

test('an analyst adds a source with text, a claim with a quotation from it, and a derivation', async () => {
  const text = 'Seoul said on Friday that about 1,500 special forces had already left for Russia.';
  const source = await ok(
    `mutation($text: String!) { createSource(input: {
    key: "source:yonhap-2024-10-18", kind: WIRE_REPORT, title: "Seoul on North Korean special forces", publisher: "entity:south-korea",
    url: "https://example.org/yonhap/1", language: "en", text: $text, reliability: { grade: B }
  }) { ... on Source { key textSha256 reliability { grade gradedBy } version } } }`,
    { text },
  );
  expect(source.createSource).toMatchObject({
    key: 'source:yonhap-2024-10-18',
    reliability: { grade: 'B', gradedBy: 'lee' },
    version: 1,
  });
  const start = Array.from(text).join('').indexOf('about 1,500 special forces');
  const claim = await ok(`mutation { createClaim(input: {
    key: "claim:special-forces-1500", subject: "entity:north-korea", predicate: "special_forces_deployed", statement: "About 1,500 North Korean special forces have left for Russia.",
    value: { kind: QUANTITY, amount: "1500", unit: "soldiers", approximate: true }, place: "entity:russia", modality: ASSERTED,
    attributions: [{ agent: "entity:south-korea", source: "source:yonhap-2024-10-18", quotation: "about 1,500 special forces", spanStart: ${start}, spanEnd: ${start + 26}, stance: SUPPORTS }]
  }) { ... on Claim { key attributions { totalCount } } } }`);
  expect(claim.createClaim).toEqual({ key: 'claim:special-forces-1500', attributions: { totalCount: 1 } });
  const derivation = await ok(
    'mutation { addDerivation(derived: "source:seed-article", origin: "source:yonhap-2024-10-18", kind: CITES) { ... on SourceDerivation { kind origin { key } } } }',
  );
  expect(derivation.addDerivation).toEqual({ kind: 'CITES', origin: { key: 'source:yonhap-2024-10-18' } });

  // Search reads the vectors PostgreSQL generates on write; the change log keeps what was written, not them.
  const found = await ok(`{ search(query: "special forces", first: 10) { ... on SearchConnection { edges { node {
    __typename ... on Claim { key } ... on Source { key } ... on Attribution { quotation } } } } } }`);
  expect(found.search.edges.map((e: any) => e.node)).toEqual(
    expect.arrayContaining([
      { __typename: 'Claim', key: 'claim:special-forces-1500' },
      { __typename: 'Source', key: 'source:yonhap-2024-10-18' },
      { __typename: 'Attribution', quotation: 'about 1,500 special forces' },
    ]),
  );
  const logged = await seeded.db.prisma.changeLog.findMany({
    where: { actor: 'lee', operation: 'INSERT', tableName: { in: ['claim', 'source', 'attribution'] } },
  });
  expect(logged.map((row) => row.tableName).toSorted()).toEqual(['attribution', 'claim', 'source']);
  for (const row of logged) expect(Object.keys(row.after as object)).not.toContain('search_vector');
  expect(logged.find((row) => row.tableName === 'claim')!.after).toMatchObject({
    statement: 'About 1,500 North Korean special forces have left for Russia.',
  });
});

test('bad input is a typed error with the path of the bad element, and changes nothing', async () => {
  const before = await seeded.db.prisma.changeLog.count();
  const result = await ok(`mutation { createClaim(input: {
    key: "claim:bad-quote", subject: "entity:north-korea", predicate: "deployment_scale", statement: "Small.", value: { kind: TEXT, text: "small" }, modality: ASSERTED,
    attributions: [{ agent: "entity:pat-ryder", source: "source:seed-article", quotation: "relatively large", spanStart: 657, spanEnd: 673, stance: SUPPORTS }]
  }) { __typename ... on InputValidationError { issues { path message } } } }`);
  expect(result.createClaim).toEqual({
    __typename: 'InputValidationError',
    issues: [
      {
        path: ['input', 'attributions', '0'],
        message: expect.stringMatching(
          /^quotation "relatively large" is not the text at 657-673 of source:seed-article \(which reads "relatively small"\)/,
        ),
      },
    ],
  });
  const unknown = await ok(
    'mutation { createEntity(input: { key: "entity:x1", kind: PERSON, name: "X", roles: [{ title: "Envoy", organisation: "entity:atlantis" }] }) { __typename ... on InputValidationError { issues { path message } } } }',
  );
  expect(unknown.createEntity.issues).toEqual([
    { path: ['input', 'roles', '0', 'organisation'], message: 'unknown entity entity:atlantis' },
  ]);
  const taken = await ok(
    'mutation { createEntity(input: { key: "entity:pentagon", kind: ORGANISATION, name: "Pentagon again" }) { __typename ... on Error { message } } }',
  );
  expect(taken.createEntity).toEqual({ __typename: 'ConflictError', message: 'entity:pentagon exists already' });
  const charter =
    await ok(`mutation { recordUnscDraft(input: { key: "unsc:bad", title: "t", agenda: "a", decision: { date: "2022-06-01", outcome: ADOPTED, resolution: 9999, votes: [{ member: "entity:china", vote: N }] } }) {
    __typename ... on InputValidationError { issues { path message } } } }`);
  expect(charter.recordUnscDraft.issues.map((i: { message: string }) => i.message)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/no vote recorded for/),
      expect.stringMatching(/outcome ADOPTED contradicts the votes/),
    ]),
  );
  expect(await seeded.db.prisma.changeLog.count()).toBe(before);
});

test('updates carry the version read; a stale one is refused and nothing is overwritten', async () => {
  const read = await ok('{ entity(key: "entity:pat-ryder") { version description } }');
  const v = read.entity.version;
  const first = await ok(
    `mutation { updateEntity(input: { key: "entity:pat-ryder", kind: PERSON, name: "Pat Ryder", description: "Pentagon press secretary" }, expectedVersion: ${v}) { ... on Entity { version description } } }`,
  );
  expect(first.updateEntity).toEqual({ version: v + 1, description: 'Pentagon press secretary' });
  const stale = await ok(
    `mutation { updateEntity(input: { key: "entity:pat-ryder", kind: PERSON, name: "Pat Ryder", description: "overwritten?" }, expectedVersion: ${v}) { __typename ... on Error { message } } }`,
  );
  expect(stale.updateEntity).toEqual({
    __typename: 'ConflictError',
    message: expect.stringContaining(`is at version ${v + 1}, not ${v}`),
  });
  expect((await ok('{ entity(key: "entity:pat-ryder") { description } }')).entity.description).toBe(
    'Pentagon press secretary',
  );
});

test('deprecating a claim needs a reason, keeps the claim, and its history and asOf show what changed', async () => {
  const key = 'claim:deployment-relatively-small';
  const before = await ok(`{ claim(key: "${key}") { version rank } }`);
  const noReason = await ok(
    `mutation { setClaimRank(key: "${key}", rank: DEPRECATED, expectedVersion: ${before.claim.version}) { __typename ... on InputValidationError { issues { path message } } } }`,
  );
  expect(noReason.setClaimRank.issues).toEqual([
    { path: ['input', 'reason'], message: 'a deprecated claim needs a reason for deprecation' },
  ]);
  const moment = new Date();
  await new Promise((r) => setTimeout(r, 20));
  const done = await ok(
    `mutation { setClaimRank(key: "${key}", rank: DEPRECATED, reason: "superseded by later figures", expectedVersion: ${before.claim.version}) { ... on Claim { rank deprecationReason version } } }`,
  );
  expect(done.setClaimRank).toEqual({
    rank: 'DEPRECATED',
    deprecationReason: 'superseded by later figures',
    version: before.claim.version + 1,
  });
  const later =
    await ok(`{ claim(key: "${key}") { asOf(time: "${moment.toISOString()}") { rank version } now: asOf(time: "${new Date().toISOString()}") { rank actor }
    history { totalCount edges { node { actor operation table changedFields } } } } }`);
  expect(later.claim.asOf).toEqual({ rank: 'NORMAL', version: before.claim.version });
  expect(later.claim.now).toEqual({ rank: 'DEPRECATED', actor: 'lee' });
  const changes = later.claim.history.edges.map((e: any) => e.node);
  expect(changes[0]).toMatchObject({ operation: 'INSERT', table: 'CLAIM', actor: 'seed' });
  expect(changes.at(-1)).toEqual({
    actor: 'lee',
    operation: 'UPDATE',
    table: 'CLAIM',
    changedFields: ['deprecation_reason', 'rank', 'version'],
  });
  expect(changes.some((c: any) => c.table === 'ATTRIBUTION')).toBe(true);
});

test('merging two entities loses nothing, and the merged key and ID resolve to the survivor', async () => {
  await ok(
    'mutation { createEntity(input: { key: "entity:dod", kind: ORGANISATION, name: "Department of Defense", aliases: [{ name: "DoD HQ", language: "en" }], identifiers: [{ scheme: WIKIDATA, value: "Q99999999" }] }) { __typename } }',
  );
  const added = await ok(
    'mutation { addAttribution(claim: "claim:deployment-unprecedented", input: { agent: "entity:dod", source: "source:seed-article", quotation: "This unprecedented move", spanStart: 961, spanEnd: 984, stance: REPORTS }) { __typename } }',
  );
  expect(added.addAttribution.__typename).toBe('Attribution');
  const dodId = (await ok('{ entity(key: "entity:dod") { id } }')).entity.id;
  const counts = async () => ({
    attributions: await seeded.db.prisma.attribution.count(),
    aliases: await seeded.db.prisma.entityAlias.count(),
    identifiers: await seeded.db.prisma.entityIdentifier.count(),
  });
  const before = await counts();
  const merged = await ok(
    'mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:dod") { ... on Entity { key aliases { name } identifiers { value } mergedFrom { key } } } }',
  );
  expect(merged.mergeEntities.aliases).toEqual(
    expect.arrayContaining([{ name: 'DoD HQ' }, { name: 'Department of Defense' }]),
  );
  expect(merged.mergeEntities.identifiers).toEqual(
    expect.arrayContaining([{ value: 'Q11209' }, { value: 'Q99999999' }]),
  );
  expect(merged.mergeEntities.mergedFrom).toEqual([{ key: 'entity:dod' }]);
  const after = await counts();
  // Nothing lost: the same attributions and identifiers, and the merged name kept as one more alias.
  expect(after).toEqual({ ...before, aliases: before.aliases + 1 });
  const resolved = await ok(
    `query($id: ID!) { entity(key: "entity:dod") { key } node(id: $id) { ... on Entity { key } } }`,
    { id: dodId },
  );
  expect(resolved).toEqual({ entity: { key: 'entity:pentagon' }, node: { key: 'entity:pentagon' } });
  const statements = await ok(
    '{ entity(key: "entity:pentagon") { statements(first: 50) { edges { node { quotation } } } } }',
  );
  expect(statements.entity.statements.edges.map((e: any) => e.node.quotation)).toContain('This unprecedented move');
  const again = await ok(
    'mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:dod") { __typename ... on Error { message } } }',
  );
  expect(again.mergeEntities).toEqual({ __typename: 'ConflictError', message: 'entity:dod was merged already' });
});

test('an analyst adds a statement known only from a later source, and the article statement that repeats it', async () => {
  const text = 'A second outlet reported that Seoul had joined the sanctions.';
  const quotation = 'Seoul had joined the sanctions';
  const [start, end] = [text.indexOf(quotation), text.indexOf(quotation) + quotation.length];
  await ok(
    `mutation($text: String!) { createSource(input: { key: "source:second-outlet", kind: NEWS_ARTICLE, title: "Second outlet", text: $text,
      curatorFields: [TITLE] }) { ... on Source { key curatorFields } } }`,
    { text },
  );
  // A statement in the AP report, whose text is not held: no quotation, no span; its wording unknown.
  const upstream = await ok(`mutation { addAttribution(claim: "claim:south-korea-joined-sanctions", input: {
    agent: "entity:south-korea", source: "source:ap-news-report", stance: SUPPORTS
  }) { ... on Attribution { quotation span { start } textHeld wording } } }`);
  expect(upstream.addAttribution).toEqual({ quotation: null, span: null, textHeld: false, wording: 'UNKNOWN' });
  const added = await ok(
    `mutation($start: Int!, $end: Int!, $quotation: String!) { addAttribution(claim: "claim:south-korea-joined-sanctions", input: {
      agent: "entity:south-korea", source: "source:second-outlet", quotation: $quotation, spanStart: $start, spanEnd: $end, stance: SUPPORTS,
      derivedFrom: [{ statement: { agent: "entity:south-korea", source: "source:ap-news-report" }, kind: CITES }]
    }) { __typename ... on Attribution { wording derivedFrom { kind originStatement { source { key } } } } } }`,
    { start, end, quotation },
  );
  expect(added.addAttribution).toEqual({
    __typename: 'Attribution',
    wording: 'REPORTED',
    derivedFrom: [{ kind: 'CITES', originStatement: { source: { key: 'source:ap-news-report' } } }],
  });
  // A statement with words it cannot have: a typed error at the input's path, and nothing written.
  const before = await seeded.db.prisma.changeLog.count();
  const refused = await ok(
    `mutation($start: Int!, $end: Int!, $quotation: String!) { addAttribution(claim: "claim:south-korea-joined-sanctions", input: {
      agent: "entity:pentagon", source: "source:second-outlet", quotation: $quotation, spanStart: $start, spanEnd: $end, stance: SUPPORTS, wording: OWN_WORDS
    }) { __typename ... on InputValidationError { issues { path message } } } }`,
    { start, end, quotation },
  );
  expect(refused.addAttribution).toEqual({
    __typename: 'InputValidationError',
    issues: [{ path: ['input', 'wording'], message: expect.stringContaining('not inside quotation marks') }],
  });
  expect(await seeded.db.prisma.changeLog.count()).toBe(before);
});

test('merging two agents keeps both their statements (nothing is deleted), which count as one agent: the same origins', async () => {
  const chain = async () =>
    (
      await ok(`{ claim(key: "claim:north-korea-sent-10000-troops-to-russia") { provenance { ... on ClaimProvenance {
        derivations { hops kind derived { key } origin { key } } primarySources { key } } }
        corroboration { independentOrigins suggestedCredibility } attributions { totalCount } } }`)
    ).claim;
  const before = await chain();
  // A second Pentagon, whose wire-report statement quotes its own briefing statement: both duplicate the Pentagon's.
  await ok(
    'mutation { createEntity(input: { key: "entity:pentagon-twin", kind: ORGANISATION, name: "Pentagon twin" }) { __typename } }',
  );
  await ok(`mutation { addAttribution(claim: "claim:north-korea-sent-10000-troops-to-russia", input: {
    agent: "entity:pentagon-twin", source: "source:pentagon-statements", stance: SUPPORTS }) { __typename } }`);
  await ok(`mutation { addAttribution(claim: "claim:north-korea-sent-10000-troops-to-russia", input: {
    agent: "entity:pentagon-twin", source: "source:ap-news-report", stance: SUPPORTS,
    derivedFrom: [{ statement: { agent: "entity:pentagon-twin", source: "source:pentagon-statements" }, kind: QUOTES }] }) { __typename } }`);
  expect((await chain()).attributions.totalCount).toBe(before.attributions.totalCount + 2);
  await ok('mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:pentagon-twin") { __typename } }');
  const after = await chain();
  expect(after.attributions.totalCount).toBe(before.attributions.totalCount + 2);
  expect(after.corroboration).toEqual(before.corroboration);
  expect(after.provenance.primarySources).toEqual(before.provenance.primarySources);
  expect(after.provenance.derivations).toEqual(expect.arrayContaining(before.provenance.derivations));
});
