import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import type {
  DerivationKind,
  Modality,
  RecordSupport,
  SourceReliability,
  Stance,
  Wording,
} from '../generated/prisma/enums';

export const MAX_DERIVATION_DEPTH = 50;
export const DEFAULT_DERIVATION_DEPTH = 12;

/** A document-level wasDerivedFrom step (context), at its fewest hops from the sources that carry the claim. */
export type DerivationEdge = {
  derivedId: number;
  originId: number;
  kind: DerivationKind;
  note: string | null;
  depth: number;
};
/** A statement-level derivation: statement `derivedId` repeats statement `originId`, or source `originSourceId` as a whole. */
export type StatementEdge = {
  id: number;
  derivedId: number;
  originId: number | null;
  originSourceId: number | null;
  kind: DerivationKind;
  note: string | null;
};
export type AttributionFact = {
  id: number;
  claimId: number;
  agentId: number;
  onBehalfOfId: number | null;
  sourceId: number;
  stance: Stance;
  wording: Wording;
  statedAt: string | null;
};
/** A source the walks reached, with what corroboration needs of it. */
export type SourceFact = {
  id: number;
  key: string;
  title: string;
  publisherId: number | null;
  authorId: number | null;
  reliability: SourceReliability | null;
  /** Its publication (ISO). Not `publishedAt`: a query's source fields are answered from these rows by name. */
  publicationTime: string | null;
};
export type RecordFact = {
  claimId: number;
  draftId: number;
  support: RecordSupport;
  note: string | null;
  key: string;
  symbol: string | null;
};

export type ProvenanceFacts = {
  claims: { id: number; modality: Modality; credibility: number | null }[];
  attributions: AttributionFact[];
  statementEdges: StatementEdge[];
  /** Document-level wasDerivedFrom steps from the sources that carry the statements, each at its fewest hops. */
  edges: DerivationEdge[];
  sources: SourceFact[];
  records: RecordFact[];
};

/**
 * The condition on a claim id that matches `claimIds`. One claim (every `claim(key:)` query) is matched
 * by a scalar: PostgreSQL then finds its generic plan as cheap as a custom one and stops re-planning
 * the statement (1 ms of its 1.4), which an array's unknown length never lets it do.
 */
export const claimsMatching = (claimIds: readonly number[]) =>
  claimIds.length === 1 ? Prisma.sql`= ${claimIds[0]}::int` : Prisma.sql`= ANY(${[...claimIds]}::int[])`;

/**
 * The `claims`, `sources` and `records` members of a facts object (json_build_object arguments): the
 * claims `claims` matches (see claimsMatching), the sources `sourceIds` selects (a query of ids) and the
 * UN records that bear on the claims.
 */
export const claimFacts = (claims: Prisma.Sql, sourceIds: Prisma.Sql) => Prisma.sql`
      'claims', (SELECT coalesce(json_agg(json_build_object('id', id, 'modality', modality, 'credibility', credibility)), '[]') FROM claim WHERE id ${claims}),
      'sources', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'key', s.key, 'title', s.title, 'publisherId', s.publisher_id, 'authorId', s.author_id,
                    'reliability', s.reliability, 'publicationTime', s.published_at) ORDER BY s.id), '[]')
                    FROM source s WHERE s.id IN (${sourceIds})),
      'records', (SELECT coalesce(json_agg(json_build_object('claimId', r.claim_id, 'draftId', r.draft_id, 'support', r.support, 'note', r.note, 'key', d.key, 'symbol', d.symbol)
                    ORDER BY r.claim_id, r.draft_id), '[]')
                    FROM claim_unsc_record r JOIN unsc_draft d ON d.id = r.draft_id WHERE r.claim_id ${claims})`;

/**
 * What the provenance of many claims rests on, in one statement however many claims: their statements
 * (attributions) and the derivations between them (a derivation links two statements of one claim, so
 * those of the claims are all there is to walk), the sources they reach, one recursive walk of the
 * document-level wasDerivedFrom from those sources (context), and the UN records that bear on the
 * claims. A statement kept by an entity merged into another (see mergeEntities) counts as the
 * survivor's. PostgreSQL's CYCLE clause stops a document walk that comes back to a source already on
 * its path; `depth` bounds it.
 */
export async function provenanceFacts(
  db: RawReader,
  claimIds: readonly number[],
  depth = DEFAULT_DERIVATION_DEPTH,
): Promise<ProvenanceFacts> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DERIVATION_DEPTH)
    throw new RangeError(`depth must be 1 to ${MAX_DERIVATION_DEPTH}`);
  const claims = claimsMatching(claimIds);
  const [row] = await db.$queryRaw<{ facts: ProvenanceFacts }[]>(Prisma.sql`
    WITH RECURSIVE att AS (
        SELECT a.id, a.claim_id AS "claimId", coalesce(e.merged_into_id, a.agent_id) AS "agentId", a.on_behalf_of_id AS "onBehalfOfId",
               a.source_id AS "sourceId", a.stance, a.wording, a.stated_at AS "statedAt"
          FROM standing_attribution a JOIN entity e ON e.id = a.agent_id WHERE a.claim_id ${claims}
    ),
    steps AS (
        SELECT id, attribution_id AS "derivedId", origin_attribution_id AS "originId", origin_source_id AS "originSourceId", kind, note
          FROM standing_statement_derivation WHERE claim_id ${claims}
    ),
    carriers AS (SELECT "sourceId" AS id FROM att UNION SELECT "originSourceId" FROM steps WHERE "originSourceId" IS NOT NULL),
    walk (derived_id, origin_id, kind, note, depth) AS (
        SELECT d.derived_id, d.origin_id, d.kind, d.note, 1
          FROM standing_source_derivation d WHERE d.derived_id IN (SELECT id FROM carriers)
        UNION ALL
        SELECT d.derived_id, d.origin_id, d.kind, d.note, w.depth + 1
          FROM walk w JOIN standing_source_derivation d ON d.derived_id = w.origin_id
         WHERE w.depth < ${depth}
    ) CYCLE origin_id SET is_cycle USING path,
    edges AS (
        SELECT derived_id AS "derivedId", origin_id AS "originId", kind, note, min(depth) AS depth FROM walk GROUP BY derived_id, origin_id, kind, note
    ),
    nodes AS (SELECT id FROM carriers UNION SELECT "originId" FROM edges)
    SELECT json_build_object(
      ${claimFacts(claims, Prisma.sql`SELECT id FROM nodes`)},
      'attributions', (SELECT coalesce(json_agg(att ORDER BY id), '[]') FROM att),
      'statementEdges', (SELECT coalesce(json_agg(steps ORDER BY id), '[]') FROM steps),
      'edges', (SELECT coalesce(json_agg(edges ORDER BY depth, "derivedId", "originId"), '[]') FROM edges)
    ) AS facts`);
  return row!.facts;
}
