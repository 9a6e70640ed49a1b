import { madeFor } from '../analysis/statement-filter';

// What the compiler knows of the schema: for each GraphQL type it reads, the table behind it and, for
// each field, the SQL that answers it. Every type and field name the compiler uses is written here and
// nowhere else, so that a change of the SDL is one edit of this file; a field not listed here is not
// covered, and an operation that asks for it is served by the resolvers.

/** SQL for a value of the row aliased `row`. */
type Value = (row: string) => string;

export type TypeName =
  | 'Entity'
  | 'EntityAlias'
  | 'EntityIdentifier'
  | 'EntityRole'
  | 'Claim'
  | 'Attribution'
  | 'TextSpan'
  | 'Source'
  | 'ReliabilityGrade';

type Field =
  /** A scalar or enum, as the schema serializes it. */
  | { value: Value }
  /** A to-one relation: `column` of this row holds the related row's id (null for none). */
  | { one: TypeName; column: string }
  /** A plain list of the `type` rows whose `column` holds this row's id, in `order`. */
  | { list: TypeName; column: string; order: string }
  /** An object read from this same row, null where `absent` holds. */
  | { inline: TypeName; absent: Value }
  /**
   * A cursor connection of the `type` rows whose `column` holds this row's id, in id order, that pass
   * the `filters` asked for; with the boolean argument `wider.arg` true, the rows `wider.where` matches instead.
   */
  | { page: TypeName; column: string; filters?: Record<string, Filter>; wider?: { arg: string; where: Value } };

/** A type's table (none for a type read from its parent's row) and its fields. */
export type Model = { table?: string; fields: Record<string, Field> };

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
/** An enum array as a JSON list. */
const list =
  (name: string): Value =>
  (row) =>
    `to_json(${row}."${name}")`;
const stamps = { createdAt: { value: instant('created_at') }, updatedAt: { value: instant('updated_at') } };
const byId = (type: TypeName, parent: string) => ({ list: type, column: parent, order: 'id' });

/**
 * A filter argument: SQL over the row `row` given the argument's parameter `value`, null when the
 * argument is absent or empty (the resolvers skip a filter whose value is falsy).
 */
export type Filter = { type: 'text' | `"${string}"`; where: (row: string, value: string) => string };
const optionalEquals =
  (name: string) =>
  (row: string, value: string): string =>
    `(${value} IS NULL OR ${row}."${name}" = ${value})`;

export const MODEL: Record<TypeName, Model> = {
  Entity: {
    table: 'entity',
    fields: {
      id: { value: globalId('Entity') },
      ...columns('key', 'kind', 'name', 'description', 'version'),
      ...stamps,
      aliases: byId('EntityAlias', 'entity_id'),
      identifiers: byId('EntityIdentifier', 'entity_id'),
      roles: byId('EntityRole', 'holder_id'),
      members: byId('EntityRole', 'organisation_id'),
      claimsAbout: { page: 'Claim', column: 'subject_id' },
      // As statementFilter and madeFor (src/analysis/statement-filter.ts) page them.
      statements: {
        page: 'Attribution',
        column: 'agent_id',
        filters: {
          modality: {
            type: '"Modality"',
            where: (row, value) =>
              `(${value} IS NULL OR EXISTS (SELECT 1 FROM claim c WHERE c.id = ${row}.claim_id AND c.modality = ${value}))`,
          },
          stance: { type: '"Stance"', where: optionalEquals('stance') },
          wording: { type: '"Wording"', where: optionalEquals('wording') },
        },
        wider: { arg: 'onItsBehalf', where: (row) => madeFor.text.replaceAll('p.parent', `${row}.id`) },
      },
      eventClaims: { page: 'Claim', column: 'event_id' },
      published: { page: 'Source', column: 'publisher_id' },
    },
  },
  EntityAlias: { table: 'entity_alias', fields: columns('name', 'language') },
  EntityIdentifier: { table: 'entity_identifier', fields: columns('scheme', 'value') },
  EntityRole: {
    table: 'entity_role',
    fields: {
      ...columns('title', 'relation', 'independent'),
      validFrom: { value: day('valid_from') },
      validTo: { value: day('valid_to') },
      holder: { one: 'Entity', column: 'holder_id' },
      organisation: { one: 'Entity', column: 'organisation_id' },
    },
  },
  Claim: {
    table: 'claim',
    fields: {
      id: { value: globalId('Claim') },
      ...columns('key', 'predicate', 'statement', 'modality', 'rank', 'credibility', 'version'),
      deprecationReason: { value: column('deprecation_reason') },
      pointInTime: { value: instant('point_in_time') },
      ...stamps,
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
      span: { inline: 'TextSpan', absent: (row) => `${row}.span_start IS NULL OR ${row}.span_end IS NULL` },
      statedAt: { value: instant('stated_at') },
      claim: { one: 'Claim', column: 'claim_id' },
      agent: { one: 'Entity', column: 'agent_id' },
      onBehalfOf: { one: 'Entity', column: 'on_behalf_of_id' },
      source: { one: 'Source', column: 'source_id' },
    },
  },
  TextSpan: { fields: { start: { value: column('span_start') }, end: { value: column('span_end') } } },
  Source: {
    table: 'source',
    fields: {
      id: { value: globalId('Source') },
      ...columns('key', 'kind', 'title', 'url', 'language', 'text', 'version'),
      textSha256: { value: column('text_sha256') },
      curatorFields: { value: list('curator_fields') },
      documentFields: { value: list('document_fields') },
      reliability: {
        inline: 'ReliabilityGrade',
        absent: (row) =>
          `${row}.reliability IS NULL OR ${row}.reliability_graded_by IS NULL OR ${row}.reliability_graded_at IS NULL`,
      },
      publishedAt: { value: instant('published_at') },
      retrievedAt: { value: instant('retrieved_at') },
      ...stamps,
      publisher: { one: 'Entity', column: 'publisher_id' },
      author: { one: 'Entity', column: 'author_id' },
      attributions: { page: 'Attribution', column: 'source_id' },
    },
  },
  ReliabilityGrade: {
    fields: {
      grade: { value: column('reliability') },
      gradedBy: { value: column('reliability_graded_by') },
      gradedAt: { value: instant('reliability_graded_at') },
    },
  },
};

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
