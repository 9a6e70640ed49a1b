import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInput } from '../bundle/format';
import type { SourceKind } from '../generated/prisma/enums';
import type { DerivationProposal, EntityProposal, Proposal, QuantityProposal, StatementProposal } from './proposals';

/** A draft as the mapping needs it: its source record and its proposals as reviewed. */
export type DraftRecord = {
  sourceKey: string;
  sourceKind: SourceKind;
  title: string;
  publisher: string;
  url: string | null;
  publishedAt: Date | null;
  language: string;
  text: string;
  proposals: { proposal: Proposal; accepted: boolean }[];
  /**
   * What the knowledge base already holds, as bundle records: the draft's source when its text is that
   * source's (the same document), and the claims its statements are linked to.
   */
  held: { source: HeldSource | null; claims: ReadonlyMap<string, HeldClaim> };
};

type Row<T> = T extends readonly (infer R)[] ? R : never;
type HeldSource = Row<NonNullable<BundleInput['sources']>>;
export type HeldClaim = Row<NonNullable<BundleInput['claims']>>;

/** The claim a statement commits to: the existing one it is linked to, else its own new claim key. */
export const claimOf = (s: StatementProposal) => s.linkedClaim ?? s.claim;

/**
 * The bundle a draft commits, which proposal each of its records came from (to name problems by), and
 * the keys of the records in it that the knowledge base already holds (carried as held, plus what the
 * draft adds to them).
 */
export type DraftBundle = { bundle: BundleInput; origin: (path: string) => string | null; held: Set<string> };

/**
 * The one place a draft becomes bundle records: the source with its text and the accepted derivations,
 * new entities and sources, and one claim per claim key of the accepted statements, with an attribution
 * per statement and an accepted quantity as its value (the importer tells each statement's wording from
 * the quotation marks). An accepted derivation is recorded twice: on the
 * document, as context, and on each statement its cue names, which is what the statement's chain walks.
 * A record the knowledge base holds (the source, when the draft is of the same text; a linked claim) is
 * carried as held with the draft's additions: the importer merges lists and leaves the rest as it is,
 * and a statement already on record (same agent, source and span, not retracted) is not added again; a
 * retracted one leaves its slot to the new statement.
 */
export function draftBundle(draft: DraftRecord): DraftBundle {
  const accepted = draft.proposals.filter((p) => p.accepted).map((p) => p.proposal);
  const of = <K extends Proposal['kind']>(kind: K) =>
    accepted.filter((p): p is Extract<Proposal, { kind: K }> => p.kind === kind);
  const origins = new Map<string, string>();

  const entities = of('ENTITY')
    .filter((e: EntityProposal) => !e.existing)
    .map((e, i) => {
      origins.set(`entities[${i}]`, e.ref);
      return { key: e.entity, kind: e.entityKind, name: e.name };
    });

  const derivations = of('DERIVATION');
  const newSources = derivations
    .filter((d: DerivationProposal) => !d.existing)
    .map((d, i) => {
      origins.set(`sources[${i + 1}]`, d.ref);
      return { key: d.origin, kind: d.sourceKind, title: d.title, ...(d.publisher ? { publisher: d.publisher } : {}) };
    });
  derivations.forEach((d, i) => origins.set(`sources[0].derivedFrom[${i}]`, d.ref));
  const note = (d: DerivationProposal) => `${d.cue.rule}: "${d.cue.text}"`;
  const derivedFrom = derivations.map((d) => ({ source: d.origin, kind: d.how, note: note(d) }));
  const heldSource = draft.held.source;
  const source = heldSource
    ? {
        ...heldSource,
        derivedFrom: [
          ...(heldSource.derivedFrom ?? []),
          ...derivedFrom.filter(
            (d) => !heldSource.derivedFrom?.some((h) => h.source === d.source && h.kind === d.kind),
          ),
        ],
      }
    : {
        key: draft.sourceKey,
        kind: draft.sourceKind,
        title: draft.title,
        publisher: draft.publisher,
        ...(draft.url ? { url: draft.url } : {}),
        ...(draft.publishedAt ? { publishedAt: draft.publishedAt.toISOString() } : {}),
        language: draft.language,
        text: draft.text,
        derivedFrom,
      };

  const quantities = of('QUANTITY');
  const groups = new Map<string, StatementProposal[]>();
  for (const s of of('STATEMENT')) groups.set(claimOf(s), [...(groups.get(claimOf(s)) ?? []), s]);
  const attribution = (s: StatementProposal) => ({
    agent: s.agent,
    ...(s.onBehalfOf ? { onBehalfOf: s.onBehalfOf } : {}),
    source: draft.sourceKey,
    quotation: s.quotation,
    span: s.span,
    stance: 'SUPPORTS' as const,
    derivedFrom: derivations
      .filter((d) => d.statements.includes(s.ref))
      .map((d) => ({ source: d.origin, kind: d.how, note: note(d) })),
  });
  const claims = [...groups.entries()].map(([key, statements], i) => {
    const first = statements[0]!;
    origins.set(`claims[${i}]`, first.ref);
    const held = first.linkedClaim ? draft.held.claims.get(key) : undefined;
    if (held) {
      const recorded = held.attributions ?? [];
      const onRecord = (s: StatementProposal) =>
        recorded.some(
          (a) =>
            !a.retraction && a.agent === s.agent && a.source === draft.sourceKey && a.span?.join() === s.span.join(),
        );
      const added = statements.filter((s) => !onRecord(s));
      added.forEach((s, j) => origins.set(`claims[${i}].attributions[${recorded.length + j}]`, s.ref));
      return { ...held, attributions: [...recorded, ...added.map(attribution)] };
    }
    const quantity = quantities.find((q: QuantityProposal) => statements.some((s) => s.ref === q.statement));
    return {
      key,
      subject: first.subject,
      predicate: first.predicate,
      statement: first.statement,
      value: quantity
        ? {
            kind: 'QUANTITY' as const,
            amount: quantity.amount,
            ...(quantity.unit ? { unit: quantity.unit } : {}),
            approximate: quantity.approximate,
            ...(quantity.lowerBound ? { lowerBound: quantity.lowerBound } : {}),
            ...(quantity.upperBound ? { upperBound: quantity.upperBound } : {}),
          }
        : { kind: 'TEXT' as const, text: first.statement },
      modality: first.modality,
      attributions: statements.map((s, j) => {
        origins.set(`claims[${i}].attributions[${j}]`, s.ref);
        return attribution(s);
      }),
    };
  });

  const bundle: BundleInput = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    description: `Committed from a draft of ${draft.sourceKey}.`,
    entities,
    sources: [source, ...newSources],
    claims,
  };
  const origin = (path: string) => {
    let best: string | null = null;
    let length = -1;
    for (const [prefix, ref] of origins)
      if (
        (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) &&
        prefix.length > length
      ) {
        best = ref;
        length = prefix.length;
      }
    return best;
  };
  const held = new Set([...(heldSource ? [heldSource.key] : []), ...draft.held.claims.keys()]);
  return { bundle, origin, held };
}
