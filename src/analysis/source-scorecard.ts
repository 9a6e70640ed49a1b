import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';

/** What one source carries: its statements, the claims they are about, and the claims resting on it alone. */
export type SourceScorecard = {
  sourceId: number;
  statements: number;
  claims: number;
  supporting: number;
  contradicting: number;
  /** Claims whose one independent supporting origin lies in this source. */
  soleOrigin: number;
};

/**
 * sourceScorecards' statement for the sources whose ids the int[] expression `ids` gives (the
 * benchmark's baseline computes them in SQL): one row per source found.
 */
export function scorecardsStatement(ids: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id AS "sourceId",
           (SELECT count(*) FROM standing_attribution a WHERE a.source_id = s.id) AS statements,
           (SELECT count(DISTINCT a.claim_id) FROM standing_attribution a WHERE a.source_id = s.id) AS claims,
           (SELECT count(*) FROM standing_attribution a WHERE a.source_id = s.id AND a.stance = 'SUPPORTS') AS supporting,
           (SELECT count(*) FROM standing_attribution a WHERE a.source_id = s.id AND a.stance = 'REFUTES') AS contradicting,
           (SELECT count(*) FROM claim_origin_count o WHERE o.sole_source_id = s.id) AS "soleOrigin"
      FROM source s WHERE s.id = ANY(${ids})`;
}

/**
 * The scorecards of a page of sources, in one statement: counts of their statements, and of the claims
 * whose stored origin count (src/provenance/stored-origin-counts.ts) rests on each alone.
 */
export async function sourceScorecards(db: RawReader, sourceIds: readonly number[]): Promise<SourceScorecard[]> {
  const ids = [...sourceIds];
  const rows = await db.$queryRaw<Record<string, number | bigint>[]>(scorecardsStatement(Prisma.sql`${ids}::int[]`));
  const byId = new Map(rows.map((r) => [Number(r.sourceId), r]));
  return ids.map((id) => {
    const r = byId.get(id);
    const n = (k: string) => Number(r?.[k] ?? 0);
    return {
      sourceId: id,
      statements: n('statements'),
      claims: n('claims'),
      supporting: n('supporting'),
      contradicting: n('contradicting'),
      soleOrigin: n('soleOrigin'),
    };
  });
}
