import { FEED_TABLES, type FeedTable } from '../changes/feed';
import {
  ApiRole,
  ChangeOperation,
  DerivationKind,
  EntityKind,
  EntityRelation,
  IdentifierScheme,
  Modality,
  Rank,
  RecordSupport,
  SourceField,
  SourceKind,
  SourceReliability,
  Stance,
  TimePrecision,
  UnscOutcome,
  UnscSeat,
  UnscVoteCast,
  ValueKind,
  Wording,
} from '../generated/prisma/enums';
import { builder } from './builder';

// The database enums, exposed under their own names so that the API and the bundle format share one vocabulary.
export const ApiRoleEnum = builder.enumType(ApiRole, {
  name: 'ApiRole',
  description: 'READER: queries; ANALYST: curation; ADMIN: keys and bundle imports.',
});
export const EntityKindEnum = builder.enumType(EntityKind, { name: 'EntityKind' });
export const IdentifierSchemeEnum = builder.enumType(IdentifierScheme, { name: 'IdentifierScheme' });
export const SourceKindEnum = builder.enumType(SourceKind, { name: 'SourceKind' });
export const SourceReliabilityEnum = builder.enumType(SourceReliability, {
  name: 'SourceReliability',
  description: 'Admiralty source reliability: A completely reliable ... E unreliable, F cannot be judged.',
});
export const DerivationKindEnum = builder.enumType(DerivationKind, {
  name: 'DerivationKind',
  description:
    'How something repeats an earlier one (PROV wasDerivedFrom): QUOTES verbatim (wasQuotedFrom), PARAPHRASES, CITES, SUMMARISES, TRANSLATES; REVISION_OF and PRIMARY_SOURCE relate documents.',
});
export const EntityRelationEnum = builder.enumType(EntityRelation, {
  name: 'EntityRelation',
  description:
    'ACTS_FOR: the holder speaks or acts on behalf of the organisation (a minister, a spokesman); PART_OF: it is an agency, ministry or branch of it.',
});
export const RecordSupportEnum = builder.enumType(RecordSupport, {
  name: 'RecordSupport',
  description:
    'How far a UN record bears a claim out: SUPPORTS (confirms it), PARTLY_SUPPORTS (shown as partial, never a confirmation), CONTEXT, CONTRADICTS.',
});
export const SourceFieldEnum = builder.enumType(SourceField, {
  name: 'SourceField',
  description: 'A field of a source whose origin, the document or the curator, can be stated.',
});
export const WordingEnum = builder.enumType(Wording, {
  name: 'Wording',
  description:
    "Whose words a statement's quotation is: OWN_WORDS (the agent's, inside quotation marks or in its own document), REPORTED (the reporter's), UNKNOWN (the source's text is not held).",
});
export const ValueKindEnum = builder.enumType(ValueKind, { name: 'ValueKind' });
export const TimePrecisionEnum = builder.enumType(TimePrecision, { name: 'TimePrecision' });
export const ModalityEnum = builder.enumType(Modality, {
  name: 'Modality',
  description:
    'How the claim is put: hedges ("may", "could") are HEDGED; "has not confirmed" is NOT_CONFIRMED, not DENIED.',
});
export const RankEnum = builder.enumType(Rank, { name: 'Rank' });
export const StanceEnum = builder.enumType(Stance, { name: 'Stance' });
export const UnscSeatEnum = builder.enumType(UnscSeat, { name: 'UnscSeat' });
export const UnscOutcomeEnum = builder.enumType(UnscOutcome, { name: 'UnscOutcome' });
export const UnscVoteCastEnum = builder.enumType(UnscVoteCast, {
  name: 'UnscVoteCast',
  description: 'Y yes, N no, A abstention, X not participating.',
});
export const ChangeOperationEnum = builder.enumType(ChangeOperation, { name: 'ChangeOperation' });
export const ChangeTableEnum = builder.enumType('ChangeTable', {
  description: 'The logged tables a reader may follow (API keys are logged too, and never shown).',
  values: Object.fromEntries(FEED_TABLES.map((table) => [table.toUpperCase(), { value: table }])) as Record<
    Uppercase<FeedTable>,
    { value: FeedTable }
  >,
});
