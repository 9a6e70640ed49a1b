import type { RawReader } from '../db/raw-sql';
import type { SourceReliability, Stance } from '../generated/prisma/enums';
import { type ClaimProvenance, loadClaimProvenance, walkStatements } from './claim-provenance';
import { type CredibilitySuggestion, suggestCredibility } from './credibility';
import { type AttributionFact, MAX_DERIVATION_DEPTH, type RecordFact, type SourceFact } from './derivation-graph';
import { groupOrigins } from './independence';

/**
 * One origin of the information: a statement that repeats no other (the agent said it there, first),
 * a source repeated as a whole (no statement in it is on record), or a UN record; with the claim's
 * statements that trace back to it and the agents who stand behind it.
 */
export type Origin = {
  statement: AttributionFact | null;
  source: SourceFact | null;
  unscRecord: RecordFact | null;
  reliability: SourceReliability | null;
  attributions: AttributionFact[];
  agentIds: number[];
  /** When it was said: the statement's time, else its source's publication (null when unknown). */
  at: string | null;
};

/** Origins that are not independent of each other, counted once, graded by the most reliable, and why they were joined. */
export type IndependentOrigin = { origins: Origin[]; reliability: SourceReliability | null; reasons: string[] };

export type Corroboration = {
  provenance: ClaimProvenance;
  /** Every origin of the statements that support the claim, and the UN records that fully support it. */
  supporting: Origin[];
  independent: IndependentOrigin[];
  contradicting: Origin[];
  independentContradicting: IndependentOrigin[];
  /** UN records that bear the claim out only in part: shown, never counted as confirmation. */
  partial: Origin[];
  /** Every document that carries a supporting statement or lies between it and its origins. */
  documentIds: number[];
  suggestion: CredibilitySuggestion;
};

// A Security Council decision is known from its verbatim record: an official primary record.
const UN_RECORD_RELIABILITY: SourceReliability = 'A';
const GRADES: (SourceReliability | null)[] = ['A', 'B', 'C', 'D', 'E', 'F', null];

const present = (ids: (number | null)[]) => [...new Set(ids.filter((id): id is number => id !== null))];

/**
 * Where the statements of one stance come from: each is walked back along its derivations to the
 * statements that repeat none and the sources repeated whole. A statement origin stands for its agent
 * (and the body it spoke for); a source origin for its publisher and author and for the agents the
 * statements that repeat it name.
 */
function originsOf(p: ClaimProvenance, stance: Stance): { origins: Origin[]; documentIds: Set<number> } {
  const statements = p.attributions.filter((a) => a.stance === stance);
  const statementOf = new Map(p.attributions.map((a) => [a.id, a]));
  const byKey = new Map<string, Origin>();
  const documentIds = new Set<number>();
  const origin = (key: string, make: () => Origin) => {
    if (!byKey.has(key)) byKey.set(key, make());
    return byKey.get(key)!;
  };
  for (const a of statements) {
    const walk = walkStatements([a.id], p.steps, p.depth);
    for (const id of walk.reached.keys()) documentIds.add(statementOf.get(id)!.sourceId);
    for (const id of walk.rootStatements) {
      const root = statementOf.get(id)!;
      const source = p.sources.get(root.sourceId)!;
      origin(`statement:${id}`, () => ({
        statement: root,
        source,
        unscRecord: null,
        reliability: source.reliability,
        attributions: [],
        agentIds: present([root.agentId, root.onBehalfOfId]),
        at: root.statedAt ?? source.publicationTime,
      })).attributions.push(a);
    }
    for (const [sourceId, repeating] of walk.rootSources) {
      documentIds.add(sourceId);
      const source = p.sources.get(sourceId)!;
      const o = origin(`source:${sourceId}`, () => ({
        statement: null,
        source,
        unscRecord: null,
        reliability: source.reliability,
        attributions: [],
        agentIds: present([source.publisherId, source.authorId]),
        at: source.publicationTime,
      }));
      o.attributions.push(a);
      const named = repeating.flatMap((id) => [statementOf.get(id)!.agentId, statementOf.get(id)!.onBehalfOfId]);
      o.agentIds = present([...o.agentIds, ...named]);
    }
  }
  for (const o of byKey.values()) o.attributions = [...new Set(o.attributions)];
  return { origins: [...byKey.values()], documentIds };
}

const label = (o: Origin) =>
  o.source ? `${o.source.key} (${o.source.title})` : `UN record ${o.unscRecord!.symbol ?? o.unscRecord!.key}`;

/** The independent origins among `origins` (UN records each stand alone), then the UN records. */
function independentOf(p: ClaimProvenance, origins: Origin[], records: Origin[]): IndependentOrigin[] {
  const standing = origins.map((o) => ({ agentIds: o.agentIds, at: o.at }));
  const groups = groupOrigins(standing, p.relations, p.entityNames).map(({ members, reasons }) => {
    const joined = members.map((i) => origins[i]!);
    const best = GRADES.find((g) => joined.some((o) => o.reliability === g)) ?? null;
    return { origins: joined, reliability: best, reasons };
  });
  return [...groups, ...records.map((r) => ({ origins: [r], reliability: r.reliability, reasons: [] }))];
}

/** The corroboration of many claims, from the one statement their provenance costs. */
export async function loadCorroboration(db: RawReader, claimIds: readonly number[]): Promise<Corroboration[]> {
  const provenance = await loadClaimProvenance(db, claimIds, MAX_DERIVATION_DEPTH);
  return provenance.map((p) => {
    const asOrigin = (r: RecordFact): Origin => ({
      statement: null,
      source: null,
      unscRecord: r,
      reliability: UN_RECORD_RELIABILITY,
      attributions: [],
      agentIds: [],
      at: null,
    });
    const records = (support: RecordFact['support']) => p.records.filter((r) => r.support === support).map(asOrigin);
    const support = originsOf(p, 'SUPPORTS');
    const against = originsOf(p, 'REFUTES');
    const independent = independentOf(p, support.origins, records('SUPPORTS'));
    const independentContradicting = independentOf(p, against.origins, records('CONTRADICTS'));
    const partial = records('PARTLY_SUPPORTS');
    const graded = (g: IndependentOrigin) => ({
      label: g.origins.map(label).join(' and '),
      reliability: g.reliability,
    });
    return {
      provenance: p,
      supporting: [...support.origins, ...records('SUPPORTS')],
      independent,
      contradicting: [...against.origins, ...records('CONTRADICTS')],
      independentContradicting,
      partial,
      documentIds: [...support.documentIds].toSorted((a, b) => a - b),
      suggestion: suggestCredibility({
        modality: p.modality,
        supporting: independent.map(graded),
        contradicting: independentContradicting.map(graded),
        joined: [...independent, ...independentContradicting]
          .filter((g) => g.origins.length > 1)
          .map((g) => ({ labels: g.origins.map(label), reasons: g.reasons })),
        partial: partial.map((o) => ({ label: label(o), note: o.unscRecord!.note })),
      }),
    };
  });
}
