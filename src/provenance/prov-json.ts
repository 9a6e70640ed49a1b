import type { EntityKind, DerivationKind } from '../generated/prisma/enums';
import type { PrismaClient } from '../generated/prisma/client';
import { derivationGraph, MAX_DERIVATION_DEPTH } from './derivation-graph';

// W3C PROV-JSON (Member Submission, 2013). Our stable keys are already qualified names: the prefixes
// `entity`, `source` and `claim` map them to URNs, so `entity:pentagon` names the same thing everywhere.

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
  PRIMARY_SOURCE: 'prov:PrimarySource',
  REVISION_OF: 'prov:Revision',
  CITES: 'kb:Citation',
  SUMMARISES: 'kb:Summary',
  TRANSLATES: 'kb:Translation',
};
const agentType = (kind: EntityKind) => (kind === 'PERSON' ? 'prov:Person' : kind === 'LOCATION' || kind === 'OTHER' ? 'prov:Agent' : 'prov:Organization');
const dateTime = (d: Date) => ({ $: d.toISOString(), type: 'xsd:dateTime' });

export class ClaimNotFoundError extends Error {
  override name = 'ClaimNotFoundError';
}

/** A claim's provenance subgraph: the claim, who stated it where, and every source it derives from back to the origins. */
export async function claimProvJson(prisma: PrismaClient, claimKey: string, depth = MAX_DERIVATION_DEPTH): Promise<ProvJson> {
  const claim = await prisma.claim.findUnique({
    where: { key: claimKey },
    include: { attributions: { orderBy: { id: 'asc' }, include: { agent: true, onBehalfOf: true, source: { select: { id: true } } } } },
  });
  if (!claim) throw new ClaimNotFoundError(`no claim ${claimKey}`);
  const graph = await derivationGraph(prisma, [...new Set(claim.attributions.map((a) => a.source.id))], depth);
  const sourceIds = [...new Set([...claim.attributions.map((a) => a.source.id), ...graph.edges.map((e) => e.originId)])];
  const sources = await prisma.source.findMany({ where: { id: { in: sourceIds } }, include: { publisher: true, author: true }, orderBy: { key: 'asc' } });
  const sourceKey = new Map(sources.map((s) => [s.id, s.key]));

  const doc: ProvJson = {
    prefix: { kb: 'urn:kb:', entity: 'urn:kb:entity:', source: 'urn:kb:source:', claim: 'urn:kb:claim:' },
    entity: {},
    agent: {},
    wasAttributedTo: {},
    wasDerivedFrom: {},
    actedOnBehalfOf: {},
  };
  const addAgent = (e: { key: string; name: string; kind: EntityKind }) => {
    doc.agent[e.key] = { 'prov:type': agentType(e.kind), 'prov:label': e.name };
  };
  doc.entity[claim.key] = {
    'prov:type': 'kb:Claim',
    'prov:label': claim.statement,
    'kb:predicate': claim.predicate,
    'kb:modality': claim.modality,
    'kb:rank': claim.rank,
    ...(claim.credibility ? { 'kb:credibility': claim.credibility } : {}),
  };
  for (const s of sources) {
    doc.entity[s.key] = {
      'prov:type': `kb:${s.kind}`,
      'prov:label': s.title,
      ...(s.url ? { 'prov:location': s.url } : {}),
      ...(s.publishedAt ? { 'kb:publishedAt': dateTime(s.publishedAt) } : {}),
      ...(s.reliability ? { 'kb:reliability': s.reliability } : {}),
    };
    for (const [role, agent] of [['publisher', s.publisher], ['author', s.author]] as const) {
      if (!agent) continue;
      addAgent(agent);
      doc.wasAttributedTo[`_:${s.key}:${role}`] = { 'prov:entity': s.key, 'prov:agent': agent.key, 'prov:role': `kb:${role}` };
    }
  }
  claim.attributions.forEach((a, i) => {
    addAgent(a.agent);
    const source = sourceKey.get(a.source.id)!;
    doc.wasAttributedTo[`_:${claim.key}:attribution-${i + 1}`] = {
      'prov:entity': claim.key,
      'prov:agent': a.agent.key,
      'kb:source': source,
      'kb:quotation': a.quotation,
      'kb:spanStart': a.spanStart,
      'kb:spanEnd': a.spanEnd,
      'kb:stance': a.stance,
      ...(a.statedAt ? { 'prov:time': a.statedAt.toISOString() } : {}),
    };
    doc.wasDerivedFrom[`_:${claim.key}:from-${i + 1}`] = { 'prov:generatedEntity': claim.key, 'prov:usedEntity': source, 'prov:type': 'prov:Quotation' };
    if (a.onBehalfOf) {
      addAgent(a.onBehalfOf);
      doc.actedOnBehalfOf[`_:${a.agent.key}:for:${a.onBehalfOf.key}`] = { 'prov:delegate': a.agent.key, 'prov:responsible': a.onBehalfOf.key };
    }
  });
  for (const e of graph.edges) {
    const derived = sourceKey.get(e.derivedId)!;
    const origin = sourceKey.get(e.originId)!;
    doc.wasDerivedFrom[`_:${derived}:${e.kind.toLowerCase()}:${origin}`] = {
      'prov:generatedEntity': derived,
      'prov:usedEntity': origin,
      'prov:type': derivationType[e.kind],
      ...(e.note ? { 'prov:label': e.note } : {}),
    };
  }
  return doc;
}
