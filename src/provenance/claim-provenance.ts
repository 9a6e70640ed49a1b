import type { Attribution, Claim, Entity, PrismaClient, Source } from '../generated/prisma/client';
import { derivationGraph, type DerivationEdge } from './derivation-graph';

export type ClaimProvenance = {
  claim: Claim;
  depth: number;
  attributions: Attribution[];
  /** wasDerivedFrom steps from the sources that carry the claim towards their origins, nearest first. */
  steps: DerivationEdge[];
  sources: Map<number, Source>;
  /** Agents, the bodies they acted for, and the publishers and authors of the sources. */
  entities: Map<number, Entity>;
  primarySourceIds: number[];
  /** Sources at the depth limit whose own origins were not walked. */
  truncatedSourceIds: number[];
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
  return { steps, reached: hops, hasOrigins: (id: number) => byDerived.has(id) };
}

/**
 * The provenance of many claims in five statements, however many claims: the claims and their
 * attributions, one recursive walk of the derivation graph from all their sources, the sources
 * reached, and the entities involved. Each claim's own subgraph is cut from the shared walk in memory.
 * Claims that do not exist are left out.
 */
export async function loadClaimProvenance(prisma: PrismaClient, claimIds: readonly number[], depth: number): Promise<ClaimProvenance[]> {
  const [claims, attributions] = await Promise.all([
    prisma.claim.findMany({ where: { id: { in: [...claimIds] } } }),
    prisma.attribution.findMany({ where: { claimId: { in: [...claimIds] } }, orderBy: { id: 'asc' } }),
  ]);
  const graph = await derivationGraph(prisma, [...new Set(attributions.map((a) => a.sourceId))], depth);
  const reachedIds = new Set([...attributions.map((a) => a.sourceId), ...graph.edges.map((e) => e.originId)]);
  const sources = new Map((await prisma.source.findMany({ where: { id: { in: [...reachedIds] } } })).map((s) => [s.id, s]));
  const entityIds = new Set<number>();
  for (const a of attributions) [a.agentId, a.onBehalfOfId].forEach((id) => id !== null && entityIds.add(id));
  for (const s of sources.values()) [s.publisherId, s.authorId].forEach((id) => id !== null && entityIds.add(id));
  const entities = new Map((await prisma.entity.findMany({ where: { id: { in: [...entityIds] } } })).map((e) => [e.id, e]));
  const roots = new Set(graph.rootIds);
  const byId = new Map(claims.map((c) => [c.id, c]));
  return claimIds.flatMap((claimId) => {
    const claim = byId.get(claimId);
    if (!claim) return [];
    const own = attributions.filter((a) => a.claimId === claimId);
    const walk = walkFrom(own.map((a) => a.sourceId), graph.edges, depth);
    const reached = [...walk.reached.keys()];
    return {
      claim,
      depth,
      attributions: own,
      steps: walk.steps,
      sources,
      entities,
      primarySourceIds: reached.filter((id) => roots.has(id)).sort((a, b) => a - b),
      truncatedSourceIds: reached.filter((id) => walk.reached.get(id) === depth && !roots.has(id)).sort((a, b) => a - b),
    };
  });
}
