import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import type { EntityRelation, Modality, SourceReliability, Stance } from '../generated/prisma/enums';
import { grouped } from '../grouped';
import { type CredibilitySuggestion, suggestCredibility } from './credibility';
import { claimFacts, claimsMatching, type RecordFact, type SourceFact } from './derivation-graph';
import { originsCte } from './origins';

/**
 * One origin of the information: a statement that repeats no other (the agent said it there, first),
 * a source repeated as a whole (no statement in it is on record), or a UN record; with the claim's
 * statements that trace back to it and the agents who stand behind it.
 */
export type Origin = {
  statementId: number | null;
  source: SourceFact | null;
  unscRecord: RecordFact | null;
  reliability: SourceReliability | null;
  attributionIds: number[];
  agentIds: number[];
};

/** Origins that are not independent of each other, counted once, graded by the most reliable, and why they were joined. */
export type IndependentOrigin = { origins: Origin[]; reliability: SourceReliability | null; reasons: string[] };

export type Corroboration = {
  claimId: number;
  /** The curator's grade. */
  credibility: number | null;
  /** Every origin of the statements that support the claim, and the UN records that fully support it. */
  supporting: Origin[];
  independent: IndependentOrigin[];
  contradicting: Origin[];
  independentContradicting: IndependentOrigin[];
  /** UN records that bear the claim out only in part: shown, never counted as confirmation. */
  partial: Origin[];
  /** Every document that carries a supporting statement or lies between it and its origins. */
  documentIds: number[];
  /** The sources of the origins and of the documents. */
  sources: Map<number, SourceFact>;
  suggestion: CredibilitySuggestion;
};

/** An origin of a claim's statements of one stance, or a UN record, as originsCte defines it, with the independent origin (`group`) it is in. */
type OriginRow = {
  claimId: number;
  stance: Stance;
  key: string;
  group: string;
  statementId: number | null;
  sourceId: number | null;
  /** A UN record's draft, where the origin is one. */
  draftId: number | null;
  agentIds: number[];
  attributionIds: number[];
};
/** Why origins `a` and `b` (a first) are one: the body both speak for, and the relations up to it from a's agents, then b's. */
type LinkRow = {
  claimId: number;
  stance: Stance;
  a: string;
  b: string;
  entity: string;
  path: { holder: string; relation: EntityRelation; organisation: string; title: string }[];
};
type CorroborationFacts = {
  claims: { id: number; modality: Modality; credibility: number | null }[];
  /** The origins in statements and sources, then (`recorded`) the UN records, each in order. */
  origins: OriginRow[];
  recorded: OriginRow[];
  links: LinkRow[];
  documents: { claimId: number; sourceId: number }[];
  sources: SourceFact[];
  records: RecordFact[];
};

// A Security Council decision is known from its verbatim record: an official primary record.
const UN_RECORD_RELIABILITY: SourceReliability = 'A';
const GRADES: (SourceReliability | null)[] = ['A', 'B', 'C', 'D', 'E', 'F', null];

/**
 * The origins of many claims, their independent origins and the links that joined them (see
 * originsCte), the documents the supporting statements pass through, and the sources and UN records:
 * one statement, however many claims.
 */
async function corroborationFacts(db: RawReader, claimIds: readonly number[]): Promise<CorroborationFacts> {
  const claims = claimsMatching(claimIds);
  const [row] = await db.$queryRaw<{ facts: CorroborationFacts }[]>(Prisma.sql`
    WITH RECURSIVE ${originsCte(claims, 'both')},
    documents AS (
      SELECT r.claim_id, a.source_id FROM o_reach r JOIN o_att a ON a.id = r.node WHERE r.stance = 'SUPPORTS'
      UNION
      SELECT claim_id, source_id FROM o_traced WHERE stance = 'SUPPORTS' AND statement_id IS NULL
    )
    SELECT json_build_object(
      ${claimFacts(claims, Prisma.sql`SELECT source_id FROM o_origin UNION SELECT source_id FROM documents`)},
      'origins', (SELECT coalesce(json_agg(json_build_object('claimId', o.claim_id, 'stance', o.stance, 'key', o.origin, 'group', g.label,
                    'statementId', o.statement_id, 'sourceId', o.source_id, 'draftId', NULL,
                    'agentIds', (SELECT json_agg(x.entity ORDER BY x.pos) FROM o_agent x
                                  WHERE (x.claim_id, x.stance, x.origin) = (o.claim_id, o.stance, o.origin)),
                    'attributionIds', (SELECT json_agg(DISTINCT t.start ORDER BY t.start) FROM o_traced t
                                        WHERE (t.claim_id, t.stance, t.origin) = (o.claim_id, o.stance, o.origin)))
                    ORDER BY o.claim_id, o.stance, o.rank), '[]')
                    FROM o_origin o JOIN o_group g USING (claim_id, stance, origin)),
      'recorded', (SELECT coalesce(json_agg(json_build_object('claimId', claim_id, 'stance', stance, 'key', origin, 'group', origin,
                     'statementId', NULL, 'sourceId', NULL, 'draftId', draft_id, 'agentIds', '[]'::json, 'attributionIds', '[]'::json)
                     ORDER BY claim_id, stance, draft_id), '[]') FROM o_record),
      'links', (SELECT coalesce(json_agg(json_build_object('claimId', l.claim_id, 'stance', l.stance, 'a', l.a, 'b', l.b, 'entity', e.name,
                  'path', (SELECT coalesce(json_agg(json_build_object('holder', h.name, 'relation', r.relation, 'organisation', u.name, 'title', r.title)
                                           ORDER BY p.n), '[]')
                             FROM unnest(l.roles) WITH ORDINALITY p(id, n) JOIN entity_role r ON r.id = p.id
                             JOIN entity h ON h.id = r.holder_id JOIN entity u ON u.id = r.organisation_id))), '[]')
                  FROM o_links l JOIN entity e ON e.id = l.entity
                  JOIN o_origin oa ON (oa.claim_id, oa.stance, oa.origin) = (l.claim_id, l.stance, l.a)
                  JOIN o_origin ob ON (ob.claim_id, ob.stance, ob.origin) = (l.claim_id, l.stance, l.b)
                 WHERE oa.rank < ob.rank),
      'documents', (SELECT coalesce(json_agg(json_build_object('claimId', claim_id, 'sourceId', source_id) ORDER BY source_id), '[]') FROM documents)
    ) AS facts`);
  return row!.facts;
}

const label = (o: Origin) =>
  o.source ? `${o.source.key} (${o.source.title})` : `UN record ${o.unscRecord!.symbol ?? o.unscRecord!.key}`;

const says = ({ holder, relation, organisation, title }: LinkRow['path'][number]) =>
  `${holder} ${relation === 'PART_OF' ? 'is part of' : 'acts for'} ${organisation} (${title})`;

/**
 * Why the origins `keys` (one independent origin, in order) count as one: the links that join them, as
 * a spanning tree taken pair by pair in their order, each link told by the relations up to the body
 * both speak for, or by that body when it stands behind both.
 */
function reasonsJoining(keys: string[], linkOf: ReadonlyMap<string, LinkRow>): string[] {
  const part = keys.map((_, i) => i);
  const find = (i: number): number => (part[i] === i ? i : (part[i] = find(part[i]!)));
  const told = new Map<number, string[]>();
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      const [into, from] = [find(i), find(j)];
      const link = linkOf.get(`${keys[i]} ${keys[j]}`);
      if (into === from || !link) continue;
      const why = link.path.length ? link.path.map(says) : [`${link.entity} stands behind both`];
      part[from] = into;
      told.set(into, [...new Set([...(told.get(into) ?? []), ...(told.get(from) ?? []), ...why])]);
    }
  return told.get(find(0)) ?? [];
}

/** The independent origins of `rows` (in order; `origins` alike), graded by their best. */
function independentOf(rows: OriginRow[], origins: Origin[], links: LinkRow[]): IndependentOrigin[] {
  const linkOf = new Map(links.map((l) => [`${l.a} ${l.b}`, l]));
  const groups = grouped([...rows.keys()], (i) => rows[i]!.group);
  return [...groups.values()].map((members) => {
    const joined = members.map((i) => origins[i]!);
    return {
      origins: joined,
      reliability: GRADES.find((g) => joined.some((o) => o.reliability === g)) ?? null,
      reasons: reasonsJoining(
        members.map((i) => rows[i]!.key),
        linkOf,
      ),
    };
  });
}

/** The corroboration of many claims, from the one statement their origins cost. Claims that do not exist are left out. */
export async function loadCorroboration(db: RawReader, claimIds: readonly number[]): Promise<Corroboration[]> {
  const facts = await corroborationFacts(db, claimIds);
  const claims = new Map(facts.claims.map((c) => [c.id, c]));
  const sources = new Map(facts.sources.map((s) => [s.id, s]));
  const origins = grouped([...facts.origins, ...facts.recorded], (o) => o.claimId);
  const links = grouped(facts.links, (l) => l.claimId);
  const documents = grouped(facts.documents, (d) => d.claimId);
  const records = grouped(facts.records, (r) => r.claimId);
  return claimIds.flatMap((claimId) => {
    const claim = claims.get(claimId);
    if (!claim) return [];
    const recordOf = new Map((records.get(claimId) ?? []).map((r) => [r.draftId, r]));
    const asOrigin = (r: RecordFact): Origin => ({
      statementId: null,
      source: null,
      unscRecord: r,
      reliability: UN_RECORD_RELIABILITY,
      attributionIds: [],
      agentIds: [],
    });
    const ofStance = (stance: Stance) => {
      const rows = (origins.get(claimId) ?? []).filter((o) => o.stance === stance);
      const list = rows.map((r): Origin => {
        if (r.draftId !== null) return asOrigin(recordOf.get(r.draftId)!);
        const source = sources.get(r.sourceId!)!;
        const { statementId, agentIds, attributionIds } = r;
        return { statementId, source, unscRecord: null, reliability: source.reliability, attributionIds, agentIds };
      });
      const joined = (links.get(claimId) ?? []).filter((l) => l.stance === stance);
      return { list, independent: independentOf(rows, list, joined) };
    };
    const support = ofStance('SUPPORTS');
    const against = ofStance('REFUTES');
    const independent = support.independent;
    const independentContradicting = against.independent;
    const partial = [...recordOf.values()].filter((r) => r.support === 'PARTLY_SUPPORTS').map(asOrigin);
    const graded = (g: IndependentOrigin) => ({
      label: g.origins.map(label).join(' and '),
      reliability: g.reliability,
    });
    return {
      claimId,
      credibility: claim.credibility,
      supporting: support.list,
      independent,
      contradicting: against.list,
      independentContradicting,
      partial,
      documentIds: (documents.get(claimId) ?? []).map((d) => d.sourceId),
      sources,
      suggestion: suggestCredibility({
        modality: claim.modality,
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
