import { seededAnalyst, seededGraphQL } from '../helpers/seeded';

// A retracted statement leaves its slot (its claim, agent, source and span): an analyst retracts a wrong
// statement and records the correction at the same span, while a slot still holds one statement that is
// not retracted.
const seeded = seededGraphQL();
const { analyst, ok } = seededAnalyst(seeded);

const CLAIM = 'claim:deployment-unprecedented';
const SLOT = { agent: 'entity:article-newsroom', source: 'source:seed-article', spanStart: 961, spanEnd: 984 };
const ADD = /* GraphQL */ `
  mutation($claim: String!, $input: AttributionInput!) {
    addAttribution(claim: $claim, input: $input) {
      __typename ... on Attribution { stance quotation retraction { reason } } ... on Error { message }
    }
  }`;
const RETRACT = /* GraphQL */ `
  mutation($claim: String!, $statement: StatementRefInput!, $reason: String!) {
    retractStatement(claim: $claim, statement: $statement, reason: $reason) {
      __typename ... on Attribution { stance retraction { reason } } ... on Error { message }
    }
  }`;
const STATEMENTS = /* GraphQL */ `
  query($key: String!) {
    claim(key: $key) { attributions(first: 10) { totalCount edges { node { stance span { start end } } } } }
  }`;

const add = async (stance: string) =>
  (
    await analyst<{ addAttribution: any }>(ADD, {
      claim: CLAIM,
      input: { ...SLOT, quotation: 'This unprecedented move', stance },
    })
  ).data?.addAttribution;
const retract = async (reason: string) =>
  (await analyst<{ retractStatement: any }>(RETRACT, { claim: CLAIM, statement: SLOT, reason })).data?.retractStatement;
const statements = async () => (await ok(STATEMENTS, { key: CLAIM })).claim.attributions;
/** Every statement of the slot, retracted or not, in the order recorded. */
const inSlot = () =>
  seeded.db.prisma.attribution.findMany({
    where: {
      claim: { key: CLAIM },
      agent: { key: SLOT.agent },
      source: { key: SLOT.source },
      spanStart: SLOT.spanStart,
      spanEnd: SLOT.spanEnd,
    },
    orderBy: { id: 'asc' },
    select: { stance: true, retractionReason: true },
  });
const taken = { __typename: 'ConflictError', message: `${CLAIM} already has this attribution` };

test('a retracted statement leaves its slot to its correction, and the slot still holds one statement not retracted', async () => {
  // The seed's statement stands there: a second one is refused, and nothing changes.
  expect(await add('REFUTES')).toEqual(taken);
  expect(await inSlot()).toEqual([{ stance: 'SUPPORTS', retractionReason: null }]);

  // Recorded with the wrong stance: retracted, and the correction recorded at the same span.
  const reason = 'Recorded with the wrong stance.';
  expect(await retract(reason)).toEqual({ __typename: 'Attribution', stance: 'SUPPORTS', retraction: { reason } });
  expect(await add('REFUTES')).toEqual({
    __typename: 'Attribution',
    stance: 'REFUTES',
    quotation: 'This unprecedented move',
    retraction: null,
  });
  expect(await statements()).toEqual({
    totalCount: 1,
    edges: [{ node: { stance: 'REFUTES', span: { start: 961, end: 984 } } }],
  });
  expect(await inSlot()).toEqual([
    { stance: 'SUPPORTS', retractionReason: reason },
    { stance: 'REFUTES', retractionReason: null },
  ]);

  // The correction holds the slot now.
  expect(await add('REPORTS')).toEqual(taken);
  // The slot names the statement in it not retracted: retracting again retracts the correction; then the
  // latest retracted, which is a conflict.
  expect(await retract('Wrong again.')).toEqual({
    __typename: 'Attribution',
    stance: 'REFUTES',
    retraction: { reason: 'Wrong again.' },
  });
  expect(await retract('Once more.')).toEqual({
    __typename: 'ConflictError',
    message: expect.stringContaining('retracted already, by lee'),
  });
  // A statement saying what a retracted one said is recorded anew; the retraction stays.
  expect(await add('SUPPORTS')).toMatchObject({ __typename: 'Attribution', stance: 'SUPPORTS', retraction: null });
  expect(await inSlot()).toEqual([
    { stance: 'SUPPORTS', retractionReason: reason },
    { stance: 'REFUTES', retractionReason: 'Wrong again.' },
    { stance: 'SUPPORTS', retractionReason: null },
  ]);
  expect((await statements()).totalCount).toBe(1);
});
