import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../src/bundle/format';
import { importBundle } from '../../src/bundle/import';
import { parseBundle } from '../../src/bundle/validate';
import { seededAnalyst, seededGraphQL } from '../helpers/seeded';

// Issue 17, finding 4: a merge keeps every statement, even one the survivor's matches at the same claim,
// source and span with the opposite stance; unmergeEntities restores both entities as they were.
const seeded = seededGraphQL();
const { ok } = seededAnalyst(seeded);

const TROOPS = 'claim:north-korea-sent-10000-troops-to-russia';
/** An entity as stored, with everything a merge moves, without what every write bumps. */
const snapshot = async (key: string) => {
  const {
    version: _v,
    updatedAt: _u,
    ...entity
  } = await seeded.db.prisma.entity.findUniqueOrThrow({
    where: { key },
    include: {
      aliases: { orderBy: { id: 'asc' } },
      identifiers: { orderBy: { id: 'asc' } },
      rolesHeld: { orderBy: { id: 'asc' } },
      rolesIn: { orderBy: { id: 'asc' } },
      attributions: { orderBy: { id: 'asc' }, omit: { createdAt: true } },
      claimsAbout: { orderBy: { id: 'asc' }, select: { id: true } },
    },
  });
  return entity;
};

test('a merge keeps both statements of one claim, source and span, with opposite stances; unmerge restores both entities', async () => {
  const pentagon = await seeded.db.prisma.attribution.findFirstOrThrow({
    where: { claim: { key: TROOPS }, agent: { key: 'entity:pentagon' }, source: { key: 'source:seed-article' } },
  });
  await ok(`mutation { createEntity(input: {
    key: "entity:defense-department", kind: ORGANISATION, name: "Defense Department",
    aliases: [{ name: "DoD" }], roles: [{ title: "department", organisation: "entity:south-korea", relation: PART_OF }]
  }) { __typename } }`);
  // The same words, read the other way by another curator, as another agent's.
  const twin = await ok(
    `mutation($q: String!) { addAttribution(claim: "${TROOPS}", input: {
      agent: "entity:defense-department", source: "source:seed-article", quotation: $q,
      spanStart: ${pentagon.spanStart}, spanEnd: ${pentagon.spanEnd}, stance: REFUTES
    }) { __typename } }`,
    { q: pentagon.quotation },
  );
  expect(twin.addAttribution.__typename).toBe('Attribution');
  await ok(`mutation { createClaim(input: {
    key: "claim:defense-department-budget", subject: "entity:defense-department", predicate: "budget", statement: "It has a budget.",
    value: { kind: SOME_VALUE }, modality: ASSERTED }) { __typename } }`);
  const before = { survivor: await snapshot('entity:pentagon'), merged: await snapshot('entity:defense-department') };
  const statements = await seeded.db.prisma.attribution.count();
  const deletesBefore = await seeded.db.prisma.changeLog.count({ where: { operation: 'DELETE' } });

  const merged = await ok(
    'mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:defense-department") { ... on Entity { key aliases { name } } } }',
  );
  expect(merged.mergeEntities.aliases).toEqual(
    expect.arrayContaining([{ name: 'DoD' }, { name: 'Defense Department' }]),
  );
  // Both statements are there, with both stances; nothing was deleted.
  expect(await seeded.db.prisma.attribution.count()).toBe(statements);
  const stances = await seeded.db.prisma.attribution.findMany({
    where: { claimId: pentagon.claimId, sourceId: pentagon.sourceId, spanStart: pentagon.spanStart },
    select: { stance: true },
    orderBy: { id: 'asc' },
  });
  expect(stances.map((s) => s.stance)).toEqual(['SUPPORTS', 'REFUTES']);
  expect(await seeded.db.prisma.changeLog.count({ where: { operation: 'DELETE' } })).toBe(deletesBefore);
  const resolved = await ok('{ entity(key: "entity:defense-department") { key } }');
  expect(resolved.entity.key).toBe('entity:pentagon');

  const unmerged = await ok(
    'mutation { unmergeEntities(merged: "entity:defense-department") { __typename ... on Entity { key } } }',
  );
  expect(unmerged.unmergeEntities).toEqual({ __typename: 'Entity', key: 'entity:defense-department' });
  expect(await ok('{ entity(key: "entity:defense-department") { key } }')).toEqual({
    entity: { key: 'entity:defense-department' },
  });
  expect(await snapshot('entity:pentagon')).toEqual(before.survivor);
  expect(await snapshot('entity:defense-department')).toEqual(before.merged);
  // Both are in the change log: the merge recorded, then marked undone.
  const log = await seeded.db.prisma.changeLog.findMany({
    where: { tableName: 'entity_merge' },
    orderBy: { id: 'asc' },
  });
  expect(log.map((l) => l.operation)).toEqual(['INSERT', 'UPDATE']);
  expect(log[1]!.after).toMatchObject({ unmerged_by: 'lee' });
  const again = await ok(
    'mutation { unmergeEntities(merged: "entity:defense-department") { __typename ... on Error { message } } }',
  );
  expect(again.unmergeEntities.__typename).toBe('ConflictError');
});

const STATEMENTS = /* GraphQL */ `
  query($key: String!) {
    claim(key: $key) {
      attributions(first: 20) { totalCount edges { node { agent { key } duplicates { agent { key } } } } }
      corroboration { ... on Corroboration { independentOrigins documents } }
    }
  }`;

test('a statement a merge makes an exact repeat of the survivor’s is kept, marked as its duplicate and counted once; unmerge clears the mark', async () => {
  const pentagon = await seeded.db.prisma.attribution.findFirstOrThrow({
    where: { claim: { key: TROOPS }, agent: { key: 'entity:pentagon' }, source: { key: 'source:seed-article' } },
  });
  await ok(
    'mutation { createEntity(input: { key: "entity:us-dod", kind: ORGANISATION, name: "US DoD" }) { __typename } }',
  );
  const before = (await ok(STATEMENTS, { key: TROOPS })).claim;
  await ok(
    `mutation($q: String!) { addAttribution(claim: "${TROOPS}", input: {
      agent: "entity:us-dod", source: "source:seed-article", quotation: $q,
      spanStart: ${pentagon.spanStart}, spanEnd: ${pentagon.spanEnd}, stance: SUPPORTS
    }) { __typename } }`,
    { q: pentagon.quotation },
  );
  const added = (await ok(STATEMENTS, { key: TROOPS })).claim;
  expect(added.attributions.totalCount).toBe(before.attributions.totalCount + 1);

  await ok('mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:us-dod") { __typename } }');
  const merged = (await ok(STATEMENTS, { key: TROOPS })).claim;
  // Counted once, shown under the statement it repeats; corroboration as before the repeat.
  expect(merged.attributions.totalCount).toBe(before.attributions.totalCount);
  expect(merged.attributions.edges.flatMap((e: any) => e.node.duplicates)).toEqual([
    { agent: { key: 'entity:us-dod' } },
  ]);
  expect(merged.corroboration).toEqual(before.corroboration);
  const marked = await seeded.db.prisma.attribution.findFirstOrThrow({ where: { agent: { key: 'entity:us-dod' } } });
  expect(marked.duplicateOfId).toBe(pentagon.id);
  const node = await ok(
    'query($id: ID!) { node(id: $id) { ... on Attribution { duplicateOf { agent { key } source { key } } } } }',
    { id: Buffer.from(`Attribution:${marked.id}`).toString('base64') },
  );
  expect(node.node.duplicateOf).toEqual({ agent: { key: 'entity:pentagon' }, source: { key: 'source:seed-article' } });

  // Retracted, the statement repeated leaves the answers and its duplicate counts in its place.
  await ok(
    `mutation { retractStatement(claim: "${TROOPS}", statement: { agent: "entity:pentagon", source: "source:seed-article",
      spanStart: ${pentagon.spanStart}, spanEnd: ${pentagon.spanEnd} }, reason: "r") { __typename } }`,
  );
  const replaced = (await ok(STATEMENTS, { key: TROOPS })).claim;
  expect(replaced.attributions.totalCount).toBe(before.attributions.totalCount);
  expect(replaced.attributions.edges.map((e: any) => e.node.agent.key)).toContain('entity:us-dod');

  await ok('mutation { unmergeEntities(merged: "entity:us-dod") { __typename } }');
  expect((await ok(STATEMENTS, { key: TROOPS })).claim.attributions.totalCount).toBe(before.attributions.totalCount);
  expect((await seeded.db.prisma.attribution.findUniqueOrThrow({ where: { id: marked.id } })).duplicateOfId).toBeNull();
});

test('an entity merged before merges were recorded cannot be unmerged, and the refusal says why', async () => {
  await ok(
    'mutation { createEntity(input: { key: "entity:merged-long-ago", kind: OTHER, name: "Old" }) { __typename } }',
  );
  // As the entity_merges migration found such a merge: the entity points at its survivor, no record of what moved.
  const survivor = await seeded.db.prisma.entity.findUniqueOrThrow({ where: { key: 'entity:pentagon' } });
  await seeded.db.prisma.entity.update({
    where: { key: 'entity:merged-long-ago' },
    data: { mergedIntoId: survivor.id },
  });
  const refused = await ok(
    'mutation { unmergeEntities(merged: "entity:merged-long-ago") { __typename ... on Error { message } } }',
  );
  expect(refused.unmergeEntities).toEqual({
    __typename: 'ConflictError',
    message: expect.stringContaining('merged before merges recorded what they moved'),
  });
});

test('a retracted statement holds no slot in a merge: it moves to the survivor beside the survivor’s statement there, while a standing one stays; unmerge gives it back', async () => {
  const claim = 'claim:deployment-unprecedented';
  const survivor = await seeded.db.prisma.attribution.findFirstOrThrow({
    where: { claim: { key: claim }, agent: { key: 'entity:article-newsroom' } },
  });
  await ok(
    'mutation { createEntity(input: { key: "entity:news-desk", kind: ORGANISATION, name: "News desk" }) { __typename } }',
  );
  const add = (stance: string) =>
    ok(
      `mutation($q: String!) { addAttribution(claim: "${claim}", input: { agent: "entity:news-desk", source: "source:seed-article",
        quotation: $q, spanStart: ${survivor.spanStart}, spanEnd: ${survivor.spanEnd}, stance: ${stance} }) { __typename } }`,
      { q: survivor.quotation },
    );
  // The desk's first reading, retracted, and its correction at the same span.
  await add('REPORTS');
  await ok(`mutation { retractStatement(claim: "${claim}", statement: { agent: "entity:news-desk", source: "source:seed-article",
    spanStart: ${survivor.spanStart}, spanEnd: ${survivor.spanEnd} }, reason: "Not the desk's reading.") { __typename } }`);
  await add('REFUTES');
  const desk = await seeded.db.prisma.attribution.findMany({
    where: { agent: { key: 'entity:news-desk' } },
    orderBy: { id: 'asc' },
    select: { id: true, stance: true, retractedAt: true },
  });
  expect(desk.map((a) => [a.stance, a.retractedAt !== null])).toEqual([
    ['REPORTS', true],
    ['REFUTES', false],
  ]);
  const agentOf = async (id: number) =>
    (await seeded.db.prisma.attribution.findUniqueOrThrow({ where: { id }, include: { agent: true } })).agent.key;

  await ok(
    'mutation { mergeEntities(survivor: "entity:article-newsroom", merged: "entity:news-desk") { __typename } }',
  );
  expect([await agentOf(desk[0]!.id), await agentOf(desk[1]!.id)]).toEqual([
    'entity:article-newsroom',
    'entity:news-desk',
  ]);
  await ok('mutation { unmergeEntities(merged: "entity:news-desk") { __typename } }');
  expect([await agentOf(desk[0]!.id), await agentOf(desk[1]!.id)]).toEqual(['entity:news-desk', 'entity:news-desk']);
});

test('an unmerge that would give an entity back a role it has been given again since the merge is refused with a ConflictError, and changes nothing', async () => {
  await ok(`mutation { createEntity(input: {
    key: "entity:envoy-office", kind: ORGANISATION, name: "Envoy Office",
    roles: [{ title: "office", organisation: "entity:russia", relation: PART_OF }]
  }) { __typename } }`);
  await ok('mutation { mergeEntities(survivor: "entity:pentagon", merged: "entity:envoy-office") { __typename } }');
  // A bundle naming the merged entity by its own key gives it the role again.
  await importBundle(
    seeded.db.prisma,
    parseBundle({
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      entities: [
        {
          key: 'entity:envoy-office',
          kind: 'ORGANISATION',
          name: 'Envoy Office',
          roles: [{ title: 'office', organisation: 'entity:russia', relation: 'PART_OF' }],
        },
      ],
    }),
    { actor: 'test' },
  );
  const before = { survivor: await snapshot('entity:pentagon'), merged: await snapshot('entity:envoy-office') };
  const result = await ok(
    'mutation { unmergeEntities(merged: "entity:envoy-office") { __typename ... on ConflictError { message } } }',
  );
  expect(result.unmergeEntities).toEqual({
    __typename: 'ConflictError',
    message: expect.stringMatching(
      /^entity:envoy-office has been given again, since the merge, what the merge moved to entity:pentagon \(entity_role \d+\): giving it back would hold it twice$/,
    ),
  });
  expect({ survivor: await snapshot('entity:pentagon'), merged: await snapshot('entity:envoy-office') }).toEqual(
    before,
  );
});
