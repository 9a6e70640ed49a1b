import type { EnumOf } from '../graphql';

// What an analyst reads for each of the API's codes (Admiralty grades, PROV derivations, Security
// Council votes), keyed by the schema's enums, so that a new value fails tsc until it has words.

export const modalityLabel: Record<EnumOf<'Modality'>, string> = {
  ASSERTED: 'Asserted',
  HEDGED: 'Hedged',
  DENIED: 'Denied',
  NOT_CONFIRMED: 'Not confirmed',
};

export const rankLabel: Record<EnumOf<'Rank'>, string> = {
  PREFERRED: 'Preferred',
  NORMAL: 'Normal',
  DEPRECATED: 'Deprecated',
};

export const stanceLabel: Record<EnumOf<'Stance'>, string> = {
  SUPPORTS: 'Supports',
  REPORTS: 'Reports',
  REFUTES: 'Refutes',
};

export const voteLabel: Record<EnumOf<'UnscVoteCast'>, string> = {
  Y: 'Yes',
  N: 'No',
  A: 'Abstention',
  X: 'Not participating',
};

export const supportLabel: Record<EnumOf<'RecordSupport'>, string> = {
  SUPPORTS: 'Supports it fully',
  PARTLY_SUPPORTS: 'Supports it in part',
  CONTEXT: 'Context',
  CONTRADICTS: 'Contradicts it',
};

export const wordingLabel: Record<EnumOf<'Wording'>, string> = {
  OWN_WORDS: 'Own words',
  REPORTED: "Reporter's words",
  UNKNOWN: 'Wording unknown',
};

export const outcomeLabel: Record<EnumOf<'UnscOutcome'>, string> = {
  ADOPTED: 'Adopted',
  NOT_ADOPTED: 'Not adopted',
};

export const derivationLabel: Record<EnumOf<'DerivationKind'>, string> = {
  CITES: 'cites',
  QUOTES: 'quotes',
  PARAPHRASES: 'paraphrases',
  PRIMARY_SOURCE: 'has as primary source',
  REVISION_OF: 'revises',
  SUMMARISES: 'summarises',
  TRANSLATES: 'translates',
};

export const tensionLabel: Record<EnumOf<'TensionKind'>, string> = {
  ASSERTED_VS_DENIED: 'Asserted vs denied',
  ASSERTED_VS_NOT_CONFIRMED: 'Asserted vs not confirmed',
  CONFLICTING_VALUES: 'Conflicting values',
  DISPUTED: 'Disputed evidence',
};

export const reliabilityLabel: Record<EnumOf<'SourceReliability'>, string> = {
  A: 'A: completely reliable',
  B: 'B: usually reliable',
  C: 'C: fairly reliable',
  D: 'D: not usually reliable',
  E: 'E: unreliable',
  F: 'F: reliability cannot be judged',
};

const credibilityLabels = [
  '1: confirmed by other sources',
  '2: probably true',
  '3: possibly true',
  '4: doubtful',
  '5: improbable',
  '6: truth cannot be judged',
];

/** An Admiralty information-credibility grade, 1-6, in words. */
export const credibilityLabel = (grade: number | null | undefined) =>
  grade == null ? 'not graded' : (credibilityLabels[grade - 1] ?? String(grade));

export const credibilityGrades = credibilityLabels.map((label, index) => ({ grade: index + 1, label }));

export const identifierLabel: Record<EnumOf<'IdentifierScheme'>, string> = {
  WIKIDATA: 'Wikidata',
  ISO_3166_1_ALPHA_2: 'ISO 3166-1 alpha-2',
  ISO_3166_1_ALPHA_3: 'ISO 3166-1 alpha-3',
  UN_M49: 'UN M49',
};

/** An enum's values, in the order its labels list them (e.g. the rows of a table, the options of a select). */
export const valuesOf = <Value extends string>(labels: Record<Value, string>) => Object.keys(labels) as Value[];

/** Title case for enum codes the labels above do not cover (entity and source kinds). */
export const codeLabel = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
