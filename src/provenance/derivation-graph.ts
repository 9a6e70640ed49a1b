import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import type { DerivationKind, Modality, SourceReliability, Stance } from '../generated/prisma/enums';

export const MAX_DERIVATION_DEPTH = 50;
export const DEFAULT_DERIVATION_DEPTH = 12;

export type DerivationEdge = {
  derivedId: number;
  originId: number;
  kind: DerivationKind;
  note: string | null;
  depth: number;
};
export type AttributionFact = {
  id: number;
  claimId: number;
  agentId: number;
  onBehalfOfId: number | null;
  sourceId: number;
  stance: Stance;
};
/** A source the walk reached, with what corroboration needs of it; `root` when it derives from nothing. */
export type SourceFact = {
  id: number;
  key: string;
  title: string;
  publisherId: number | null;
  authorId: number | null;
  reliability: SourceReliability | null;
  root: boolean;
};
export type RecordFact = { claimId: number; draftId: number; stance: Stance; key: string; symbol: string | null };

export type ProvenanceFacts = {
  claims: { id: number; modality: Modality }[];
  attributions: AttributionFact[];
  /** wasDerivedFrom steps from the carrying sources towards their origins, each at its fewest hops. */
  edges: DerivationEdge[];
  sources: SourceFact[];
  records: RecordFact[];
};

/**
 * What the provenance and corroboration of many claims rest on, in one statement however many claims:
 * their attributions, one recursive walk of wasDerivedFrom from every source that carries them, the
 * sources reached, and the UN records that bear on them. PostgreSQL's CYCLE clause stops a walk that
 * comes back to a source already on its path, so circular reporting terminates; `depth` bounds it.
 * Rows are left to the GraphQL layer, which loads only the columns a query asks for.
 */
export async function provenanceFacts(
  db: RawReader,
  claimIds: readonly number[],
  depth = DEFAULT_DERIVATION_DEPTH,
): Promise<ProvenanceFacts> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DERIVATION_DEPTH)
    throw new RangeError(`depth must be 1 to ${MAX_DERIVATION_DEPTH}`);
  // One claim (every `claim(key:)` query) is matched by a scalar: PostgreSQL then finds its generic plan
  // as cheap as a custom one and stops re-planning the statement (1 ms of its 1.4), which an array's
  // unknown length never lets it do.
  const claims = claimIds.length === 1 ? Prisma.sql`= ${claimIds[0]}::int` : Prisma.sql`= ANY(${[...claimIds]}::int[])`;
  const [row] = await db.$queryRaw<{ facts: ProvenanceFacts }[]>(Prisma.sql`
    WITH RECURSIVE att AS (
        SELECT id, claim_id AS "claimId", agent_id AS "agentId", on_behalf_of_id AS "onBehalfOfId", source_id AS "sourceId", stance
          FROM attribution WHERE claim_id ${claims}
    ),
    walk (derived_id, origin_id, kind, note, depth) AS (
        SELECT d.derived_id, d.origin_id, d.kind, d.note, 1
          FROM source_derivation d WHERE d.derived_id IN (SELECT "sourceId" FROM att)
        UNION ALL
        SELECT d.derived_id, d.origin_id, d.kind, d.note, w.depth + 1
          FROM walk w JOIN source_derivation d ON d.derived_id = w.origin_id
         WHERE w.depth < ${depth}
    ) CYCLE origin_id SET is_cycle USING path,
    edges AS (
        SELECT derived_id AS "derivedId", origin_id AS "originId", kind, note, min(depth) AS depth FROM walk GROUP BY derived_id, origin_id, kind, note
    ),
    nodes AS (SELECT "sourceId" AS id FROM att UNION SELECT "originId" FROM edges)
    SELECT json_build_object(
      'claims', (SELECT coalesce(json_agg(json_build_object('id', id, 'modality', modality)), '[]') FROM claim WHERE id ${claims}),
      'attributions', (SELECT coalesce(json_agg(att ORDER BY id), '[]') FROM att),
      'edges', (SELECT coalesce(json_agg(edges ORDER BY depth, "derivedId", "originId"), '[]') FROM edges),
      'sources', (SELECT coalesce(json_agg(json_build_object('id', s.id, 'key', s.key, 'title', s.title, 'publisherId', s.publisher_id, 'authorId', s.author_id,
                    'reliability', s.reliability, 'root', NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = s.id)) ORDER BY s.id), '[]')
                    FROM nodes n JOIN source s ON s.id = n.id),
      'records', (SELECT coalesce(json_agg(json_build_object('claimId', r.claim_id, 'draftId', r.draft_id, 'stance', r.stance, 'key', d.key, 'symbol', d.symbol)
                    ORDER BY r.claim_id, r.draft_id), '[]')
                    FROM claim_unsc_record r JOIN unsc_draft d ON d.id = r.draft_id WHERE r.claim_id ${claims})
    ) AS facts`);
  return row!.facts;
}
