import type { PageWindow } from '../db/child-pages';
import { limitLiteral, type RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import { loadCorroboration } from './corroboration';

/** A claim with a curated credibility grade, and the grade its evidence suggests. */
export type Review = { claimId: number; curated: number; suggested: number };

/**
 * One window of the claims with a curated grade, in the order they were recorded, each beside the
 * grade its evidence suggests: two statements, whatever the window's size, and work bounded by it.
 * The suggestion is computed, never stored, so it cannot fall behind the evidence.
 */
export async function reviewWindow(db: RawReader, window: PageWindow): Promise<Review[]> {
  const rows = await db.$queryRaw<{ id: number; credibility: number }[]>(Prisma.sql`
    SELECT id, credibility FROM claim
     WHERE credibility IS NOT NULL
       ${window.after === undefined ? Prisma.empty : Prisma.sql`AND id > ${window.after}`}
       ${window.before === undefined ? Prisma.empty : Prisma.sql`AND id < ${window.before}`}
     ORDER BY id ${Prisma.raw(window.inverted ? 'DESC' : 'ASC')} LIMIT ${limitLiteral(window.limit)}`);
  if (rows.length === 0) return [];
  const corroborations = await loadCorroboration(
    db,
    rows.map((r) => r.id),
  );
  const suggested = new Map(corroborations.map((c) => [c.claimId, c.suggestion.grade]));
  return rows.map((r) => ({ claimId: r.id, curated: r.credibility, suggested: suggested.get(r.id)! }));
}

export async function gradedClaimCount(db: RawReader): Promise<number> {
  const [row] = await db.$queryRaw<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM claim WHERE credibility IS NOT NULL`;
  return row!.count;
}
