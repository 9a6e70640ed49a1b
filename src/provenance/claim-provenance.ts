import type { RawReader } from '../db/raw-sql';
import type { Modality } from '../generated/prisma/enums';
import {
  type AttributionFact,
  type DerivationEdge,
  provenanceFacts,
  type RecordFact,
  type SourceFact,
} from './derivation-graph';

export type ClaimProvenance = {
  claimId: number;
  modality: Modality;
  depth: number;
  attributions: AttributionFact[];
  /** wasDerivedFrom steps from the sources that carry the claim towards their origins, nearest first. */
  steps: DerivationEdge[];
  sources: Map<number, SourceFact>;
  primarySourceIds: number[];
  /** Sources at the depth limit whose own origins were not walked. */
  truncatedSourceIds: number[];
  /** UN Security Council records that bear on the claim. */
  records: RecordFact[];
};

/** Walks `edges` from `starts` up to `depth` hops; returns the steps taken with their hop count. */
export function walkFrom(starts: number[], edges: DerivationEdge[], depth: number) {
  const byDerived = new Map<number, DerivationEdge[]>();
  for (const e of edges) byDerived.set(e.derivedId, [...(byDerived.get(e.derivedId) ?? []), e]);
  const hops = new Map(starts.map((id) => [id, 0]));
  const steps: DerivationEdge[] = [];
  let frontier = [...new Set(starts)];
  for (let hop = 1; hop <= depth && frontier.length; hop++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const e of byDerived.get(id) ?? []) {
        steps.push({ ...e, depth: hop });
        if (!hops.has(e.originId)) {
          hops.set(e.originId, hop);
          next.push(e.originId);
        }
      }
    }
    frontier = next;
  }
  return { steps, reached: hops };
}

/**
 * The provenance of many claims in one statement (see provenanceFacts): each claim's own subgraph is
 * cut from the shared walk in memory. Claims that do not exist are left out.
 */
export async function loadClaimProvenance(
  db: RawReader,
  claimIds: readonly number[],
  depth: number,
): Promise<ClaimProvenance[]> {
  const facts = await provenanceFacts(db, claimIds, depth);
  const sources = new Map(facts.sources.map((s) => [s.id, s]));
  const modality = new Map(facts.claims.map((c) => [c.id, c.modality]));
  return claimIds.flatMap((claimId) => {
    if (!modality.has(claimId)) return [];
    const own = facts.attributions.filter((a) => a.claimId === claimId);
    const walk = walkFrom(
      own.map((a) => a.sourceId),
      facts.edges,
      depth,
    );
    const reached = [...walk.reached.keys()].toSorted((a, b) => a - b);
    return {
      claimId,
      modality: modality.get(claimId)!,
      depth,
      attributions: own,
      steps: walk.steps,
      sources,
      primarySourceIds: reached.filter((id) => sources.get(id)!.root),
      truncatedSourceIds: reached.filter((id) => walk.reached.get(id) === depth && !sources.get(id)!.root),
      records: facts.records.filter((r) => r.claimId === claimId),
    };
  });
}
