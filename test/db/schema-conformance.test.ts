import fs from 'node:fs/promises';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import pg from 'pg';
import { STANDING } from '../../src/db/standing';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Prisma's schema engine (which would run `prisma migrate diff`) cannot be downloaded here, so this
// test compares the DMMF of schema.prisma with the catalog of a database built by our migrations.

type Dmmf = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
type Field = Dmmf['models'][number]['fields'][number];

let db: TestDatabase;
let client: pg.Client;
let dmmf: Dmmf;
let unsupported: UnsupportedField[];
let predicates: Predicate[];

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const datamodel = await fs.readFile(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  dmmf = (await getDMMF({ datamodel })).datamodel;
  unsupported = unsupportedFields(datamodel);
  predicates = indexPredicates(datamodel);
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

type UnsupportedField = { model: string; name: string; column: string; type: string; optional: boolean };

/** Each model of the schema's text: its name and body. */
const models = (schema: string) => [...schema.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)];

/** The DMMF leaves out fields of types Prisma does not support (the generated search vectors), so they are read from the schema's text. */
function unsupportedFields(schema: string): UnsupportedField[] {
  return models(schema).flatMap(([, model, body]) =>
    [...body!.matchAll(/^ +(\w+) +Unsupported\("([^"]+)"\)(\?)?(?:.*@map\("(\w+)"\))?/gm)].map(
      ([, name, type, optional, column]) => ({
        model: model!,
        name: name!,
        type: type!,
        optional: optional === '?',
        column: column ?? name!,
      }),
    ),
  );
}

type Predicate = { model: string; fields: string[]; nullField: string };

/**
 * The DMMF leaves out a partial index's `where` (preview feature partialIndexes), so it is read from the
 * schema's text; the one form used, `where: { field: null }`, is read, and any other leaves the index
 * without a predicate here, so the comparison with the database fails until it is read too.
 */
function indexPredicates(schema: string): Predicate[] {
  return models(schema).flatMap(([, model, body]) =>
    [...body!.matchAll(/^ +@@(?:unique|index)\(\[([^\]]+)\].*where: \{ (\w+): null \}/gm)].map(([, fields, field]) => ({
      model: model!,
      fields: fields!.split(',').map((f) => f.trim()),
      nullField: field!,
    })),
  );
}

const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  (await client.query<T>(sql, params)).rows;
const tableOf = (model: string) => {
  const m = dmmf.models.find((x) => x.name === model)!;
  return m.dbName ?? m.name;
};
const columnOf = (model: string, field: string) => {
  const f = dmmf.models.find((x) => x.name === model)!.fields.find((x) => x.name === field);
  return f ? (f.dbName ?? f.name) : unsupported.find((u) => u.model === model && u.name === field)!.column;
};

function expectedType(field: Field): string {
  const [native, args] = (field.nativeType as [string, string[]] | null | undefined) ?? [];
  if (field.isList) return `${expectedType({ ...field, isList: false })}[]`;
  if (field.kind === 'enum') return `"${field.type}"`;
  switch (field.type) {
    case 'Int':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'boolean';
    case 'Float':
      return 'double precision';
    case 'Json':
      return 'jsonb';
    case 'String':
      return native === 'Char' ? `character(${args![0]})` : 'text';
    case 'Decimal':
      return `numeric(${args!.join(',')})`;
    case 'DateTime':
      if (native === 'Date') return 'date';
      return native === 'Timestamptz' ? `timestamp(${args![0]}) with time zone` : 'timestamp(3) without time zone';
    default:
      throw new Error(`no mapping for ${field.type}`);
  }
}

function expectedDefault(field: Field, table: string): string | null {
  const d = field.default as { name: string; args: unknown[] } | string | number | boolean | [] | undefined;
  if (d === undefined) return null;
  if (Array.isArray(d) && d.length === 0) return `ARRAY[]::${expectedType(field)}`;
  if (typeof d === 'object') {
    if (d.name === 'autoincrement') return `nextval('${table}_${field.dbName ?? field.name}_seq'::regclass)`;
    if (d.name === 'now') return 'CURRENT_TIMESTAMP';
    if (d.name === 'dbgenerated') return String(d.args[0]);
    throw new Error(`no mapping for the default ${d.name}()`);
  }
  if (field.kind === 'enum') return `'${String(d)}'::"${field.type}"`;
  if (typeof d === 'string') return `'${d}'::text`;
  return String(d);
}

test('every model is a table with exactly its columns, types, nullability and defaults', async () => {
  const tables = await q<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
  );
  expect(tables.map((t) => t.tablename).toSorted()).toEqual(dmmf.models.map((m) => m.dbName ?? m.name).toSorted());
  for (const model of dmmf.models) {
    const table = model.dbName ?? model.name;
    const columns = await q<{ name: string; type: string; notnull: boolean; default: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [`"${table}"`],
    );
    const scalars = model.fields.filter((f) => f.kind !== 'object');
    const others = unsupported.filter((u) => u.model === model.name);
    expect({ table, columns: columns.map((c) => c.name).toSorted() }).toEqual({
      table,
      columns: [...scalars.map((f) => f.dbName ?? f.name), ...others.map((u) => u.column)].toSorted(),
    });
    for (const field of others) {
      const column = columns.find((c) => c.name === field.column)!;
      expect({ column: `${table}.${column.name}`, type: column.type, notnull: column.notnull }).toEqual({
        column: `${table}.${field.column}`,
        type: field.type,
        notnull: !field.optional,
      });
    }
    for (const field of scalars) {
      const column = columns.find((c) => c.name === (field.dbName ?? field.name))!;
      expect({
        column: `${table}.${column.name}`,
        type: column.type,
        notnull: column.notnull,
        default: column.default,
      }).toEqual({
        column: `${table}.${column.name}`,
        type: expectedType(field),
        notnull: field.isRequired,
        default: expectedDefault(field, table),
      });
    }
  }
});

test('every enum has exactly the values of schema.prisma', async () => {
  const rows = await q<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(
    Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)])),
  );
});

// Indexes on expressions (names' full-text search, change-log owners), which schema.prisma cannot
// state; the migrations that create them say why.
const EXPRESSION_INDEXES = [
  'change_log_claim_idx',
  'change_log_derived_idx',
  'change_log_entity_idx',
  'change_log_holder_idx',
  'entity_alias_name_search_idx',
  'entity_name_search_idx',
];

test('primary keys, unique, plain and partial indexes match, with the names Prisma gives them', async () => {
  const actual = await q<{
    name: string;
    table: string;
    unique: boolean;
    primary: boolean;
    columns: string[];
    method: string;
    where: string | null;
  }>(
    `SELECT ic.relname AS name, tc.relname AS table, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
            pg_get_expr(i.indpred, i.indrelid) AS "where",
            array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_am am ON am.oid = ic.relam JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = 'public' AND tc.relname <> '_prisma_migrations'`,
  );
  const expected = dmmf.indexes.map((index) => {
    const table = tableOf(index.model);
    const columns = index.fields.map((f) => columnOf(index.model, f.name));
    const suffix = { id: 'pkey', unique: 'key', normal: 'idx', fulltext: 'idx' }[index.type];
    const predicate = predicates.find(
      (p) => p.model === index.model && p.fields.join() === index.fields.map((f) => f.name).join(),
    );
    return {
      name: index.dbName ?? (index.type === 'id' ? `${table}_pkey` : `${table}_${columns.join('_')}_${suffix}`),
      table,
      unique: index.type !== 'normal',
      primary: index.type === 'id',
      columns,
      method: (index.algorithm ?? 'BTree').toLowerCase(),
      where: predicate ? `(${columnOf(index.model, predicate.nullField)} IS NULL)` : null,
    };
  });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const expressions = actual.filter((i) => EXPRESSION_INDEXES.includes(i.name));
  expect(expressions.map((i) => i.name).toSorted()).toEqual(EXPRESSION_INDEXES);
  expect(actual.filter((i) => !EXPRESSION_INDEXES.includes(i.name)).toSorted(byName)).toEqual(
    expected.toSorted(byName),
  );
});

test('every relation is a foreign key on the same columns with the same referential actions', async () => {
  const actual = await q<{
    name: string;
    table: string;
    columns: string[];
    target: string;
    targetColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
            array(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o)::text[] AS columns,
            array(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o)::text[] AS "targetColumns",
            c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
       FROM pg_constraint c WHERE c.contype = 'f'`,
  );
  const action = { Restrict: 'r', Cascade: 'c', SetNull: 'n', NoAction: 'a', SetDefault: 'd' } as const;
  const expected = dmmf.models.flatMap((model) =>
    model.fields
      .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
      .map((f) => {
        const table = model.dbName ?? model.name;
        const columns = f.relationFromFields!.map((name) => columnOf(model.name, name));
        const onDelete =
          (f.relationOnDelete as keyof typeof action | undefined) ?? (f.isRequired ? 'Restrict' : 'SetNull');
        return {
          name: `${table}_${columns.join('_')}_fkey`,
          table,
          columns,
          target: tableOf(f.type),
          targetColumns: f.relationToFields!.map((name) => columnOf(f.type, name)),
          onDelete: action[onDelete],
          onUpdate: action.Cascade,
        };
      }),
  );
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect(actual.toSorted(byName)).toEqual(expected.toSorted(byName));
});

test('the views of the standing rows are the ones src/db/standing.ts names, each with every column of its table', async () => {
  const views = await q<{ viewname: string }>("SELECT viewname FROM pg_views WHERE schemaname = 'public'");
  expect(views.map((v) => v.viewname).toSorted()).toEqual(Object.values(STANDING).toSorted());
  // `*` in a view is expanded when it is created: a column added to the table later must be added to it too.
  const columns = async (relation: string) =>
    (
      await q<{ name: string }>(
        'SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
        [relation],
      )
    ).map((c) => c.name);
  for (const view of Object.values(STANDING)) {
    const table = view.replace(/^standing_/, '');
    expect({ view, columns: await columns(view) }).toEqual({ view, columns: await columns(table) });
  }
});
