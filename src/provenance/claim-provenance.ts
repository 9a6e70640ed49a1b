import type { RawReader } from '../db/raw-sql';
import type { Modality } from '../generated/prisma/enums';
import { grouped } from '../grouped';
import {
  type AttributionFact,
  type DerivationEdge,
  provenanceFacts,
  type RecordFact,
  type SourceFact,
  type StatementEdge,
} from './derivation-graph';

/** A statement derivation as the walk took it: `depth` steps from the claim's latest statements. */
export type StatementStep = StatementEdge & { depth: number };

export type ClaimProvenance = {
  claimId: number;
  modality: Modality;
  credibility: number | null;
  depth: number;
  /** Every statement of the claim: those in the documents that carry it and those they repeat. */
  attributions: AttributionFact[];
  /** wasQuotedFrom / wasDerivedFrom steps from the latest statements towards their origins, nearest first. */
  steps: StatementStep[];
  sources: Map<number, SourceFact>;
  /** The sources of the origins: statements that repeat none, and sources repeated as a whole. */
  primarySourceIds: number[];
  /** Sources of the statements at the depth limit whose own origins were not walked. */
  truncatedSourceIds: number[];
  /** Context: the document-level wasDerivedFrom steps from the sources that carry the statements. */
  documentSteps: DerivationEdge[];
  /** UN Security Council records that bear on the claim. */
  records: RecordFact[];
};

/** Walks document-level `edges` from `starts` up to `depth` hops; returns the steps taken with their hop count. */
function walkFrom(starts: number[], edges: DerivationEdge[], depth: number) {
  const byDerived = grouped(edges, (e) => e.derivedId);
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
 * Walks statement derivations breadth first from `starts` (statement ids), at most `depth` steps,
 * each statement once, so that a cycle ends the walk. Returns the steps at their fewest hops, the
 * statements reached with theirs, and the roots: statements that repeat nothing, and the sources
 * repeated as a whole (each with the statements that repeat it).
 */
function walkStatements(starts: readonly number[], edges: readonly StatementEdge[], depth: number) {
  const byDerived = grouped(edges, (e) => e.derivedId);
  const hops = new Map<number, number>();
  const steps: StatementStep[] = [];
  const rootStatements: number[] = [];
  const rootSources = new Map<number, number[]>();
  const truncated: number[] = [];
  let frontier = [...new Set(starts)];
  for (const id of frontier) hops.set(id, 0);
  for (let hop = 0; frontier.length; hop++) {
    const next: number[] = [];
    for (const id of frontier) {
      const out = byDerived.get(id) ?? [];
      if (out.length === 0) rootStatements.push(id);
      else if (hop === depth) truncated.push(id);
      else
        for (const e of out) {
          steps.push({ ...e, depth: hop + 1 });
          if (e.originId === null)
            rootSources.set(e.originSourceId!, [...(rootSources.get(e.originSourceId!) ?? []), id]);
          else if (!hops.has(e.originId)) {
            hops.set(e.originId, hop + 1);
            next.push(e.originId);
          }
        }
    }
    frontier = next;
  }
  return { steps, reached: hops, rootStatements, rootSources, truncated };
}

/**
 * The statements the walk starts from: those no other statement of the claim repeats (the latest), and
 * any left unreached from them, which only a cycle leaves.
 */
function latestFirst(attributions: readonly AttributionFact[], edges: readonly StatementEdge[]): number[] {
  const repeated = new Set(edges.map((e) => e.originId));
  const latest = attributions.filter((a) => !repeated.has(a.id)).map((a) => a.id);
  const reached = walkStatements(latest, edges, Number.MAX_SAFE_INTEGER).reached;
  return [...latest, ...attributions.filter((a) => !reached.has(a.id)).map((a) => a.id)];
}

/**
 * The provenance of many claims in one statement (see provenanceFacts): each claim's own statements and
 * their derivations are walked in memory. Claims that do not exist are left out.
 */
export async function loadClaimProvenance(
  db: RawReader,
  claimIds: readonly number[],
  depth: number,
): Promise<ClaimProvenance[]> {
  const facts = await provenanceFacts(db, claimIds, depth);
  const sources = new Map(facts.sources.map((s) => [s.id, s]));
  const claims = new Map(facts.claims.map((c) => [c.id, c]));
  const statementOf = new Map(facts.attributions.map((a) => [a.id, a]));
  const statements = grouped(facts.attributions, (a) => a.claimId);
  const derivations = grouped(facts.statementEdges, (e) => statementOf.get(e.derivedId)!.claimId);
  const records = grouped(facts.records, (r) => r.claimId);
  return claimIds.flatMap((claimId) => {
    const claim = claims.get(claimId);
    if (!claim) return [];
    const own = statements.get(claimId) ?? [];
    const edges = derivations.get(claimId) ?? [];
    const walk = walkStatements(latestFirst(own, edges), edges, depth);
    const sourceOf = (id: number) => statementOf.get(id)!.sourceId;
    const primary = new Set([...walk.rootStatements.map(sourceOf), ...walk.rootSources.keys()]);
    const carriers = [...new Set([...own.map((a) => a.sourceId), ...edges.flatMap((e) => e.originSourceId ?? [])])];
    return {
      claimId,
      modality: claim.modality,
      credibility: claim.credibility,
      depth,
      attributions: own,
      steps: walk.steps,
      sources,
      primarySourceIds: [...primary].toSorted((a, b) => a - b),
      truncatedSourceIds: [...new Set(walk.truncated.map(sourceOf))].toSorted((a, b) => a - b),
      documentSteps: walkFrom(carriers, facts.edges, depth).steps,
      records: records.get(claimId) ?? [],
    };
  });
}
