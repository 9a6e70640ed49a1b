import type { RawReader } from '../db/raw-sql';
import { standingStatement } from '../db/standing';
import { Prisma } from '../generated/prisma/client';
import type { Modality } from '../generated/prisma/enums';

const RANK_FILTERS = ['BEST', 'ALL', 'PREFERRED', 'NORMAL', 'DEPRECATED'] as const;
export type RankFilter = (typeof RANK_FILTERS)[number];

export type ClaimFilter = {
  subjectId?: number;
  predicate?: string;
  modality?: Modality;
  rank: RankFilter;
  /** Admiralty grade number: keeps claims graded this credible or better (1 is best). */
  credibilityAtLeast?: number;
  since?: Date;
  until?: Date;
  sourceId?: number;
};

/**
 * The Prisma filter for a claim query. BEST is Wikidata's best rank: for each subject and predicate,
 * the preferred claims if there are any, otherwise the normal ones; deprecated claims never.
 * Prisma cannot compare a row with its siblings, so the normal claims that a preferred one outranks
 * are found first, in one statement on the (subject, predicate) index.
 */
export async function claimWhere(db: RawReader, f: ClaimFilter): Promise<Prisma.ClaimWhereInput> {
  const and: Prisma.ClaimWhereInput[] = [];
  if (f.subjectId !== undefined) and.push({ subjectId: f.subjectId });
  if (f.predicate) and.push({ predicate: f.predicate });
  if (f.modality) and.push({ modality: f.modality });
  if (f.credibilityAtLeast !== undefined) and.push({ credibility: { lte: f.credibilityAtLeast } });
  if (f.sourceId !== undefined) and.push({ attributions: { some: { ...standingStatement, sourceId: f.sourceId } } });
  if (f.since || f.until) {
    const within = { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lte: f.until } : {}) };
    and.push({
      OR: [
        { pointInTime: within },
        { valueTime: within },
        // a period overlaps the window
        {
          periodStart: { not: null, ...(f.until ? { lte: f.until } : {}) },
          ...(f.since ? { OR: [{ periodEnd: null }, { periodEnd: { gte: f.since } }] } : {}),
        },
        { attributions: { some: { ...standingStatement, statedAt: within } } },
      ],
    });
  }
  if (f.rank === 'BEST') {
    and.push({ rank: { not: 'DEPRECATED' } });
    const outranked = await db.$queryRaw<{ id: number }[]>`
      SELECT n.id FROM claim n
       WHERE n.rank = 'NORMAL' ${f.subjectId !== undefined ? Prisma.sql`AND n.subject_id = ${f.subjectId}` : Prisma.empty}
         AND EXISTS (SELECT 1 FROM claim p WHERE p.subject_id = n.subject_id AND p.predicate = n.predicate AND p.rank = 'PREFERRED')`;
    if (outranked.length) and.push({ id: { notIn: outranked.map((r) => r.id) } });
  } else if (f.rank !== 'ALL') {
    and.push({ rank: f.rank });
  }
  return { AND: and };
}
