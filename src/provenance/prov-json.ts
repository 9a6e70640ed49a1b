import type { Attribution, Claim, Entity, PrismaClient, Source } from '../generated/prisma/client';
import type { DerivationKind, EntityKind } from '../generated/prisma/enums';
import { type ClaimProvenance, loadClaimProvenance } from './claim-provenance';
import { MAX_DERIVATION_DEPTH } from './derivation-graph';

// W3C PROV-JSON (Member Submission, 2013). Our stable keys are already qualified names: the prefixes
// `entity`, `source` and `claim` map them to URNs, so `entity:pentagon` names the same thing everywhere.
// A statement (an attribution) is an entity of its own, `statement:<claim>.<n>`, numbered in the order
// the claim's statements were recorded; statements derive from statements (prov:Quotation for
// wasQuotedFrom) and the claim from its statements. Document-level derivations are context, marked so.

export type ProvJson = {
  prefix: Record<string, string>;
  entity: Record<string, Record<string, unknown>>;
  agent: Record<string, Record<string, unknown>>;
  wasAttributedTo: Record<string, Record<string, unknown>>;
  wasDerivedFrom: Record<string, Record<string, unknown>>;
  actedOnBehalfOf: Record<string, Record<string, unknown>>;
};

const derivationType: Record<DerivationKind, string> = {
  QUOTES: 'prov:Quotation',
  PARAPHRASES: 'kb:Paraphrase',
  PRIMARY_SOURCE: 'prov:PrimarySource',
  REVISION_OF: 'prov:Revision',
  CITES: 'kb:Citation',
  SUMMARISES: 'kb:Summary',
  TRANSLATES: 'kb:Translation',
};
const agentType = (kind: EntityKind) =>
  kind === 'PERSON' ? 'prov:Person' : kind === 'LOCATION' || kind === 'OTHER' ? 'prov:Agent' : 'prov:Organization';
const dateTime = (d: Date) => ({ $: d.toISOString(), type: 'xsd:dateTime' });

export class ClaimNotFoundError extends Error {
  override name = 'ClaimNotFoundError';
}

/** The rows the PROV-JSON documents of some provenances show. */
export type ProvRows = {
  claims: Map<number, Claim>;
  attributions: Map<number, Attribution>;
  sources: Map<number, Source>;
  entities: Map<number, Entity>;
};

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** Loads the rows for the PROV-JSON of many provenances in four statements, however many. */
export async function loadProvRows(prisma: PrismaClient, provenances: readonly ClaimProvenance[]): Promise<ProvRows> {
  const entityIds = new Set<number>();
  for (const p of provenances) {
    for (const a of p.attributions) [a.agentId, a.onBehalfOfId].forEach((id) => id !== null && entityIds.add(id));
    for (const s of p.sources.values()) [s.publisherId, s.authorId].forEach((id) => id !== null && entityIds.add(id));
  }
  const claims = await prisma.claim.findMany({ where: { id: { in: provenances.map((p) => p.claimId) } } });
  const attributions = await prisma.attribution.findMany({
    where: { id: { in: provenances.flatMap((p) => p.attributions.map((a) => a.id)) } },
  });
  const sources = await prisma.source.findMany({
    where: { id: { in: [...new Set(provenances.flatMap((p) => [...p.sources.keys()]))] } },
  });
  const entities = await prisma.entity.findMany({ where: { id: { in: [...entityIds] } } });
  return { claims: byId(claims), attributions: byId(attributions), sources: byId(sources), entities: byId(entities) };
}

/** A claim's provenance subgraph: the claim, who stated it where, and every source it derives from back to the origins. */
export function provJson(p: ClaimProvenance, rows: ProvRows): ProvJson {
  const claim = rows.claims.get(p.claimId)!;
  const doc: ProvJson = {
    prefix: {
      kb: 'urn:kb:',
      entity: 'urn:kb:entity:',
      source: 'urn:kb:source:',
      claim: 'urn:kb:claim:',
      statement: 'urn:kb:statement:',
    },
    entity: {},
    agent: {},
    wasAttributedTo: {},
    wasDerivedFrom: {},
    actedOnBehalfOf: {},
  };
  const agent = (id: number) => {
    const e = rows.entities.get(id)!;
    doc.agent[e.key] = { 'prov:type': agentType(e.kind), 'prov:label': e.name };
    return e.key;
  };
  const sourceKey = (id: number) => p.sources.get(id)!.key;
  doc.entity[claim.key] = {
    'prov:type': 'kb:Claim',
    'prov:label': claim.statement,
    'kb:predicate': claim.predicate,
    'kb:modality': claim.modality,
    'kb:rank': claim.rank,
    ...(claim.credibility ? { 'kb:credibility': claim.credibility } : {}),
  };
  const sourceIds = new Set([
    ...p.attributions.map((a) => a.sourceId),
    ...p.steps.flatMap((s) => s.originSourceId ?? []),
    ...p.documentSteps.map((s) => s.originId),
  ]);
  for (const s of [...sourceIds].map((id) => rows.sources.get(id)!).toSorted((a, b) => a.key.localeCompare(b.key))) {
    doc.entity[s.key] = {
      'prov:type': `kb:${s.kind}`,
      'prov:label': s.title,
      ...(s.url ? { 'prov:location': s.url } : {}),
      ...(s.publishedAt ? { 'kb:publishedAt': dateTime(s.publishedAt) } : {}),
      ...(s.reliability ? { 'kb:reliability': s.reliability } : {}),
    };
    for (const [role, id] of [
      ['publisher', s.publisherId],
      ['author', s.authorId],
    ] as const) {
      if (id !== null)
        doc.wasAttributedTo[`_:${s.key}:${role}`] = {
          'prov:entity': s.key,
          'prov:agent': agent(id),
          'prov:role': `kb:${role}`,
        };
    }
  }
  const statementId = new Map(
    p.attributions.map((a, i) => [a.id, `statement:${claim.key.slice('claim:'.length)}.${i + 1}`]),
  );
  for (const fact of p.attributions) {
    const a = rows.attributions.get(fact.id)!;
    const id = statementId.get(a.id)!;
    doc.entity[id] = {
      'prov:type': 'kb:Statement',
      'kb:source': sourceKey(a.sourceId),
      ...(a.quotation === null
        ? { 'kb:textHeld': false }
        : { 'prov:value': a.quotation, 'kb:spanStart': a.spanStart, 'kb:spanEnd': a.spanEnd }),
      'kb:stance': a.stance,
      'kb:wording': a.wording,
      ...(a.statedAt ? { 'prov:generatedAtTime': a.statedAt.toISOString() } : {}),
    };
    doc.wasAttributedTo[`_:${id}:agent`] = { 'prov:entity': id, 'prov:agent': agent(a.agentId) };
    doc.wasDerivedFrom[`_:${claim.key}:from:${id}`] = { 'prov:generatedEntity': claim.key, 'prov:usedEntity': id };
    if (a.onBehalfOfId !== null) {
      const delegate = agent(a.agentId);
      const responsible = agent(a.onBehalfOfId);
      doc.actedOnBehalfOf[`_:${delegate}:for:${responsible}`] = {
        'prov:delegate': delegate,
        'prov:responsible': responsible,
      };
    }
  }
  for (const e of p.steps) {
    const derived = statementId.get(e.derivedId)!;
    const origin = e.originId === null ? sourceKey(e.originSourceId!) : statementId.get(e.originId)!;
    doc.wasDerivedFrom[`_:${derived}:${e.kind.toLowerCase()}:${origin}`] = {
      'prov:generatedEntity': derived,
      'prov:usedEntity': origin,
      'prov:type': derivationType[e.kind],
      ...(e.note ? { 'prov:label': e.note } : {}),
    };
  }
  for (const e of p.documentSteps) {
    const derived = sourceKey(e.derivedId);
    const origin = sourceKey(e.originId);
    doc.wasDerivedFrom[`_:${derived}:${e.kind.toLowerCase()}:${origin}`] = {
      'prov:generatedEntity': derived,
      'prov:usedEntity': origin,
      'prov:type': derivationType[e.kind],
      'kb:documentLevel': true,
      ...(e.note ? { 'prov:label': e.note } : {}),
    };
  }
  return doc;
}

export async function claimProvJson(
  prisma: PrismaClient,
  claimKey: string,
  depth = MAX_DERIVATION_DEPTH,
): Promise<ProvJson> {
  const claim = await prisma.claim.findUnique({ where: { key: claimKey }, select: { id: true } });
  if (!claim) throw new ClaimNotFoundError(`no claim ${claimKey}`);
  const provenance = await loadClaimProvenance(prisma, [claim.id], depth);
  return provJson(provenance[0]!, await loadProvRows(prisma, provenance));
}
