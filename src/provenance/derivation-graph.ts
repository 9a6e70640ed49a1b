import type { DerivationKind } from '../generated/prisma/enums';
import type { PrismaClient } from '../generated/prisma/client';

export const MAX_DERIVATION_DEPTH = 50;
export const DEFAULT_DERIVATION_DEPTH = 12;

export type DerivationEdge = { derivedId: number; originId: number; kind: DerivationKind; note: string | null; depth: number };
export type DerivationGraph = {
  edges: DerivationEdge[];
  /** Sources reached (the starting ones included) that derive from nothing: the primary sources. */
  rootIds: number[];
};

/**
 * Walks wasDerivedFrom from `sourceIds` towards the origins in one recursive statement. PostgreSQL's
 * CYCLE clause stops a walk that comes back to a source already on its path, so circular reporting
 * terminates; `depth` bounds the walk.
 */
export async function derivationGraph(prisma: Pick<PrismaClient, '$queryRaw'>, sourceIds: number[], depth = DEFAULT_DERIVATION_DEPTH): Promise<DerivationGraph> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DERIVATION_DEPTH) throw new RangeError(`depth must be 1 to ${MAX_DERIVATION_DEPTH}`);
  if (sourceIds.length === 0) return { edges: [], rootIds: [] };
  const rows = await prisma.$queryRaw<{ derived_id: number; origin_id: number; kind: DerivationKind; note: string | null; depth: number; root: boolean }[]>`
    WITH RECURSIVE walk (derived_id, origin_id, kind, note, depth) AS (
        SELECT d.derived_id, d.origin_id, d.kind, d.note, 1
          FROM source_derivation d WHERE d.derived_id = ANY(${sourceIds}::int[])
        UNION ALL
        SELECT d.derived_id, d.origin_id, d.kind, d.note, w.depth + 1
          FROM walk w JOIN source_derivation d ON d.derived_id = w.origin_id
         WHERE w.depth < ${depth}
    ) CYCLE origin_id SET is_cycle USING path,
    edges AS (
        SELECT derived_id, origin_id, kind, note, min(depth) AS depth FROM walk GROUP BY derived_id, origin_id, kind, note
    ),
    nodes AS (
        SELECT unnest(${sourceIds}::int[]) AS id UNION SELECT origin_id FROM edges
    )
    SELECT e.derived_id, e.origin_id, e.kind::text AS kind, e.note, e.depth, false AS root FROM edges e
    UNION ALL
    SELECT n.id, NULL, NULL, NULL, NULL,
           NOT EXISTS (SELECT 1 FROM source_derivation d WHERE d.derived_id = n.id)
      FROM nodes n`;
  return {
    edges: rows
      .filter((r) => r.origin_id !== null)
      .map((r) => ({ derivedId: r.derived_id, originId: r.origin_id, kind: r.kind, note: r.note, depth: r.depth }))
      .sort((a, b) => a.depth - b.depth || a.derivedId - b.derivedId || a.originId - b.originId),
    rootIds: rows.filter((r) => r.origin_id === null && r.root).map((r) => r.derived_id).sort((a, b) => a - b),
  };
}
