import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import type { Modality, Rank } from '../generated/prisma/enums';

/** Claims of one modality and rank, by how many independent origins support them. */
export type ClaimTally = { modality: Modality; rank: Rank; claims: number; noOrigin: number; oneOrigin: number };

/** claimTallies' statement: its rows in the enums' order, the counts int8 (the benchmark's baseline shapes them too). */
export const CLAIM_TALLIES = Prisma.sql`
    SELECT c.modality::text AS modality, c.rank::text AS rank, count(*) AS claims,
           count(*) FILTER (WHERE coalesce(o.origins, 0) = 0) AS "noOrigin",
           count(*) FILTER (WHERE o.origins = 1) AS "oneOrigin"
      FROM claim c LEFT JOIN claim_origin_count o ON o.claim_id = c.id
     GROUP BY c.modality, c.rank ORDER BY c.modality, c.rank`;

/**
 * Every claim counted by modality and rank, each count split by independent supporting origins (none,
 * one, more): one statement over the stored origin counts (src/provenance/stored-origin-counts.ts), so
 * that the figures are the knowledge base's and not a page's without walking its provenance.
 */
export async function claimTallies(db: RawReader): Promise<ClaimTally[]> {
  const rows =
    await db.$queryRaw<(Omit<ClaimTally, 'claims' | 'noOrigin' | 'oneOrigin'> & Record<string, bigint>)[]>(
      CLAIM_TALLIES,
    );
  return rows.map((r) => ({
    modality: r.modality,
    rank: r.rank,
    claims: Number(r.claims),
    noOrigin: Number(r.noOrigin),
    oneOrigin: Number(r.oneOrigin),
  }));
}
