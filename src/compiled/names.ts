// What the compiler knows of the schema: for each GraphQL type it reads, the table behind it and, for
// each field, the SQL that answers it. Every type and field name the compiler uses is written here and
// nowhere else, so that a change of the SDL is one edit of this file; a field not listed here is not
// covered, and an operation that asks for it is served by the resolvers.

/** SQL for a value of the row aliased `row`. */
type Value = (row: string) => string;

export type TypeName = 'Entity' | 'Claim' | 'Attribution' | 'Source' | 'UnscDraft' | 'UnscVote';

type Field =
  /** A scalar or enum, as the schema serializes it. */
  | { value: Value }
  /** A to-one relation: `column` of this row holds the related row's id (null for none). */
  | { one: TypeName; column: string }
  /** A plain list of the `type` rows whose `column` holds this row's id, in `order`. */
  | { list: TypeName; column: string; order: string }
  /** A cursor connection of the `type` rows whose `column` holds this row's id, in id order. */
  | { page: TypeName; column: string };

export type Model = { table: string; fields: Record<string, Field> };

const column =
  (name: string): Value =>
  (row) =>
    `${row}."${name}"`;
/** DateTime serializes as an ISO instant in UTC with milliseconds (Date.toISOString). */
const instant =
  (name: string): Value =>
  (row) =>
    `to_char(${row}."${name}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Date serializes as the calendar day. */
const day =
  (name: string): Value =>
  (row) =>
    `to_char(${row}."${name}", 'YYYY-MM-DD')`;
/** The Relay plugin's global ID: base64 of `Type:id`. */
const globalId =
  (type: TypeName): Value =>
  (row) =>
    `encode(convert_to('${type}:' || ${row}.id, 'UTF8'), 'base64')`;
const columns = (...names: string[]) => Object.fromEntries(names.map((name) => [name, { value: column(name) }]));

export const MODEL: Record<TypeName, Model> = {
  Entity: {
    table: 'entity',
    fields: {
      id: { value: globalId('Entity') },
      ...columns('key', 'kind', 'name', 'description', 'version'),
      createdAt: { value: instant('created_at') },
      updatedAt: { value: instant('updated_at') },
      claimsAbout: { page: 'Claim', column: 'subject_id' },
      eventClaims: { page: 'Claim', column: 'event_id' },
      published: { page: 'Source', column: 'publisher_id' },
    },
  },
  Claim: {
    table: 'claim',
    fields: {
      id: { value: globalId('Claim') },
      ...columns('key', 'predicate', 'statement', 'modality', 'rank', 'credibility', 'version'),
      deprecationReason: { value: column('deprecation_reason') },
      pointInTime: { value: instant('point_in_time') },
      createdAt: { value: instant('created_at') },
      updatedAt: { value: instant('updated_at') },
      subject: { one: 'Entity', column: 'subject_id' },
      place: { one: 'Entity', column: 'place_id' },
      event: { one: 'Entity', column: 'event_id' },
      attributions: { page: 'Attribution', column: 'claim_id' },
    },
  },
  Attribution: {
    table: 'attribution',
    fields: {
      id: { value: globalId('Attribution') },
      ...columns('quotation', 'wording', 'stance'),
      textHeld: { value: (row) => `${row}.quotation IS NOT NULL` },
      statedAt: { value: instant('stated_at') },
      claim: { one: 'Claim', column: 'claim_id' },
      agent: { one: 'Entity', column: 'agent_id' },
      onBehalfOf: { one: 'Entity', column: 'on_behalf_of_id' },
      source: { one: 'Source', column: 'source_id' },
    },
  },
  Source: {
    table: 'source',
    fields: {
      id: { value: globalId('Source') },
      ...columns('key', 'kind', 'title', 'url', 'language', 'version'),
      publishedAt: { value: instant('published_at') },
      retrievedAt: { value: instant('retrieved_at') },
      createdAt: { value: instant('created_at') },
      updatedAt: { value: instant('updated_at') },
      publisher: { one: 'Entity', column: 'publisher_id' },
      author: { one: 'Entity', column: 'author_id' },
      attributions: { page: 'Attribution', column: 'source_id' },
    },
  },
  UnscDraft: {
    table: 'unsc_draft',
    fields: {
      id: { value: globalId('UnscDraft') },
      ...columns('key', 'symbol', 'title', 'agenda', 'outcome'),
      resolutionNumber: { value: column('resolution_number') },
      submittedAt: { value: day('submitted_at') },
      voteDate: { value: day('vote_date') },
      votes: { list: 'UnscVote', column: 'draft_id', order: 'member_id' },
    },
  },
  UnscVote: {
    table: 'unsc_vote',
    fields: { vote: { value: column('vote') }, member: { one: 'Entity', column: 'member_id' } },
  },
};

/**
 * A filter argument of a root field: SQL over the row `row` given the argument's parameter `value`,
 * null when the argument is absent or empty (the resolvers skip a filter whose value is falsy).
 */
type Filter = { type: 'text' | `"${string}"`; where: (row: string, value: string) => string };
const optionalEquals =
  (name: string) =>
  (row: string, value: string): string =>
    `(${value} IS NULL OR ${row}."${name}" = ${value})`;

export type Root =
  /** One record found by a text argument; `find` is the SQL for its id, or null. */
  | { one: TypeName; arg: string; find: (table: string, value: string) => string }
  /** A connection over the table: rows that pass `where` and the filters, in `order` (cursors are by id). */
  | { connection: TypeName; where: string; order: string; filters: Record<string, Filter> };

/** The root fields covered, as the resolvers in src/schema/ answer them. */
export const ROOTS: Record<string, Root> = {
  // A merged entity's key resolves to the entity it was merged into (survivorIdByKey, src/curation/merge.ts).
  entity: {
    one: 'Entity',
    arg: 'key',
    find: (table, key) => `(SELECT coalesce(merged_into_id, id) FROM ${table} WHERE key = ${key})`,
  },
  claim: { one: 'Claim', arg: 'key', find: (table, key) => `(SELECT id FROM ${table} WHERE key = ${key})` },
  source: { one: 'Source', arg: 'key', find: (table, key) => `(SELECT id FROM ${table} WHERE key = ${key})` },
  entities: {
    connection: 'Entity',
    where: 'merged_into_id IS NULL',
    order: 'id',
    filters: { kind: { type: '"EntityKind"', where: optionalEquals('kind') } },
  },
  sources: {
    connection: 'Source',
    where: 'TRUE',
    order: 'id',
    filters: { kind: { type: '"SourceKind"', where: optionalEquals('kind') } },
  },
  claims: {
    connection: 'Claim',
    where: 'TRUE',
    order: 'id',
    filters: {
      predicate: { type: 'text', where: optionalEquals('predicate') },
      modality: { type: '"Modality"', where: optionalEquals('modality') },
    },
  },
  attributions: { connection: 'Attribution', where: 'TRUE', order: 'id', filters: {} },
  unscDrafts: {
    connection: 'UnscDraft',
    where: 'TRUE',
    order: 'vote_date, id',
    filters: {
      agenda: { type: 'text', where: optionalEquals('agenda') },
      outcome: { type: '"UnscOutcome"', where: optionalEquals('outcome') },
    },
  },
};

/** The names of a Relay connection's parts. */
export const CONNECTION = {
  totalCount: 'totalCount',
  edges: 'edges',
  pageInfo: 'pageInfo',
  cursor: 'cursor',
  node: 'node',
  hasNextPage: 'hasNextPage',
  hasPreviousPage: 'hasPreviousPage',
  startCursor: 'startCursor',
  endCursor: 'endCursor',
  first: 'first',
  after: 'after',
} as const;
