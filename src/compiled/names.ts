import { madeFor } from '../analysis/statement-filter';
import { agendaIdSql, resolutionNumberIn } from '../analysis/unsc';
import { STANDING } from '../db/standing';
import { Prisma } from '../generated/prisma/client';

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
  | 'ClaimUnscRecord'
  | 'Attribution'
  | 'TextSpan'
  | 'Source'
  | 'ReliabilityGrade'
  | 'UnscDraft'
  | 'UnscVote'
  | 'UnscAgenda'
  | 'UnscMeeting'
  | 'UnscTally';

type Field =
  /** A scalar or enum, as the schema serializes it. */
  | { value: Value }
  /** A to-one relation: `column` of this row holds the related row's id (null for none). */
  | { one: TypeName; column: string }
  /** A plain list of the `type` rows whose `column` holds this row's id, in `order`. */
  | { list: TypeName; column: string; order: string }
  /** A plain list of the `type` rows a link table's `to` names where its `from` holds this row's id, in `to` order. */
  | { linked: TypeName; table: string; from: string; to: string }
  /**
   * An object read from this same row, or from the one row `from` gives (SQL over this row); null
   * where `absent` holds of the row it is read from.
   */
  | { inline: TypeName; absent: Value; from?: Value }
  /**
   * A cursor connection of the `type` rows whose `column` holds this row's id, in `order` (id order
   * without it), that pass the `filters` asked for; with the boolean argument `wider.arg` true, the rows
   * `wider.where` matches instead. Without `cursor`, it pages after any id (resolveCursorConnection's).
   */
  | {
      page: TypeName;
      column: string;
      filters?: Record<string, Filter>;
      wider?: { arg: string; where: Value };
      order?: Order;
      cursor?: Cursor;
    };

/** A connection's order: SQL for each key of a row, ascending, nulls last; the last one is the id. */
export type Order = Value[];

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
export const ID_ORDER: Order = [column('id')];

/**
 * A filter argument: SQL over the row `row` given the argument's parameter `value`, null when the
 * argument is absent or empty (the resolvers skip a filter whose value is falsy). Where the resolvers
 * answer some values with an error, `valid` says which values they take, and `found` is SQL that holds
 * when the record the value names exists (else they answer a NotFoundError; an empty value names none).
 */
export type Filter = {
  type: 'text' | 'int' | `"${string}"`;
  where: (row: string, value: string) => string;
  valid?: (value: unknown) => boolean;
  found?: (value: string) => string;
};
const optionalEquals =
  (name: string) =>
  (row: string, value: string): string =>
    `(${value} IS NULL OR ${row}."${name}" = ${value})`;
/** SQL for the agenda the text `ref` names, as agendaId finds it for the resolvers. */
const agendaOf = (ref: string) => agendaIdSql(Prisma.raw(ref)).text;
/** An `agenda` argument: an unknown agenda is a NotFoundError. */
const agendaFilter = (agendaId: Value): Filter => ({
  type: 'text',
  where: (row, value) => `(${value} IS NULL OR ${agendaId(row)} = ${agendaOf(value)})`,
  found: (value) => `(${value} IS NULL OR ${agendaOf(value)} IS NOT NULL)`,
});

/** A tally's fields and the votes each counts. */
const TALLY = [
  ['yes', 'Y'],
  ['no', 'N'],
  ['abstentions', 'A'],
  ['nonVoting', 'X'],
] as const;

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
      // As the relation's query (src/schema/entity.ts) orders and filters them, paged by Prisma's cursor.
      unscVotes: {
        page: 'UnscVote',
        column: 'member_id',
        order: [(row) => `(SELECT vote_date FROM unsc_draft WHERE id = ${row}.draft_id)`, column('id')],
        cursor: 'listed',
        filters: { agenda: agendaFilter((row) => `(SELECT agenda_id FROM unsc_draft WHERE id = ${row}.draft_id)`) },
      },
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
      unscRecords: { list: 'ClaimUnscRecord', column: 'claim_id', order: 'draft_id' },
    },
  },
  Attribution: {
    // Only standing statements are answered (src/db/standing.ts).
    table: STANDING.attribution,
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
  UnscDraft: {
    table: 'unsc_draft',
    fields: {
      id: { value: globalId('UnscDraft') },
      ...columns('key', 'symbol', 'title', 'outcome'),
      resolutionNumber: { value: column('resolution_number') },
      submittedAt: { value: day('submitted_at') },
      voteDate: { value: day('vote_date') },
      agenda: { one: 'UnscAgenda', column: 'agenda_id' },
      meeting: { one: 'UnscMeeting', column: 'meeting_id' },
      sponsors: { linked: 'Entity', table: 'unsc_draft_sponsor', from: 'draft_id', to: 'sponsor_id' },
      votes: { list: 'UnscVote', column: 'draft_id', order: 'member_id' },
      claims: { list: 'ClaimUnscRecord', column: 'draft_id', order: 'claim_id' },
      // Counted from the votes, as tally (src/rules/unsc-charter.ts) counts them; null without votes.
      tally: {
        inline: 'UnscTally',
        from: (row) =>
          `(SELECT count(*) AS votes, ${TALLY.map(([name, cast]) => `count(*) FILTER (WHERE v.vote = '${cast}') AS "${name}"`).join(', ')}
            FROM unsc_vote v WHERE v.draft_id = ${row}.id)`,
        absent: (row) => `${row}.votes = 0`,
      },
    },
  },
  ClaimUnscRecord: {
    table: 'claim_unsc_record',
    fields: {
      ...columns('support', 'note'),
      draft: { one: 'UnscDraft', column: 'draft_id' },
      claim: { one: 'Claim', column: 'claim_id' },
    },
  },
  UnscVote: {
    table: 'unsc_vote',
    fields: {
      ...columns('vote'),
      draft: { one: 'UnscDraft', column: 'draft_id' },
      member: { one: 'Entity', column: 'member_id' },
    },
  },
  UnscAgenda: {
    table: 'unsc_agenda',
    fields: {
      id: { value: globalId('UnscAgenda') },
      ...columns('key', 'name'),
      aliases: {
        value: (row) =>
          `(SELECT coalesce(json_agg(a.name ORDER BY a.id), '[]'::json) FROM unsc_agenda_alias a WHERE a.agenda_id = ${row}.id)`,
      },
    },
  },
  UnscMeeting: {
    table: 'unsc_meeting',
    fields: { recordSymbol: { value: column('record_symbol') }, date: { value: day('date') } },
  },
  UnscTally: { fields: Object.fromEntries(TALLY.map(([name]) => [name, { value: column(name) }])) },
};

/**
 * How a root connection pages after a cursor, as Prisma does: by a `row` of the table in id order
 * (the Prisma plugin's connections: the rows from it on, less one), or only after a row it `listed`
 * (Prisma's cursor over another order, prismaPage: an empty page for any other).
 */
export type Cursor = 'row' | 'listed';

/** A parameter holding `derive` of the argument's value (the value itself without it), as SQL of `type`. */
type Derived = (type: string, derive: (value: string) => unknown) => string;

export type Root =
  /** One record found by a text argument; `find` is the SQL for its id, or null, given the value's parameter. */
  | { one: TypeName; arg: string; find: (table: string, value: string, derived: Derived) => string }
  /**
   * A connection over the table: rows that pass `where` and the filters, in `order` (cursors are by id). With `union`, the field's type is that union of the
   * connection and `errors` (its other members and their interfaces), which the resolvers answer.
   */
  | {
      connection: TypeName;
      where: string;
      order: Order;
      cursor: Cursor;
      filters: Record<string, Filter>;
      union?: { name: string; errors: string[] };
    };

/** The root fields covered, as the resolvers in src/schema/ answer them. */
export const ROOTS: Record<string, Root> = {
  // A merged entity's key resolves to the entity it was merged into (survivorIdByKey, src/curation/merge.ts).
  entity: {
    one: 'Entity',
    arg: 'key',
    find: (table, key) => `(SELECT coalesce(merged_into_id, id) FROM ${table} WHERE key = ${key})`,
  },
  claim: { one: 'Claim', arg: 'key', find: (table, key) => `(SELECT id FROM ${table} WHERE key = ${key})` },
  // A draft by key, symbol or resolution number, as the resolver finds it.
  unscDraft: {
    one: 'UnscDraft',
    arg: 'key',
    find: (table, key, derived) =>
      `(SELECT id FROM ${table} WHERE symbol = ${key} OR key = ${key} OR resolution_number = ${derived('int', resolutionNumberIn)} LIMIT 1)`,
  },
  source: { one: 'Source', arg: 'key', find: (table, key) => `(SELECT id FROM ${table} WHERE key = ${key})` },
  entities: {
    connection: 'Entity',
    where: 'merged_into_id IS NULL',
    order: ID_ORDER,
    cursor: 'row',
    filters: { kind: { type: '"EntityKind"', where: optionalEquals('kind') } },
  },
  sources: {
    connection: 'Source',
    where: 'TRUE',
    order: ID_ORDER,
    cursor: 'row',
    filters: { kind: { type: '"SourceKind"', where: optionalEquals('kind') } },
  },
  claims: {
    connection: 'Claim',
    where: 'TRUE',
    order: ID_ORDER,
    cursor: 'row',
    filters: {
      predicate: { type: 'text', where: optionalEquals('predicate') },
      modality: { type: '"Modality"', where: optionalEquals('modality') },
    },
  },
  attributions: { connection: 'Attribution', where: 'TRUE', order: ID_ORDER, cursor: 'row', filters: {} },
  // As draftFilter (src/schema/unsc.ts) filters them; the entity a draft concerns is found by its own key.
  unscDrafts: {
    connection: 'UnscDraft',
    where: 'TRUE',
    order: [column('vote_date'), column('id')],
    cursor: 'listed',
    union: { name: 'QueryUnscDraftsResult', errors: ['InputValidationError', 'NotFoundError', 'Error'] },
    filters: {
      agenda: agendaFilter((row) => `${row}.agenda_id`),
      outcome: { type: '"UnscOutcome"', where: optionalEquals('outcome') },
      year: {
        type: 'int',
        where: (row, year) =>
          `(${year} IS NULL OR (${row}.vote_date >= make_date(${year}, 1, 1) AND ${row}.vote_date < make_date(${year} + 1, 1, 1)))`,
        valid: (year) => typeof year === 'number' && year >= 1946 && year <= 2200,
      },
      concerning: {
        type: 'text',
        where: (row, key) =>
          `(${key} IS NULL OR EXISTS (SELECT 1 FROM unsc_draft_concern c WHERE c.draft_id = ${row}.id AND c.entity_id = (SELECT id FROM entity WHERE key = ${key})))`,
        found: (key) => `(${key} IS NULL OR EXISTS (SELECT 1 FROM entity WHERE key = ${key}))`,
      },
    },
  },
};

/** The names of a Relay connection's parts, and of the types of a connection of `node`s and its edges. */
export const CONNECTION = {
  type: (node: TypeName) => `${node}Connection`,
  edgeType: (node: TypeName) => `${node}Edge`,
  pageInfoType: 'PageInfo',
  totalCount: 'totalCount',
  edges: 'edges',
  nodes: 'nodes',
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
