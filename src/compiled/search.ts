import { Kind, type SelectionSetNode } from 'graphql';
import { queryWords, SEARCH_ORDER, SEARCH_TYPES, type SearchType, searchStatement, TABLES } from '../analysis/search';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/paging';
import { type Asked, type Compiler, collect, Json, NotCovered, Refused, subset, type Variables } from './compile';
import { resultObject } from './result-union';

/** The resolvers' headline (safeHeadline in src/schema/analysis.ts), in SQL: the text escaped, PostgreSQL's <b> marks kept. */
export const safeHeadline = (headline: string) =>
  `replace(replace(replace(replace(replace(${headline}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '&lt;b&gt;', '<b>'), '&lt;/b&gt;', '</b>')`;

/** The search's query as the resolvers take it (trimmed, 2 to 500 characters, a word to find); anything else is theirs to answer. */
function queryOf(value: unknown): string {
  const query = typeof value === 'string' ? value.trim() : '';
  if (query.length < 2 || query.length > 500) throw new Refused();
  return query;
}

/** A selection set of the merged fields `asked`, with no fragments left, for Compiler.node. */
const flat = (asked: Asked[]): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections: asked.map((a) => ({
    ...a.field,
    selectionSet: a.selections.length ? { kind: Kind.SELECTION_SET, selections: a.selections } : undefined,
  })),
});

/** A hit's record (the row `hit`: its type and id), with the fields asked of its type. */
function record(compiler: Compiler, asked: Asked, hit: string): Json {
  const branches = SEARCH_TYPES.map((type) => {
    const others = SEARCH_TYPES.filter((t) => t !== type);
    const fields = collect(subset(asked), type, compiler.fragments, ['SearchResult'], others);
    const r = compiler.alias('r');
    const object = compiler.node(flat(fields), type, r);
    return `WHEN '${type}' THEN ${compiler.one(object, `${TABLES[type]} ${r} WHERE ${r}.id = ${hit}.id`).sql}`;
  });
  return Json.of(`CASE ${hit}.type ${branches.join(' ')} END`);
}

/**
 * `search(query:, first:)` over every kind of record, with searchStatement's statement (its ranking,
 * forms of words, names, weights and partial matches) as a subquery, its first page shaped as the
 * resolvers shape it. Left to the resolvers: a page size in a variable (the statement's text holds
 * it), `types`, cursors and page info (offset cursors), and a query they refuse or that has no word to find.
 */
export function search(compiler: Compiler, asked: Asked): Json {
  const { field } = asked;
  compiler.only(field, ['query', 'first']);
  const firstNode = field.arguments?.find((a) => a.name.value === 'first')?.value;
  const size =
    !firstNode || firstNode.kind === Kind.NULL
      ? DEFAULT_PAGE_SIZE
      : firstNode.kind === Kind.INT
        ? Number(firstNode.value)
        : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new NotCovered('search(first) not written in, or one the resolvers refuse');
  // The statement's text depends on the page only; its values on the query: [query, words, excluded, offset].
  const { text } = searchStatement('placeholder', SEARCH_TYPES, { limit: size + 1, offset: 0 }, ID_ONLY);
  const readQuery = compiler.argument(field, 'query');
  // The readers run one after the other for each request: the query's words are read once.
  let last: { variables: Variables; query: string; words: ReturnType<typeof queryWords> } | undefined;
  const read = (variables: Variables) => {
    if (last?.variables !== variables) {
      const query = queryOf(readQuery(variables));
      last = { variables, query, words: queryWords(query) };
      // Nothing to find: the resolvers answer an empty page without a statement.
      if (last.words.words.length === 0) throw new Refused();
    }
    return last;
  };
  const values: ((variables: Variables) => unknown)[] = [
    (v) => read(v).query,
    (v) => read(v).words.words,
    (v) => read(v).words.excluded,
    () => 0,
  ];
  const types = ['text', 'text[]', 'text[]', 'int'];
  const statement = text.replace(/\$(\d+)/g, (_, n: string) =>
    compiler.param(values[Number(n) - 1]!, types[Number(n) - 1]!),
  );
  const page = compiler.alias('p');
  const hit = compiler.alias('h');
  const answer = resultObject(compiler, asked, 'QuerySearchResult', 'SearchConnection', (part) => {
    switch (part.field.name.value) {
      case 'totalCount':
        return `(SELECT max(__total) FROM ${page})`;
      case 'edges': {
        const edge = compiler.object(collect(subset(part), 'SearchEdge', compiler.fragments), (e) => {
          switch (e.field.name.value) {
            case '__typename':
              return `'SearchEdge'`;
            case 'score':
              return `${hit}.score`;
            case 'headline':
              return safeHeadline(`${hit}.headline`);
            case 'node':
              return record(compiler, e, hit);
            default:
              throw new NotCovered(`SearchEdge.${e.field.name.value}`);
          }
        });
        return compiler.list(
          edge,
          SEARCH_ORDER.text,
          `(SELECT * FROM ${page} WHERE id IS NOT NULL ORDER BY ${SEARCH_ORDER.text} LIMIT ${size}) ${hit}`,
        );
      }
      default:
        throw new NotCovered(`SearchConnection.${part.field.name.value}`);
    }
  });
  // A page past the end is one row of nulls beside the total (pagedSql): a hit has an id.
  return Json.of(`(WITH ${page} AS (${statement}) SELECT ${answer.sql})`);
}

/** The columns each hit carries: its id only, as the records are read by the fields asked. */
const ID_ONLY: Record<SearchType, readonly string[]> = {
  Claim: ['id'],
  Attribution: ['id'],
  UnscDraft: ['id'],
  Entity: ['id'],
  Source: ['id'],
};
