import type { DerivationKind, EntityKind, Modality, SourceKind } from '../generated/prisma/enums';

// What the proposer suggests for one report. Spans are [start, end) in Unicode code points of the
// report's text, as attribution spans are (src/rules/quotation.ts). Proposals refer to each other by
// `ref` (e1, s3, q1, d2), unique within one draft.

export type Span = [number, number];

/** What produced a proposal: the rule, and the words of the text it fired on. */
export type Cue = { rule: string; text: string; span: Span };

type Proposed = { ref: string; cue: Cue; confidence: number };

export type EntityProposal = Proposed & {
  kind: 'ENTITY';
  /** The entity's key: an existing entity's, or the key proposed for a new one. */
  entity: string;
  /** False when the entity is proposed as new. */
  existing: boolean;
  name: string;
  entityKind: EntityKind;
  /** Other existing entities the same words name. */
  alternatives: string[];
  mentions: { span: Span; text: string }[];
};

export type StatementProposal = Proposed & {
  kind: 'STATEMENT';
  span: Span;
  quotation: string;
  /** Entity key of who states it (existing, or a new entity proposal's key). */
  agent: string;
  onBehalfOf: string | null;
  /** True when the words are the agent's own (inside quotation marks), false for the reporter's wording. */
  ownWords: boolean;
  modality: Modality;
  /** The hedge or negation behind a modality other than ASSERTED. */
  modalityCue: Cue | null;
  /** Statements with the same claim key become one claim with several attributions. */
  claim: string;
  /**
   * An existing claim that already holds a statement in the same words (claim-links.ts): the commit adds
   * this statement to it as a new attribution. Null (or absent, in drafts proposed before linking): the
   * statement makes or joins the new claim `claim`.
   */
  linkedClaim?: string | null;
  subject: string;
  predicate: string;
  statement: string;
};

export type QuantityProposal = Proposed & {
  kind: 'QUANTITY';
  span: Span;
  text: string;
  amount: string;
  unit: string | null;
  approximate: boolean;
  lowerBound: string | null;
  upperBound: string | null;
  /** The statement whose value it is, if one covers it. */
  statement: string | null;
};

export type DerivationProposal = Proposed & {
  kind: 'DERIVATION';
  /** Key of the earlier source: an existing source's, or the key proposed for a new one. */
  origin: string;
  existing: boolean;
  alternatives: string[];
  /** How the report draws on it. */
  how: DerivationKind;
  /** For a new source: its kind, title and publisher. */
  sourceKind: SourceKind;
  title: string;
  publisher: string | null;
  /** The statements that repeat it, where the cue says. */
  statements: string[];
};

export type Proposal = EntityProposal | StatementProposal | QuantityProposal | DerivationProposal;
