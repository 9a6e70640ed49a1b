import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { cursorId, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/paging';
import { ANALYSIS_FIELDS, ANALYSIS_ROOTS } from './analysis';
import {
  CONNECTION,
  type Cursor,
  type Filter,
  ID_ORDER,
  MODEL,
  type Model,
  type Order,
  ROOTS,
  type Root,
  type TypeName,
} from './names';

// Issue 21's compiler: a query operation's selection becomes one SQL statement that builds the
// response's `data` as JSON text, keyed by response keys in the order graphql-js would write them.
// The text is concatenated (Json), not built of json values: json_build_object and json_agg copy
// every nested json value they take several times over, which made PostgreSQL's share of a nested
// read several times PostGraphile's.
// The text depends only on the operation (its shape), so it is prepared once; arguments are
// parameters read from each request's variables. What this file does not cover (a field names.ts
// does not list, directives, backward pages, fragments on interfaces) makes the whole operation
// `uncovered`, and the resolvers serve it. All the operation puts into the text are response keys
// (GraphQL names: letters, digits, underscores) and page sizes it writes as integers; every other
// value is a parameter. The statement returns no row when an argument names a record that does not
// exist (an unknown agenda): the resolvers answer that with their error.

export type Variables = Record<string, unknown>;
/** A compiled operation: the statement's text, with `$n` parameters read from the variables by `params[n-1]`. */
export type Plan = {
  /** Returns one row, or none when the resolvers would answer with an error. */
  text: string;
  params: ((variables: Variables) => unknown)[];
  operation: OperationDefinitionNode;
};
export type Uncovered = { uncovered: string };

export class NotCovered extends Error {}
/** Thrown by a parameter reader for an argument the resolvers refuse (a page too large, a bad cursor): they answer it, with their error. */
export class Refused extends Error {}

type Fragments = Record<string, FragmentDefinitionNode>;
/** One response key's field: the first node asked under it, and the selections of every node asked under it. */
export type Asked = { field: FieldNode; key: string; selections: SelectionSetNode['selections'][number][] };

/**
 * The fields a selection set asks of an object of `type`, merged by response key in the order
 * graphql-js collects them. Fragments on `type` or on one of `also` apply; those on one of `others`
 * (the other members of a union, and their interfaces) do not.
 */
export function collect(
  set: SelectionSetNode,
  type: string,
  fragments: Fragments,
  also: readonly string[] = [],
  others: readonly string[] = [],
): Asked[] {
  const byKey = new Map<string, Asked>();
  const visit = (selections: SelectionSetNode['selections']) => {
    for (const s of selections) {
      if (s.directives?.length) throw new NotCovered('directives');
      if (s.kind === Kind.FIELD) {
        const key = (s.alias ?? s.name).value;
        const seen = byKey.get(key);
        if (!seen) byKey.set(key, { field: s, key, selections: [...(s.selectionSet?.selections ?? [])] });
        else if (seen.field.name.value !== s.name.value || s.arguments?.length || seen.field.arguments?.length)
          throw new NotCovered(`${type}.${key} asked twice`);
        else seen.selections.push(...(s.selectionSet?.selections ?? []));
        continue;
      }
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
      if (!fragment) throw new NotCovered('an unknown fragment');
      const on = fragment.typeCondition?.name.value ?? type;
      if (others.includes(on)) continue;
      if (on !== type && !also.includes(on)) throw new NotCovered(`a fragment on ${on} inside ${type}`);
      visit(fragment.selectionSet.selections);
    }
  };
  visit(set.selections);
  return [...byKey.values()];
}

/** The columns of the row `row` that `sql` reads, id first, for a subquery to read no others (a claim's search vector). */
function columnsOf(row: string, sql: string): string {
  const read = new Set(['id']);
  for (const m of sql.matchAll(new RegExp(`(?<![\\w"])${row}\\.(?:"(\\w+)"|(\\w+))`, 'g'))) read.add(m[1] ?? m[2]!);
  read.delete('n_');
  return [...read].map((c) => `x."${c}"`).join(', ');
}

export const subset = (asked: Asked): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: asked.selections });
/** A Prisma-plugin cursor (`GPC:N:<id>`, base64) for the id `id`, in SQL. */
const cursorOf = (id: string) => `encode(convert_to('GPC:N:' || ${id}, 'UTF8'), 'base64')`;

/** A piece of JSON text: written in the statement, or SQL for text that is never null. */
type Piece = { text: string } | { sql: string };
/**
 * JSON text, which an object or a list takes as it is: the concatenation of its pieces, which an
 * object around it splices among its own, so that each nested answer is copied as few times as can be.
 */
export class Json {
  constructor(readonly pieces: Piece[]) {}
  /** JSON text from SQL for text, null for JSON's null. */
  static of(sql: string): Json {
    return new Json([{ sql: `coalesce(${sql}, 'null')` }]);
  }
  /** SQL for the text: the pieces concatenated, neighbouring written ones as one. */
  get sql(): string {
    const merged: Piece[] = [];
    for (const piece of this.pieces) {
      const last = merged.at(-1);
      if (last && 'text' in last && 'text' in piece) merged[merged.length - 1] = { text: last.text + piece.text };
      else merged.push(piece);
    }
    return merged.map((p) => ('text' in p ? `'${p.text.replaceAll("'", "''")}'` : p.sql)).join(' || ') || `''`;
  }
}
/** A field's answer: JSON text, or SQL for a value that to_json writes (a name in quotes, as a string). */
export type Answer = Json | string;
/** The pieces of `answer`'s JSON text. */
const written = (answer: Answer): Piece[] =>
  answer instanceof Json
    ? answer.pieces
    : /^'\w*'$/.test(answer)
      ? [{ text: `"${answer.slice(1, -1)}"` }]
      : [{ sql: `coalesce(to_json(${answer})::text, 'null')` }];

/** SQL: the row `x` comes after the row `c` in `order` (ascending, nulls last, as PostgreSQL and Prisma sort). */
function after(order: Order): string {
  return order
    .map((key, i) => {
      const same = order.slice(0, i).map((k) => `${k('x')} IS NOT DISTINCT FROM ${k('c')}`);
      const later =
        i === order.length - 1
          ? `${key('x')} > ${key('c')}`
          : `(${key('x')} > ${key('c')} OR (${key('x')} IS NULL AND ${key('c')} IS NOT NULL))`;
      return `(${[...same, later].join(' AND ')})`;
    })
    .join(' OR ');
}

/** How a connection's rows are found: `where` (SQL over `x`), in `order`; see Compiler.connection. */
type Rows = {
  type: TypeName;
  where: string;
  order: Order;
  /** How a cursor pages: below the root (resolveCursorConnection) after any id; at the root, see Cursor. */
  cursor: 'any' | Cursor;
  /** The union the connection is a member of, and the types of its other members. */
  union?: { name: string; errors: string[] };
};

export class Compiler {
  readonly params: ((variables: Variables) => unknown)[] = [];
  /** Conditions the resolvers need to answer without error (SQL); the statement has no row unless all hold. */
  readonly checks: string[] = [];
  private aliases = 0;
  constructor(readonly fragments: Fragments) {}

  alias(prefix: string) {
    return `${prefix}${++this.aliases}`;
  }

  /** A parameter of `type`, read from the variables by `read`. */
  param(read: Plan['params'][number], type: string): string {
    this.params.push(read);
    return `$${this.params.length}::${type}`;
  }

  /** How to read an argument's value from the variables (undefined when absent). */
  argument(field: FieldNode, name: string): (variables: Variables) => unknown {
    const node: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
    if (!node || node.kind === Kind.NULL) return () => undefined;
    if (node.kind === Kind.VARIABLE) return (variables) => variables[node.name.value] ?? undefined;
    if (node.kind === Kind.INT) return () => Number(node.value);
    if (node.kind === Kind.STRING || node.kind === Kind.ENUM) return () => node.value;
    throw new NotCovered(`argument ${name}`);
  }

  /** A boolean argument's value, which must be written in the operation (not a variable) to change the SQL. */
  private literal(field: FieldNode, name: string): boolean | undefined {
    const node = field.arguments?.find((a) => a.name.value === name)?.value;
    if (!node || node.kind === Kind.NULL) return undefined;
    if (node.kind !== Kind.BOOLEAN) throw new NotCovered(`argument ${field.name.value}(${name}) not written in`);
    return node.value;
  }

  /**
   * The conditions of the filter arguments asked, over the row `x`; an empty or null one keeps every
   * row. A value the resolvers refuse is Refused, and one naming no record fails the statement's checks.
   */
  private filters(field: FieldNode, filters: Record<string, Filter>): string[] {
    return Object.entries(filters).flatMap(([name, filter]) => {
      if (!field.arguments?.some((a) => a.name.value === name)) return [];
      const read = this.argument(field, name);
      const value = this.param((v) => {
        const given = read(v);
        if (given != null && filter.valid && !filter.valid(given)) throw new Refused();
        // An empty value names no record; any other filter skips it.
        return filter.found ? (given ?? null) : given || null;
      }, filter.type);
      if (filter.found) this.checks.push(filter.found(value));
      return filter.where('x', value);
    });
  }

  private table(type: TypeName): string {
    const { table } = MODEL[type];
    if (!table) throw new Error(`${type} is read from its parent's row`);
    return table;
  }

  /** Refuses arguments other than `allowed`. */
  only(field: FieldNode, allowed: readonly string[]) {
    const other = field.arguments?.find((a) => !allowed.includes(a.name.value));
    if (other) throw new NotCovered(`argument ${field.name.value}(${other.name.value})`);
  }

  /** A JSON object of the asked fields, each answered by `value`. */
  object(asked: Asked[], value: (asked: Asked) => Answer): Json {
    const fields = asked.flatMap((a, i) => [{ text: `${i ? ',' : ''}"${a.key}":` }, ...written(value(a))]);
    return new Json([{ text: '{' }, ...fields, { text: '}' }]);
  }

  /** The object `item` of the one row of `from` (a FROM clause with its conditions), null for none. */
  one(item: Json, from: string): Json {
    return Json.of(`(SELECT ${item.sql} FROM ${from})`);
  }

  /** A JSON list of `item` over the rows of `from` (a FROM clause with its conditions) in `order`. */
  list(item: Json, order: string, from: string): Json {
    // An aggregate's one row, never null.
    return new Json([{ sql: `(SELECT ${this.items(item, order).sql} FROM ${from})` }]);
  }

  /** The aggregate behind a list, in a query's select list: `item` of the rows in `order` that pass `filter` if given; none, an empty list. */
  private items(item: Json, order: string, filter?: string): Json {
    const agg = `string_agg(${item.sql}, ',' ORDER BY ${order})${filter ? ` FILTER (WHERE ${filter})` : ''}`;
    return new Json([{ text: '[' }, { sql: `coalesce(${agg}, '')` }, { text: ']' }]);
  }

  /** A record of `type` as JSON, from the row under `row`. */
  node(set: SelectionSetNode, type: TypeName, row: string): Json {
    const model: Model = MODEL[type];
    return this.object(collect(set, type, this.fragments), (asked) => {
      const { field } = asked;
      const name = field.name.value;
      if (name === '__typename') return `'${type}'`;
      const spec = model.fields[name];
      const analysis = ANALYSIS_FIELDS[type]?.[name];
      if (analysis) return analysis(this, asked, row);
      if (!spec) throw new NotCovered(`${type}.${name}`);
      if ('value' in spec) return spec.value(row);
      if ('page' in spec) {
        const filters = spec.filters ?? {};
        this.only(field, [
          CONNECTION.first,
          CONNECTION.after,
          ...Object.keys(filters),
          ...(spec.wider ? [spec.wider.arg] : []),
        ]);
        const wider = spec.wider && this.literal(field, spec.wider.arg) === true;
        const belongs = wider ? spec.wider!.where(row) : `x."${spec.column}" = ${row}.id`;
        const where = [belongs, ...this.filters(field, filters)].join(' AND ');
        const { order = ID_ORDER, cursor = 'any' } = spec;
        return this.connection(asked, { type: spec.page, where, order, cursor });
      }
      this.only(field, []);
      if ('inline' in spec) {
        const inline = (from: string) =>
          Json.of(
            `CASE WHEN ${spec.absent(from)} THEN NULL ELSE ${this.node(subset(asked), spec.inline, from).sql} END`,
          );
        if (!spec.from) return inline(row);
        const from = this.alias('t');
        return this.one(inline(from), `${spec.from(row)} ${from}`);
      }
      const to = this.alias('r');
      if ('linked' in spec) {
        const link = this.alias('l');
        return this.list(
          this.node(subset(asked), spec.linked, to),
          `${link}."${spec.to}"`,
          `${spec.table} ${link} JOIN ${this.table(spec.linked)} ${to} ON ${to}.id = ${link}."${spec.to}" WHERE ${link}."${spec.from}" = ${row}.id`,
        );
      }
      const table = this.table('one' in spec ? spec.one : spec.list);
      if ('one' in spec)
        return this.one(
          this.node(subset(asked), spec.one, to),
          `${table} ${to} WHERE ${to}.id = ${row}."${spec.column}"`,
        );
      return this.list(
        this.node(subset(asked), spec.list, to),
        `${to}."${spec.order}"`,
        `${table} ${to} WHERE ${to}."${spec.column}" = ${row}.id`,
      );
    });
  }

  /**
   * A connection over the rows `x` of `rows.type` that pass `rows.where`, as the service pages it:
   * `first` (default 20, at most 100) after a cursor (see Rows.cursor), in `rows.order`; an empty
   * page's cursors are null.
   */
  connection(asked: Asked, rows: Rows): Json {
    const { field } = asked;
    const { type, where, order } = rows;
    const table = this.table(type);
    const readFirst = this.argument(field, CONNECTION.first);
    const readAfter = this.argument(field, CONNECTION.after);
    const size = (n: unknown) => {
      if (!Number.isSafeInteger(n) || (n as number) < 1 || (n as number) > MAX_PAGE_SIZE) throw new Refused();
      return n as number;
    };
    const firstNode = field.arguments?.find((a) => a.name.value === CONNECTION.first)?.value;
    // A page size written in the operation goes into the text: PostgreSQL plans a parameter's LIMIT
    // for a tenth of the rows, which can keep it from reusing the statement's plan (see pagedSql).
    let firstWritten: number | undefined;
    if (!firstNode || firstNode.kind === Kind.NULL || firstNode.kind === Kind.INT) {
      try {
        firstWritten = size(readFirst({}) ?? DEFAULT_PAGE_SIZE);
      } catch {
        throw new NotCovered('a page size the resolvers refuse');
      }
    }
    const firstSql = () =>
      firstWritten !== undefined
        ? String(firstWritten)
        : this.param((v) => size(readFirst(v) ?? DEFAULT_PAGE_SIZE), 'int');
    const afterId = (variables: Variables) => {
      const cursor = readAfter(variables);
      if (cursor === undefined) return undefined;
      if (cursor === '') throw new Refused();
      try {
        return cursorId(cursor as string);
      } catch {
        throw new Refused();
      }
    };
    const hasAfter = field.arguments?.some((a) => a.name.value === CONNECTION.after);
    // No cursor in the operation, no condition: a parameter's condition on the id can give PostgreSQL a
    // generic plan that reads every child of a parent and sorts them.
    let afterWhere = '';
    /** The rows skipped before the page (SQL), none without a cursor. */
    let skip = '';
    if (hasAfter) {
      const cursor = () => this.param((v) => afterId(v) ?? null, 'int');
      if (rows.cursor === 'row') {
        // Prisma's cursor in id order: the rows from the cursor's id on, less the first (the cursor's
        // own row when the connection lists it, else the next one).
        if (order.length > 1) throw new Error(`${type}: a cursor naming a row pages in id order`);
        afterWhere = ` AND (${cursor()} IS NULL OR x.id >= (SELECT id FROM ${table} WHERE id = ${cursor()}))`;
        skip = this.param((v) => (afterId(v) === undefined ? 0 : 1), 'int');
      } else {
        afterWhere =
          order.length === 1
            ? ` AND x.id > ${this.param((v) => afterId(v) ?? 0, 'int')}`
            : ` AND (${cursor()} IS NULL OR EXISTS (SELECT 1 FROM ${table} c WHERE c.id = ${cursor()} AND (${after(order)})))`;
        if (rows.cursor === 'listed')
          afterWhere += ` AND (${cursor()} IS NULL OR EXISTS (SELECT 1 FROM ${table} x WHERE x.id = ${cursor()} AND ${where}))`;
      }
    }
    const page = this.alias('p');
    const ordered = order.map((key) => key('x')).join(', ');
    const connectionType = CONNECTION.type(type);
    const edgeType = CONNECTION.edgeType(type);
    const asks = collect(
      subset(asked),
      connectionType,
      this.fragments,
      rows.union ? [rows.union.name] : [],
      rows.union?.errors,
    );
    // Whether there is a next page takes one row past the page, and a rank to tell the page's rows
    // from it; without that question (and in id order), the page is read as the aggregates take it,
    // by id, which its subquery's order gives them without a sort.
    const ranked =
      order.length > 1 ||
      asks.some(
        (p) =>
          p.field.name.value === CONNECTION.pageInfo &&
          collect(subset(p), CONNECTION.pageInfoType, this.fragments).some(
            (i) => i.field.name.value === CONNECTION.hasNextPage,
          ),
      );
    const rank = ranked ? `${page}.n_` : `${page}.id`;
    let readsPage = false;
    /** The condition a row of the page passes, when it has a row past the page. */
    const inPage = () => {
      readsPage = true;
      return ranked ? `${page}.n_ <= ${firstSql()}` : undefined;
    };
    const inPageFilter = () => {
      const filter = inPage();
      return filter ? ` FILTER (WHERE ${filter})` : '';
    };
    /** The page's rows as a JSON list, each made by `item`. */
    const list = (item: Json) => this.items(item, rank, inPage());
    const parts = this.object(asks, (part) => {
      switch (part.field.name.value) {
        case '__typename':
          return `'${connectionType}'`;
        case CONNECTION.totalCount:
          return `(SELECT count(*)::int FROM ${table} x WHERE ${where})`;
        case CONNECTION.nodes:
          return list(this.node(subset(part), type, page));
        case CONNECTION.edges: {
          const edge = this.object(collect(subset(part), edgeType, this.fragments), (e) => {
            if (e.field.name.value === '__typename') return `'${edgeType}'`;
            if (e.field.name.value === CONNECTION.node) return this.node(subset(e), type, page);
            if (e.field.name.value === CONNECTION.cursor) return cursorOf(`${page}.id`);
            throw new NotCovered(`${edgeType}.${e.field.name.value}`);
          });
          return list(edge);
        }
        case CONNECTION.pageInfo:
          return this.object(collect(subset(part), CONNECTION.pageInfoType, this.fragments), (info) => {
            switch (info.field.name.value) {
              case '__typename':
                return `'${CONNECTION.pageInfoType}'`;
              case CONNECTION.hasNextPage:
                readsPage = true;
                return `count(*) > ${firstSql()}`;
              case CONNECTION.hasPreviousPage:
                return hasAfter ? this.param((v) => afterId(v) !== undefined, 'boolean') : 'false';
              case CONNECTION.startCursor:
                readsPage = true;
                return cursorOf(`(array_agg(${page}.id ORDER BY ${rank}))[1]`);
              case CONNECTION.endCursor:
                return cursorOf(`(array_agg(${page}.id ORDER BY ${rank} DESC)${inPageFilter()})[1]`);
              default:
                throw new NotCovered(`${CONNECTION.pageInfoType}.${info.field.name.value}`);
            }
          });
        default:
          throw new NotCovered(`${connectionType}.${part.field.name.value}`);
      }
    });
    // Nothing asked of the page's rows (only a total): no page to read, nor an aggregate to make its rows one.
    if (!readsPage) return parts;
    const ranks = ranked ? `, row_number() OVER (ORDER BY ${ordered})${skip && ` - ${skip}`} AS n_` : '';
    return this.one(
      parts,
      `(SELECT ${columnsOf(page, parts.sql)}${ranks} FROM ${table} x
      WHERE ${where}${afterWhere} ORDER BY ${ordered} LIMIT ${firstSql()}${ranked ? ' + 1' : ''}${skip && ` OFFSET ${skip}`}) ${page}`,
    );
  }

  /** The operation's `data`: an object of its root fields' answers. */
  operation(set: SelectionSetNode): Json {
    return this.object(collect(set, 'Query', this.fragments), (asked) => this.root(asked));
  }

  /** A root field's answer. */
  root(asked: Asked): Answer {
    const { field } = asked;
    if (field.name.value === '__typename') return `'Query'`;
    const analysis = ANALYSIS_ROOTS[field.name.value];
    if (analysis) return analysis(this, asked);
    const spec: Root | undefined = ROOTS[field.name.value];
    if (!spec || !field.selectionSet) throw new NotCovered(`Query.${field.name.value}`);
    if ('one' in spec) {
      this.only(field, [spec.arg]);
      const read = this.argument(field, spec.arg);
      const table = this.table(spec.one);
      const row = this.alias('r');
      const key = this.param(read, 'text');
      const find = spec.find(table, key, (type, derive) => this.param((v) => derive(read(v) as string) ?? null, type));
      return this.one(this.node(subset(asked), spec.one, row), `${table} ${row} WHERE ${row}.id = ${find}`);
    }
    this.only(field, [CONNECTION.first, CONNECTION.after, ...Object.keys(spec.filters)]);
    const where = [spec.where, ...this.filters(field, spec.filters)].join(' AND ');
    return this.connection(asked, {
      type: spec.connection,
      where,
      order: spec.order,
      cursor: spec.cursor,
      union: spec.union,
    });
  }
}

/** The query operation `operationName` names in `document` (the only one when unnamed), or why it is not covered. */
function operationOf(document: DocumentNode, operationName: string | null | undefined) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || (!operationName && operations.length > 1)) throw new NotCovered('no single operation');
  if (operation.operation !== OperationTypeNode.QUERY) throw new NotCovered(operation.operation);
  if (operation.directives?.length) throw new NotCovered('directives');
  return operation;
}

/** One statement whose single row's `data` column is the operation's `data` as JSON text, or why it cannot be. */
export function compile(document: DocumentNode, operationName?: string | null): Plan | Uncovered {
  try {
    const operation = operationOf(document, operationName);
    const fragments: Fragments = Object.fromEntries(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
    );
    const compiler = new Compiler(fragments);
    const data = compiler.operation(operation.selectionSet);
    const checks = compiler.checks.length ? ` WHERE ${compiler.checks.join(' AND ')}` : '';
    return { text: `SELECT (${data.sql})::text AS data${checks}`, params: compiler.params, operation };
  } catch (error) {
    if (error instanceof NotCovered) return { uncovered: error.message };
    throw error;
  }
}
