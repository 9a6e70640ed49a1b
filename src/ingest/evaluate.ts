import type { Bundle } from '../bundle/format';
import type { Modality } from '../generated/prisma/enums';
import { codePoints } from '../rules/quotation';
import type { Proposal, Span, StatementProposal } from './proposals';

// Scores proposals against a curated answer: the seed bundle, or the answer file of a test report.

type GoldAttribution = { span: Span; agent: string; modality: Modality; ownWords: boolean };
export type Gold = {
  attributions: GoldAttribution[];
  /** Entity keys the answer's statements refer to. */
  entities: string[];
  /** What the report derives from: source keys (seed) or the publishers of the sources (test reports). */
  derivations: string[];
  derivationsBy: 'origin' | 'publisher';
  /** Per attribution (same order), the sources its statement repeats; null where the answer does not say. */
  statementOrigins: string[][] | null;
  /**
   * Per attribution (same order), the claim of the knowledge base it is a statement of, which its
   * proposal should link to; null where the knowledge base holds none.
   */
  claims: (string | null)[];
};

type Score = { precision: number; recall: number; predicted: number; expected: number };
export type Scores = Record<
  'entities' | 'statements' | 'agents' | 'ownWords' | 'modality' | 'derivations' | 'links',
  Score
> & {
  /** Pairs of a statement and the earlier source it repeats; null where the answer does not say. */
  statementDerivations: Score | null;
  /** Of the curated attributions found, the share whose modality the proposal has right. */
  modalityOfFound: number;
  found: number;
};

const OPENING = /[“"«„]/;
const CLOSING = /[”"»]/;

/** Whether the words at a span stand inside quotation marks in the text (the seed tells wording from the marks too). */
function quotedAt(points: string[], [start, end]: Span): boolean {
  // The closing mark may follow a comma or stop the quotation leaves out ("...transmission,” said).
  const after = (points[end] ?? '') + (points[end + 1] ?? '');
  return OPENING.test(points[start - 1] ?? '') && (CLOSING.test(after.charAt(0)) || /^[,.;:!?][”"»]/.test(after));
}

/** The seed's answer: every attribution in `sourceKey`, with its claim's modality. */
export function bundleGold(bundle: Bundle, sourceKey: string): Gold {
  const source = bundle.sources.find((s) => s.key === sourceKey);
  const points = codePoints(source?.text ?? '');
  const attributions: GoldAttribution[] = [];
  const statementOrigins: string[][] = [];
  const claims: string[] = [];
  const entities = new Set<string>();
  for (const claim of bundle.claims) {
    // Statements in the source's text: each has its span (those without are in sources whose text is not held).
    const here = claim.attributions.flatMap((a) => (a.source === sourceKey && a.span ? [{ ...a, span: a.span }] : []));
    if (!here.length) continue;
    for (const key of [
      claim.subject,
      claim.qualifiers.place,
      claim.value.kind === 'ENTITY' ? claim.value.entity : undefined,
    ])
      if (key) entities.add(key);
    for (const a of here) {
      entities.add(a.agent);
      if (a.onBehalfOf) entities.add(a.onBehalfOf);
      attributions.push({ span: a.span, agent: a.agent, modality: claim.modality, ownWords: quotedAt(points, a.span) });
      statementOrigins.push(a.derivedFrom.map((d) => d.source ?? d.statement!.source));
      claims.push(claim.key);
    }
  }
  return {
    attributions,
    entities: [...entities],
    derivations: source?.derivedFrom.map((d) => d.source) ?? [],
    derivationsBy: 'origin',
    statementOrigins,
    claims,
  };
}

export type Answers = {
  title: string;
  publisher: string;
  attributions: { quotation: string; agent: string; modality: Modality; ownWords: boolean }[];
  derivations: string[];
  quantities: { text: string; amount: string; approximate: boolean }[];
};

/**
 * A test report's answer file: quotations are found in the text. The reports are about events the
 * knowledge base (the seed) does not hold: none of their statements is of a claim it has.
 */
export function answersGold(text: string, answers: Answers): Gold {
  const points = codePoints(text);
  const spanOf = (quotation: string): Span => {
    const at = text.indexOf(quotation);
    if (at < 0) throw new Error(`answer quotation not in the text: ${quotation}`);
    const start = codePoints(text.slice(0, at)).length;
    return [start, start + codePoints(quotation).length];
  };
  const attributions = answers.attributions.map((a) => ({ ...a, span: spanOf(a.quotation) }));
  for (const a of attributions)
    if (a.ownWords !== quotedAt(points, a.span))
      throw new Error(`answer ownWords disagrees with the marks: ${a.span.join('-')}`);
  return {
    attributions,
    entities: [...new Set(attributions.map((a) => a.agent))],
    derivations: answers.derivations,
    derivationsBy: 'publisher',
    statementOrigins: null,
    claims: attributions.map(() => null),
  };
}

/** Dice overlap of two spans: 1 for the same span, 0 for disjoint ones. */
function overlap([a, b]: Span, [c, d]: Span): number {
  const shared = Math.max(0, Math.min(b, d) - Math.max(a, c));
  return (2 * shared) / (b - a + (d - c));
}
/** Spans that share at least half their length (Dice >= 0.5) are the same statement. */
const SAME_STATEMENT = 0.5;

/** An agent is right when it is the key, or a new entity whose key contains the answer's name or the other way. */
function sameAgent(proposed: string, expected: string): boolean {
  const bare = (key: string) => key.replace(/^entity:/, '');
  return proposed === expected || bare(proposed).includes(bare(expected)) || bare(expected).includes(bare(proposed));
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const score = (hitsP: number, predicted: number, hitsR: number, expected: number): Score => ({
  precision: ratio(hitsP, predicted),
  recall: ratio(hitsR, expected),
  predicted,
  expected,
});

export function scoreProposals(proposals: Proposal[], gold: Gold): Scores {
  const statements = proposals.filter((p): p is StatementProposal => p.kind === 'STATEMENT');
  const matches = (p: StatementProposal, g: GoldAttribution) => overlap(p.span, g.span) >= SAME_STATEMENT;
  // For each curated attribution, the proposals that cover it, the same agent's first.
  const covering = gold.attributions.map((g) =>
    statements
      .filter((p) => matches(p, g))
      .toSorted(
        (x, y) =>
          Number(sameAgent(y.agent, g.agent)) - Number(sameAgent(x.agent, g.agent)) ||
          overlap(y.span, g.span) - overlap(x.span, g.span),
      ),
  );
  const agree = (field: (p: StatementProposal, g: GoldAttribution) => boolean) => {
    const hitsR = gold.attributions.filter((g, i) => covering[i]!.some((p) => field(p, g))).length;
    const hitsP = statements.filter((p) => gold.attributions.some((g) => matches(p, g) && field(p, g))).length;
    return score(hitsP, statements.length, hitsR, gold.attributions.length);
  };
  const found = covering.filter((c) => c.length).length;
  const modalityRight = gold.attributions.filter(
    (g, i) => covering[i]![0] && covering[i]![0].modality === g.modality,
  ).length;

  const linked = new Set(proposals.flatMap((p) => (p.kind === 'ENTITY' ? [p.entity] : [])));
  const entityHits = [...linked].filter((k) => gold.entities.some((g) => sameAgent(k, g))).length;
  const derived = proposals.flatMap((p) =>
    p.kind === 'DERIVATION'
      ? [gold.derivationsBy === 'origin' ? (p.existing ? p.origin : '') : (p.publisher ?? '')]
      : [],
  );
  // A proposed pair (statement, existing source it repeats) is right when a curated statement it covers repeats that source.
  const repeatsOf = new Map(
    statements.map((p) => [
      p,
      proposals.flatMap((d) =>
        d.kind === 'DERIVATION' && d.existing && d.statements.includes(p.ref) ? [d.origin] : [],
      ),
    ]),
  );
  const repeats = (p: StatementProposal) => repeatsOf.get(p) ?? [];
  const origins = gold.statementOrigins;
  const statementDerivations =
    origins &&
    score(
      statements
        .flatMap((p) => repeats(p).map((o) => ({ p, o })))
        .filter(({ p, o }) => gold.attributions.some((g, i) => matches(p, g) && origins[i]!.includes(o))).length,
      statements.reduce((n, p) => n + repeats(p).length, 0),
      gold.attributions
        .flatMap((_, i) => origins[i]!.map((o) => ({ i, o })))
        .filter(({ i, o }) => covering[i]!.some((p) => repeats(p).includes(o))).length,
      origins.reduce((n, o) => n + o.length, 0),
    );
  // A link is right when its statement covers a curated statement of the claim it links to. Any other
  // link (to another claim, or from words the answer records no statement of) is wrong: committing would
  // add evidence to a claim it is not about. A wrong link counts against precision and recall; a
  // statement left unlinked (it would become a claim of its own, which the review can link) against
  // recall only.
  const linkedStatements = statements.filter((p) => p.linkedClaim);
  const links = score(
    linkedStatements.filter((p) => gold.attributions.some((g, i) => matches(p, g) && gold.claims[i] === p.linkedClaim))
      .length,
    linkedStatements.length,
    gold.claims.filter((claim, i) => claim && covering[i]!.some((p) => p.linkedClaim === claim)).length,
    gold.claims.filter(Boolean).length,
  );
  const derivationHits = new Set(derived.filter((k) => gold.derivations.some((g) => k !== '' && sameAgent(k, g))));
  return {
    entities: score(
      entityHits,
      linked.size,
      gold.entities.filter((g) => [...linked].some((k) => sameAgent(k, g))).length,
      gold.entities.length,
    ),
    statements: agree(() => true),
    agents: agree((p, g) => sameAgent(p.agent, g.agent)),
    ownWords: agree((p, g) => sameAgent(p.agent, g.agent) && p.ownWords === g.ownWords),
    modality: agree((p, g) => p.modality === g.modality),
    derivations: score(
      derived.filter((k) => derivationHits.has(k)).length,
      derived.length,
      gold.derivations.filter((g) => [...derivationHits].some((k) => sameAgent(k, g))).length,
      gold.derivations.length,
    ),
    links,
    statementDerivations,
    modalityOfFound: ratio(modalityRight, found),
    found,
  };
}
