import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import { pagedQuery } from './paged-sql';

export const SEARCH_TYPES = ['Claim', 'Attribution', 'Source', 'Entity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/** A hit: its record's type and id, its rank and passage, and the record's `shown` columns. */
export type SearchRow = {
  type: SearchType;
  id: number;
  score: number;
  headline: string;
  shown: { id: number } & Record<string, unknown>;
};
const TABLES: Record<SearchType, string> = {
  Claim: 'claim',
  Attribution: 'attribution',
  Source: 'source',
  Entity: 'entity',
};

// Each branch matches what its GIN index holds, so PostgreSQL answers from the index: the stored vector
// of prose (English configuration; ranking reads it too) and an expression over names (`simple`).
// Headlines are costly, so they are made for the page's rows only.
const branches: Record<SearchType, Prisma.Sql> = {
  Claim: Prisma.sql`
    SELECT 'Claim' AS type, c.id, ts_rank_cd(c.search_vector, q.en) AS score
      FROM claim c, q WHERE c.search_vector @@ q.en`,
  Attribution: Prisma.sql`
    SELECT 'Attribution' AS type, a.id, ts_rank_cd(a.search_vector, q.en) AS score
      FROM attribution a, q WHERE a.search_vector @@ q.en`,
  Source: Prisma.sql`
    SELECT 'Source' AS type, s.id, ts_rank_cd(s.search_vector, q.en) AS score
      FROM source s, q WHERE s.search_vector @@ q.en`,
  Entity: Prisma.sql`
    SELECT 'Entity' AS type, id, max(score) AS score FROM (
        SELECT e.id, ts_rank_cd(to_tsvector('simple', e.name), q.simple) AS score FROM entity e, q WHERE to_tsvector('simple', e.name) @@ q.simple
        UNION ALL
        SELECT al.entity_id, ts_rank_cd(to_tsvector('simple', al.name), q.simple) FROM entity_alias al, q WHERE to_tsvector('simple', al.name) @@ q.simple
      ) names GROUP BY id`,
};

const headline = (query: string) => Prisma.sql`
  CASE page.type
    WHEN 'Claim' THEN (SELECT ts_headline('english', statement, websearch_to_tsquery('english', ${query})) FROM claim WHERE id = page.id)
    WHEN 'Attribution' THEN (SELECT ts_headline('english', quotation, websearch_to_tsquery('english', ${query})) FROM attribution WHERE id = page.id)
    WHEN 'Source' THEN (SELECT ts_headline('english', title || ' ' || coalesce(text, ''), websearch_to_tsquery('english', ${query}), 'MaxFragments=2, MaxWords=25, MinWords=8') FROM source WHERE id = page.id)
    WHEN 'Entity' THEN (SELECT coalesce((SELECT a.name FROM entity_alias a WHERE a.entity_id = page.id AND to_tsvector('simple', a.name) @@ websearch_to_tsquery('simple', ${query}) LIMIT 1), name) FROM entity WHERE id = page.id)
  END`;

/** `columns` of the page row's record, as one JSON object. */
const shownOf = (columns: Record<SearchType, readonly string[]>) =>
  Prisma.raw(
    `CASE page.type ${SEARCH_TYPES.map(
      (type) =>
        `WHEN '${type}' THEN (SELECT json_build_object(${columns[type].map((c) => `'${c}', "${c}"`).join(', ')}) FROM "${TABLES[type]}" WHERE id = page.id)`,
    ).join(' ')} END`,
  );

/**
 * Ranked full-text search over claims, quotations, source texts, and entity names and aliases; each
 * hit with the `shown` columns of its record, read in the same statement.
 */
export function search(
  db: RawReader,
  query: string,
  types: readonly SearchType[],
  page: { limit: number; offset: number },
  shown: Record<SearchType, readonly string[]>,
) {
  const hits = Prisma.sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${query}) AS en, websearch_to_tsquery('simple', ${query}) AS simple)
    ${Prisma.join(
      types.map((t) => branches[t]),
      ' UNION ALL ',
    )}`;
  return pagedQuery<SearchRow>(
    db,
    hits,
    Prisma.sql`score DESC, type, id`,
    page,
    (paged) =>
      Prisma.sql`SELECT page.*, ${headline(query)} AS headline, ${shownOf(shown)} AS shown FROM (${paged}) page`,
  );
}

const SEARCH_INDEXES = [
  'claim_search_vector_idx',
  'attribution_search_vector_idx',
  'source_search_vector_idx',
  'entity_name_search_idx',
  'entity_alias_name_search_idx',
];

/**
 * Moves the entries a bulk write left in the search indexes' pending lists into the indexes proper.
 * GIN's fast update defers them, and until autovacuum comes by every search scans all of them:
 * after loading 10k claims a search took 178 ms, and 1.5 ms once the lists were merged (83 ms).
 */
export async function settleSearchIndexes(db: RawReader) {
  await db.$queryRaw`SELECT gin_clean_pending_list(to_regclass(name)) FROM unnest(${SEARCH_INDEXES}::text[]) AS name`;
}
