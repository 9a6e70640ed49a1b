import type { RawReader } from '../db/raw-sql';
import type { SourceReliability } from '../generated/prisma/enums';
import { type ClaimProvenance, loadClaimProvenance, walkFrom } from './claim-provenance';
import { type CredibilitySuggestion, suggestCredibility } from './credibility';
import { type AttributionFact, MAX_DERIVATION_DEPTH, type RecordFact, type SourceFact } from './derivation-graph';

/** One independent origin: a primary source (or a UN record) and the attributions that trace back to it. */
export type Origin = {
  source: SourceFact | null;
  unscRecord: RecordFact | null;
  reliability: SourceReliability | null;
  attributions: AttributionFact[];
  agentIds: number[];
};

export type Corroboration = {
  provenance: ClaimProvenance;
  supporting: Origin[];
  contradicting: Origin[];
  /** Every document that carries the claim or lies on its way back to an origin. */
  documentIds: number[];
  suggestion: CredibilitySuggestion;
};

// A Security Council decision is known from its verbatim record: an official primary record.
const UN_RECORD_RELIABILITY: SourceReliability = 'A';

/**
 * Where each attribution's information comes from: the primary sources behind the carrying source that
 * the attributed agent (or the body it spoke for) published or authored. Where there are none, the
 * carrying source is itself the origin. Several documents repeating one briefing thus count once.
 */
function originsOf(
  p: ClaimProvenance,
  attributions: AttributionFact[],
): { origins: Origin[]; documentIds: Set<number> } {
  const byKey = new Map<number, Origin>();
  const documentIds = new Set<number>();
  const roots = new Set(p.primarySourceIds);
  for (const a of attributions) {
    const walk = walkFrom([a.sourceId], p.steps, p.depth);
    const speakers = new Set([a.agentId, a.onBehalfOfId].filter((id): id is number => id !== null));
    const own = [...walk.reached.keys()].filter((id) => {
      const s = p.sources.get(id)!;
      return (
        roots.has(id) &&
        ((s.publisherId !== null && speakers.has(s.publisherId)) || (s.authorId !== null && speakers.has(s.authorId)))
      );
    });
    const origins = own.length ? own : [a.sourceId];
    leadingTo(origins, walk.steps).forEach((id) => documentIds.add(id));
    for (const id of origins) {
      const source = p.sources.get(id)!;
      const origin = byKey.get(id) ?? {
        source,
        unscRecord: null,
        reliability: source.reliability,
        attributions: [],
        agentIds: [],
      };
      origin.attributions.push(a);
      if (!origin.agentIds.includes(a.agentId)) origin.agentIds.push(a.agentId);
      byKey.set(id, origin);
    }
  }
  return { origins: [...byKey.values()], documentIds };
}

/** The sources on some path towards `origins`, the origins included: walked backwards along `steps`. */
function leadingTo(origins: number[], steps: { derivedId: number; originId: number }[]): Set<number> {
  const found = new Set(origins);
  let frontier = [...origins];
  while (frontier.length) {
    const next = steps.filter((s) => frontier.includes(s.originId) && !found.has(s.derivedId)).map((s) => s.derivedId);
    next.forEach((id) => found.add(id));
    frontier = [...new Set(next)];
  }
  return found;
}

/** The corroboration of many claims, from the one statement their provenance costs. */
export async function loadCorroboration(db: RawReader, claimIds: readonly number[]): Promise<Corroboration[]> {
  const provenance = await loadClaimProvenance(db, claimIds, MAX_DERIVATION_DEPTH);
  return provenance.map((p) => {
    const asOrigin = (r: RecordFact): Origin => ({
      source: null,
      unscRecord: r,
      reliability: UN_RECORD_RELIABILITY,
      attributions: [],
      agentIds: [],
    });
    const support = originsOf(
      p,
      p.attributions.filter((a) => a.stance === 'SUPPORTS'),
    );
    const against = originsOf(
      p,
      p.attributions.filter((a) => a.stance === 'REFUTES'),
    );
    const supporting = [...support.origins, ...p.records.filter((r) => r.stance === 'SUPPORTS').map(asOrigin)];
    const contradicting = [...against.origins, ...p.records.filter((r) => r.stance === 'REFUTES').map(asOrigin)];
    const label = (o: Origin) =>
      o.source ? `${o.source.key} (${o.source.title})` : `UN record ${o.unscRecord!.symbol ?? o.unscRecord!.key}`;
    return {
      provenance: p,
      supporting,
      contradicting,
      documentIds: [...support.documentIds].toSorted((a, b) => a - b),
      suggestion: suggestCredibility({
        modality: p.modality,
        supporting: supporting.map((o) => ({ label: label(o), reliability: o.reliability })),
        contradicting: contradicting.map((o) => ({ label: label(o), reliability: o.reliability })),
      }),
    };
  });
}
