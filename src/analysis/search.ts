import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { pagedQuery } from './paged-sql';

export const SEARCH_TYPES = ['Claim', 'Attribution', 'Source', 'Entity'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export type SearchRow = { type: SearchType; id: number; score: number; headline: string };

// Each branch uses the same expression as its GIN index (migration 20261126020000_analysis), so
// PostgreSQL answers from the index. Prose uses the English configuration; names use `simple`.
const branches: Record<SearchType, Prisma.Sql> = {
  Claim: Prisma.sql`
    SELECT 'Claim' AS type, c.id, ts_rank_cd(to_tsvector('english', c.statement), q.en) AS score,
           ts_headline('english', c.statement, q.en) AS headline
      FROM claim c, q WHERE to_tsvector('english', c.statement) @@ q.en`,
  Attribution: Prisma.sql`
    SELECT 'Attribution' AS type, a.id, ts_rank_cd(to_tsvector('english', a.quotation), q.en) AS score, ts_headline('english', a.quotation, q.en) AS headline
      FROM attribution a, q WHERE to_tsvector('english', a.quotation) @@ q.en`,
  Source: Prisma.sql`
    SELECT 'Source' AS type, s.id, ts_rank_cd(to_tsvector('english', s.title || ' ' || coalesce(s.text, '')), q.en) AS score,
           ts_headline('english', s.title || ' ' || coalesce(s.text, ''), q.en, 'MaxFragments=2, MaxWords=25, MinWords=8') AS headline
      FROM source s, q WHERE to_tsvector('english', s.title || ' ' || coalesce(s.text, '')) @@ q.en`,
  Entity: Prisma.sql`
    SELECT 'Entity' AS type, id, max(score) AS score, (array_agg(headline ORDER BY score DESC))[1] AS headline FROM (
        SELECT e.id, ts_rank_cd(to_tsvector('simple', e.name), q.simple) AS score, e.name AS headline
          FROM entity e, q WHERE to_tsvector('simple', e.name) @@ q.simple
        UNION ALL
        SELECT al.entity_id, ts_rank_cd(to_tsvector('simple', al.name), q.simple), al.name
          FROM entity_alias al, q WHERE to_tsvector('simple', al.name) @@ q.simple
      ) names GROUP BY id`,
};

/** Ranked full-text search over claims, quotations, source texts, and entity names and aliases. */
export function search(prisma: Pick<PrismaClient, '$queryRaw'>, query: string, types: readonly SearchType[], page: { limit: number; offset: number }) {
  const hits = Prisma.sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${query}) AS en, websearch_to_tsquery('simple', ${query}) AS simple)
    ${Prisma.join(types.map((t) => branches[t]), ' UNION ALL ')}`;
  return pagedQuery<SearchRow>(prisma, hits, Prisma.sql`score DESC, type, id`, page);
}
