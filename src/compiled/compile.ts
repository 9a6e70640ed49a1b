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
import { CONNECTION, type Filter, MODEL, type Model, ROOTS, type Root, type TypeName } from './names';

// Issue 21's compiler: a query operation's selection becomes one SQL statement that builds the
// response's `data` as JSON text, keyed by response keys in the order graphql-js would write them.
// The text depends only on the operation (its shape), so it is prepared once; arguments are
// parameters read from each request's variables. What this file does not cover (a field names.ts
// does not list, directives, backward pages, fragments on interfaces) makes the whole operation
// `uncovered`, and the resolvers serve it. All the operation puts into the text are response keys
// (GraphQL names: letters, digits, underscores) and page sizes it writes as integers; every other
// value is a parameter.

export type Variables = Record<string, unknown>;
/** A compiled operation: the statement's text, with `$n` parameters read from the variables by `params[n-1]`. */
export type Plan = {
  text: string;
  params: ((variables: Variables) => unknown)[];
  operation: OperationDefinitionNode;
};
export type Uncovered = { uncovered: string };

class NotCovered extends Error {}
/** Thrown by a parameter reader for an argument the resolvers refuse (a page too large, a bad cursor): they answer it, with their error. */
export class Refused extends Error {}

type Fragments = Record<string, FragmentDefinitionNode>;
/** One response key's field: the first node asked under it, and the selections of every node asked under it. */
type Asked = { field: FieldNode; key: string; selections: SelectionSetNode['selections'][number][] };

/** The fields a selection set asks of `type`, merged by response key in the order graphql-js collects them. */
function collect(set: SelectionSetNode, type: string, fragments: Fragments): Asked[] {
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
      if (fragment.typeCondition && fragment.typeCondition.name.value !== type)
        throw new NotCovered(`a fragment on ${fragment.typeCondition.name.value} inside ${type}`);
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

const subset = (asked: Asked): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: asked.selections });
/** A Prisma-plugin cursor (`GPC:N:<id>`, base64) for the id `id`, in SQL. */
const cursorOf = (id: string) => `encode(convert_to('GPC:N:' || ${id}, 'UTF8'), 'base64')`;
/** json_build_object takes at most 100 arguments. */
const MAX_KEYS = 50;

class Compiler {
  readonly params: ((variables: Variables) => unknown)[] = [];
  private aliases = 0;
  constructor(private readonly fragments: Fragments) {}

  private alias(prefix: string) {
    return `${prefix}${++this.aliases}`;
  }

  /** A parameter of `type`, read from the variables by `read`. */
  private param(read: Plan['params'][number], type: string): string {
    this.params.push(read);
    return `$${this.params.length}::${type}`;
  }

  /** How to read an argument's value from the variables (undefined when absent). */
  private argument(field: FieldNode, name: string): (variables: Variables) => unknown {
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

  /** The conditions of the filter arguments asked, over the row `x`; an empty or null one keeps every row. */
  private filters(field: FieldNode, filters: Record<string, Filter>): string[] {
    return Object.entries(filters).flatMap(([name, filter]) => {
      if (!field.arguments?.some((a) => a.name.value === name)) return [];
      const read = this.argument(field, name);
      return filter.where(
        'x',
        this.param((v) => read(v) || null, filter.type),
      );
    });
  }

  private table(type: TypeName): string {
    const { table } = MODEL[type];
    if (!table) throw new Error(`${type} is read from its parent's row`);
    return table;
  }

  /** Refuses arguments other than `allowed`. */
  private only(field: FieldNode, allowed: readonly string[]) {
    const other = field.arguments?.find((a) => !allowed.includes(a.name.value));
    if (other) throw new NotCovered(`argument ${field.name.value}(${other.name.value})`);
  }

  /** A JSON object of the asked fields, each answered by `value`. */
  private object(asked: Asked[], value: (asked: Asked) => string): string {
    if (asked.length > MAX_KEYS) throw new NotCovered('more than 50 fields in one object');
    return `json_build_object(${asked.map((a) => `'${a.key}', ${value(a)}`).join(', ')})`;
  }

  /** A record of `type` as JSON, from the row under `row`. */
  node(set: SelectionSetNode, type: TypeName, row: string): string {
    const model: Model = MODEL[type];
    return this.object(collect(set, type, this.fragments), (asked) => {
      const { field } = asked;
      const name = field.name.value;
      if (name === '__typename') return `'${type}'`;
      const spec = model.fields[name];
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
        return this.connection(asked, spec.page, [belongs, ...this.filters(field, filters)].join(' AND '), 'id', false);
      }
      this.only(field, []);
      if ('inline' in spec)
        return `CASE WHEN ${spec.absent(row)} THEN NULL ELSE ${this.node(subset(asked), spec.inline, row)} END`;
      const to = this.alias('r');
      const table = this.table('one' in spec ? spec.one : spec.list);
      if ('one' in spec)
        return `(SELECT ${this.node(subset(asked), spec.one, to)} FROM ${table} ${to} WHERE ${to}.id = ${row}."${spec.column}")`;
      return `(SELECT coalesce(json_agg(${this.node(subset(asked), spec.list, to)} ORDER BY ${to}."${spec.order}"), '[]'::json) FROM ${table} ${to} WHERE ${to}."${spec.column}" = ${row}.id)`;
    });
  }

  /**
   * A connection over the rows `x` of `type` that pass `where` (SQL over `x`), as the service pages
   * it: `first` (default 20, at most 100) after a cursor, in `order`; an empty page's cursors are null.
   * At the root the Prisma plugin's connection answers (a cursor must name a row); below it
   * resolveCursorConnection's.
   */
  connection(asked: Asked, type: TypeName, where: string, order: string, root: boolean): string {
    const { field } = asked;
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
    const after = (variables: Variables) => {
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
    // Prisma pages after a cursor in the order asked for; only id order reads as `id > cursor`.
    if (hasAfter && order !== 'id') throw new NotCovered(`${field.name.value}(after) in ${order} order`);
    // No cursor in the operation, no condition: a parameter's condition on the id can give PostgreSQL a
    // generic plan that reads every child of a parent and sorts them.
    const afterWhere = !hasAfter
      ? ''
      : root
        ? ` AND x.id > ${this.param((v) => after(v) ?? 0, 'int')} AND (${this.param((v) => after(v) ?? null, 'int')} IS NULL OR EXISTS (SELECT 1 FROM ${table} WHERE id = ${this.param((v) => after(v) ?? null, 'int')}))`
        : ` AND x.id > ${this.param((v) => after(v) ?? 0, 'int')}`;
    const page = this.alias('p');
    let readsPage = false;
    const inPage = () => {
      readsPage = true;
      return `${page}.n_ <= ${firstSql()}`;
    };
    const ordered = order
      .split(', ')
      .map((c) => `x."${c}"`)
      .join(', ');
    const parts = this.object(collect(subset(asked), 'Connection', this.fragments), (part) => {
      switch (part.field.name.value) {
        case CONNECTION.totalCount:
          return `(SELECT count(*)::int FROM ${table} x WHERE ${where})`;
        case CONNECTION.edges: {
          const edge = this.object(collect(subset(part), 'Edge', this.fragments), (e) => {
            if (e.field.name.value === CONNECTION.node) return this.node(subset(e), type, page);
            if (e.field.name.value === CONNECTION.cursor) return cursorOf(`${page}.id`);
            throw new NotCovered(`Edge.${e.field.name.value}`);
          });
          return `coalesce(json_agg(${edge} ORDER BY ${page}.n_) FILTER (WHERE ${inPage()}), '[]'::json)`;
        }
        case CONNECTION.pageInfo:
          return this.object(collect(subset(part), 'PageInfo', this.fragments), (info) => {
            switch (info.field.name.value) {
              case CONNECTION.hasNextPage:
                readsPage = true;
                return `count(*) > ${firstSql()}`;
              case CONNECTION.hasPreviousPage:
                return hasAfter ? this.param((v) => after(v) !== undefined, 'boolean') : 'false';
              case CONNECTION.startCursor:
                readsPage = true;
                return cursorOf(`(array_agg(${page}.id ORDER BY ${page}.n_))[1]`);
              case CONNECTION.endCursor:
                return cursorOf(`(array_agg(${page}.id ORDER BY ${page}.n_ DESC) FILTER (WHERE ${inPage()}))[1]`);
              default:
                throw new NotCovered(`PageInfo.${info.field.name.value}`);
            }
          });
        default:
          throw new NotCovered(`Connection.${part.field.name.value}`);
      }
    });
    // Nothing asked of the page's rows (only a total): no page to read, nor an aggregate to make its rows one.
    if (!readsPage) return parts;
    // One row past the page says whether there is a next page.
    return `(SELECT ${parts} FROM (SELECT ${columnsOf(page, parts)}, row_number() OVER (ORDER BY ${ordered}) AS n_ FROM ${table} x
      WHERE ${where}${afterWhere} ORDER BY ${ordered} LIMIT ${firstSql()} + 1) ${page})`;
  }

  /** The operation's `data`: an object of its root fields' answers. */
  operation(set: SelectionSetNode): string {
    return this.object(collect(set, 'Query', this.fragments), (asked) => this.root(asked));
  }

  /** A root field's answer. */
  root(asked: Asked): string {
    const { field } = asked;
    if (field.name.value === '__typename') return `'Query'`;
    const spec: Root | undefined = ROOTS[field.name.value];
    if (!spec || !field.selectionSet) throw new NotCovered(`Query.${field.name.value}`);
    if ('one' in spec) {
      this.only(field, [spec.arg]);
      const read = this.argument(field, spec.arg);
      const table = this.table(spec.one);
      const row = this.alias('r');
      const key = this.param(read, 'text');
      return `(SELECT ${this.node(subset(asked), spec.one, row)} FROM ${table} ${row} WHERE ${row}.id = ${spec.find(table, key)})`;
    }
    this.only(field, [CONNECTION.first, CONNECTION.after, ...Object.keys(spec.filters)]);
    const where = [spec.where, ...this.filters(field, spec.filters)].join(' AND ');
    return this.connection(asked, spec.connection, where, spec.order, true);
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
    return { text: `SELECT ${data}::text AS data`, params: compiler.params, operation };
  } catch (error) {
    if (error instanceof NotCovered) return { uncovered: error.message };
    throw error;
  }
}
