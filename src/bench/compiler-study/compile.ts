import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionSetNode, type ValueNode } from 'graphql';
import { MODEL, type Model, ROOTS, type TypeName } from './model';

// A prototype of issue 21's compiler: one root field's selection (a connection of entities, their
// claims, the claims' attributions and sources) becomes one SQL statement that builds the field's
// answer as JSON, in the shape GraphQL will return it. The text depends only on the query's shape, so
// it is prepared once per shape; arguments become parameters read from the request's variables.
// Selections it does not cover come back as `uncovered`, for the caller to serve another way.

type Variables = Record<string, unknown>;
export type Compiled = { text: string; params: ((variables: Variables) => unknown)[] };
export type Uncovered = { uncovered: string };
/**
 * How the JSON is keyed: by field name, for GraphQL resolvers that read `parent[fieldName]`; or by
 * response key (aliases), when the JSON is the response itself.
 */
export type KeyBy = 'field' | 'response';

class NotCovered extends Error {}
const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

/** The fields a selection set asks of `type`, fragments flattened; what this prototype cannot flatten is uncovered. */
function fieldsOf(set: SelectionSetNode, type: string, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  return set.selections.flatMap((s) => {
    if (s.directives?.length) throw new NotCovered('directives');
    if (s.kind === Kind.FIELD) return [s];
    const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments[s.name.value];
    if (!fragment) throw new NotCovered(`fragment ${s.kind === Kind.FRAGMENT_SPREAD ? s.name.value : ''}`);
    if (fragment.typeCondition && fragment.typeCondition.name.value !== type)
      throw new NotCovered(`a fragment on ${fragment.typeCondition.name.value} inside ${type}`);
    return fieldsOf(fragment.selectionSet, type, fragments);
  });
}

class Compiler {
  readonly params: Compiled['params'] = [];
  private aliases = 0;
  constructor(
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly keyBy: KeyBy,
  ) {}

  private param(read: (variables: Variables) => unknown, type: 'int' | 'text'): string {
    this.params.push(read);
    return `$${this.params.length}::${type}`;
  }

  private argument(field: FieldNode, name: string): (variables: Variables) => unknown {
    const node: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
    if (!node || node.kind === Kind.NULL) return () => undefined;
    if (node.kind === Kind.VARIABLE) return (variables) => variables[node.name.value] ?? undefined;
    if (node.kind === Kind.INT) return () => Number(node.value);
    if (node.kind === Kind.STRING) return () => node.value;
    throw new NotCovered(`argument ${name}`);
  }

  /** JSON pairs for each field, keyed as `keyBy` says; a key asked twice is not covered. */
  private object(set: SelectionSetNode, type: string, value: (field: FieldNode) => string): string {
    const seen = new Set<string>();
    const pairs = fieldsOf(set, type, this.fragments).map((field) => {
      const key = this.keyBy === 'field' ? field.name.value : (field.alias ?? field.name).value;
      if (seen.has(key)) throw new NotCovered(`${type}.${key} asked twice`);
      seen.add(key);
      return `'${key}', ${value(field)}`;
    });
    return `json_build_object(${pairs.join(', ')})`;
  }

  /** A record of `type` as JSON, from the row under `alias`. */
  node(set: SelectionSetNode, type: TypeName, alias: string): string {
    const model: Model = MODEL[type];
    return this.object(set, type, (field) => {
      const name = field.name.value;
      if (name === '__typename') return `'${type}'`;
      if (name in model.scalars) return `${alias}.${model.scalars[name]}`;
      const relation = model.relations[name];
      if (!relation || !field.selectionSet) throw new NotCovered(`${type}.${name}`);
      if ('many' in relation) return this.connection(field, relation.many, `${relation.column} = ${alias}.id`);
      const to = `r${++this.aliases}`;
      return `(SELECT ${this.node(field.selectionSet, relation.one, to)} FROM ${MODEL[relation.one].table} ${to} WHERE ${to}.id = ${alias}.${relation.column})`;
    });
  }

  /** A connection over the rows of `type` that match `where`: a keyset page in id order. */
  connection(field: FieldNode, type: TypeName, where: string, nested = true): string {
    if (field.arguments?.some((a) => a.name.value === 'last' || a.name.value === 'before'))
      throw new NotCovered('backward pages');
    const { table } = MODEL[type];
    const page = `p${++this.aliases}`;
    const readFirst = this.argument(field, 'first');
    const readAfter = this.argument(field, 'after');
    const first = this.param((variables) => {
      const n = readFirst(variables) ?? DEFAULT_PAGE;
      if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_PAGE)
        throw new RangeError(`first must be 0 to ${MAX_PAGE}`);
      return n;
    }, 'int');
    const after = this.param((variables) => {
      const cursor = readAfter(variables);
      return cursor === undefined ? 0 : parsePrismaCursor(cursor);
    }, 'int');
    const cursorOf = (id: string) => `encode(convert_to('GPC:N:' || ${id}, 'UTF8'), 'base64')`;
    const fields = this.object(field.selectionSet!, 'Connection', (part) => {
      switch (part.name.value) {
        case 'totalCount':
          return `(SELECT count(*) FROM ${table} WHERE ${where})`;
        case 'edges': {
          const edge = this.object(part.selectionSet!, 'Edge', (f) => {
            if (f.name.value === 'node') return this.node(f.selectionSet!, type, page);
            if (f.name.value === 'cursor') return cursorOf(`${page}.id`);
            throw new NotCovered(`Edge.${f.name.value}`);
          });
          return `coalesce(json_agg(${edge} ORDER BY ${page}.id), '[]')`;
        }
        case 'pageInfo':
          return this.object(part.selectionSet!, 'PageInfo', (f) => {
            // As the service answers an empty page's end cursor: null at the root (the Prisma plugin's
            // connections), '' below it (resolveCursorConnection).
            if (f.name.value === 'endCursor')
              return `coalesce(${cursorOf(`max(${page}.id)`)}, ${nested ? "''" : 'NULL'})`;
            if (f.name.value === 'hasNextPage')
              return `EXISTS (SELECT 1 FROM ${table} WHERE ${where} AND id > coalesce(max(${page}.id), ${after}))`;
            throw new NotCovered(`PageInfo.${f.name.value}`);
          });
        default:
          throw new NotCovered(`Connection.${part.name.value}`);
      }
    });
    return `(SELECT ${fields} FROM (SELECT * FROM ${table} WHERE ${where} AND id > ${after} ORDER BY id LIMIT ${first}) ${page})`;
  }
}

/**
 * One statement for root fields (connections named in ROOTS): a field's nodes, or a whole query's
 * selection. Its one row's `data` column is an object of the fields' answers, keyed as `keyBy` says.
 */
export function compile(
  root: readonly FieldNode[] | SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  keyBy: KeyBy,
): Compiled | Uncovered {
  const compiler = new Compiler(fragments, keyBy);
  try {
    const fields = 'selections' in root ? fieldsOf(root, 'Query', fragments) : root;
    const pairs = fields.map((field) => {
      const listed = ROOTS[field.name.value];
      if (!listed || !field.selectionSet) throw new NotCovered(`Query.${field.name.value}`);
      const key = keyBy === 'field' ? field.name.value : (field.alias ?? field.name).value;
      return `'${key}', ${compiler.connection(field, listed.type, listed.where, false)}`;
    });
    return { text: `SELECT json_build_object(${pairs.join(', ')}) AS data`, params: compiler.params };
  } catch (error) {
    if (error instanceof NotCovered) return { uncovered: error.message };
    throw error;
  }
}
