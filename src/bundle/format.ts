import { z } from 'zod';
import {
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
  UnscVoteCast,
  Wording,
} from '../generated/prisma/enums';
import { DECIMAL, dateProblem, storableText, TEXT_LIMITS, tooLong } from '../rules/values';

// The knowledge-bundle format, version 5. Records refer to each other by stable human-written keys
// (entity:pentagon), never by database ids, so a bundle means the same in every database. Versions 1
// to 4 are read too: each is upgraded to the next (upgradeV1 to upgradeV4 below).

export const BUNDLE_FORMAT = 'provenance-kb-bundle';
export const BUNDLE_VERSION = 5;

const slug = '[a-z0-9][a-z0-9._-]*';
const keyOf = (prefix: string) =>
  z
    .string()
    .max(TEXT_LIMITS.key, tooLong(TEXT_LIMITS.key))
    .regex(new RegExp(`^${prefix}:${slug}$`), `must look like ${prefix}:some-name (lower case, digits, . _ -)`);
const entityKey = keyOf('entity');
const sourceKey = keyOf('source');
const claimKey = keyOf('claim');
const draftKey = keyOf('unsc');
export const agendaKey = keyOf('agenda');

// Every string is checked as storable text (no NUL, no lone surrogate, a bounded length).
const nonEmpty = (max: number) => storableText(max).trim().min(1, 'must not be empty');
/** Names, titles, labels: indexed or shown in lists. */
const text = nonEmpty(TEXT_LIMITS.name);
/** Sentences and paragraphs: statements, descriptions, reasons, notes. */
const prose = nonEmpty(TEXT_LIMITS.prose);
const languageTag = z
  .string()
  .max(35, tooLong(35))
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or ko');
const inYears = (value: string, ctx: z.RefinementCtx) => {
  const problem = dateProblem(new Date(value));
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};
const instant = z.iso.datetime({ offset: true }).superRefine(inYears).describe('ISO 8601 date-time with offset');
const day = z.iso.date().superRefine(inYears).describe('ISO 8601 date');
const decimal = z.string().regex(DECIMAL, 'must be a decimal string such as "10000" or "2.5"');

/** Evidence an analyst retracted is carried with its retraction, so that no round trip loses it. */
const retraction = z
  .strictObject({ at: instant, by: text, reason: prose })
  .optional()
  .describe('Set on a retracted record: who retracted it, when and why. It is kept, and left out of every answer.');

const alias = z.strictObject({ name: text, language: languageTag.default('und') });
const identifier = z.strictObject({ scheme: z.enum(IdentifierScheme), value: text }).superRefine((id, ctx) => {
  const formats: Record<IdentifierScheme, RegExp> = {
    WIKIDATA: /^Q[1-9]\d*$/,
    ISO_3166_1_ALPHA_2: /^[A-Z]{2}$/,
    ISO_3166_1_ALPHA_3: /^[A-Z]{3}$/,
    UN_M49: /^\d{3}$/,
  };
  if (!formats[id.scheme].test(id.value))
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${id.value}" is not a valid ${id.scheme} identifier` });
});
const role = z.strictObject({
  title: text.describe('The office or the kind of body: "Press Secretary", "intelligence agency".'),
  organisation: entityKey,
  relation: z
    .enum(EntityRelation)
    .default('ACTS_FOR')
    .describe('ACTS_FOR: speaks or acts on its behalf (a minister, a spokesman); PART_OF: an agency or branch of it.'),
  independent: z
    .boolean()
    .default(false)
    .describe(
      "An explicit independence assertion: the holder's statements are an origin apart from the organisation's.",
    ),
  validFrom: day.optional(),
  validTo: day.optional(),
});

const bundleEntity = z.strictObject({
  key: entityKey,
  kind: z.enum(EntityKind),
  name: text,
  description: prose.optional(),
  aliases: z.array(alias).default([]),
  identifiers: z.array(identifier).default([]),
  roles: z
    .array(role)
    .default([])
    .describe('Organisational relations: the bodies this entity acts for or is part of, and when.'),
});

const reliability = z.strictObject({
  grade: z
    .enum(SourceReliability)
    .describe('Admiralty source reliability, A (completely reliable) to F (cannot be judged).'),
  gradedBy: text,
  gradedAt: instant,
});

const bundleSource = z.strictObject({
  key: sourceKey,
  kind: z.enum(SourceKind),
  title: text,
  publisher: entityKey.optional(),
  author: entityKey.optional().describe('Author or speaker.'),
  url: z
    .url({ protocol: /^https?$/ })
    .max(TEXT_LIMITS.url, tooLong(TEXT_LIMITS.url))
    .optional(),
  publishedAt: instant.optional(),
  retrievedAt: instant.optional(),
  language: languageTag.default('und'),
  text: storableText(TEXT_LIMITS.document)
    .min(1)
    .optional()
    .describe('Full text; attribution spans count its Unicode code points.'),
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('Hex SHA-256 of the UTF-8 text; checked when given.'),
  reliability: reliability.optional(),
  fieldOrigins: z
    .strictObject({
      curator: z.array(z.enum(SourceField)).default([]).describe('Fields the curator supplied.'),
      document: z.array(z.enum(SourceField)).default([]).describe('Fields the document itself gives.'),
    })
    .default({ curator: [], document: [] })
    .describe('Which fields come from the document and which from the curator; a field in neither is not stated.'),
  derivedFrom: z
    .array(z.strictObject({ source: sourceKey, kind: z.enum(DerivationKind), note: prose.optional(), retraction }))
    .default([])
    .describe('Earlier sources this document was derived from (PROV wasDerivedFrom): context for its statements.'),
});

const claimValue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ENTITY'), entity: entityKey }),
  z.strictObject({
    kind: z.literal('QUANTITY'),
    amount: decimal,
    unit: text.optional(),
    approximate: z.boolean().default(false),
    lowerBound: decimal.optional(),
    upperBound: decimal.optional(),
  }),
  z.strictObject({ kind: z.literal('TIME'), time: instant, precision: z.enum(TimePrecision) }),
  z.strictObject({ kind: z.literal('TEXT'), text: prose }),
  z.strictObject({ kind: z.literal('SOME_VALUE') }),
  z.strictObject({ kind: z.literal('NO_VALUE') }),
]);

const span = z
  .tuple([z.number().int().min(0), z.number().int().min(1)])
  .describe('[start, end) in code points of the source text.');

const statementRef = z.strictObject({
  agent: entityKey,
  source: sourceKey,
  span: span.optional(),
  retractedAt: instant
    .optional()
    .describe(
      "When the statement named was retracted, where it was: a slot (agent, source, span) holds one statement not retracted and any number retracted. Without it, the slot's statement not retracted, or its only one.",
    ),
});

/** A statement derivation whose earlier statement is named by `ref` (the schema of a reference in its version). */
const statementDerivationOf = <R extends z.ZodType>(ref: R) =>
  z
    .strictObject({
      statement: ref
        .optional()
        .describe(
          "The earlier statement of the same claim this one repeats: its agent and source, and its span where the claim has several of that agent's statements there.",
        ),
      source: sourceKey
        .optional()
        .describe('The earlier source this statement repeats, where no statement in it is on record.'),
      kind: z
        .enum(DerivationKind)
        .describe('QUOTES (PROV wasQuotedFrom, verbatim), PARAPHRASES, CITES, SUMMARISES, TRANSLATES, PRIMARY_SOURCE.'),
      note: prose.optional(),
      retraction,
    })
    .superRefine((d, ctx) => {
      if ((d.statement === undefined) === (d.source === undefined))
        ctx.addIssue({ code: 'custom', message: 'names either the statement or the source it derives from, not both' });
    });

/** A statement whose derivations are `derivation` (the schema of a statement derivation in its version). */
const attributionOf = <D extends z.ZodType>(derivation: D) =>
  z
    .strictObject({
      agent: entityKey.describe('Who states the claim.'),
      onBehalfOf: entityKey.optional().describe('PROV actedOnBehalfOf: the body the agent speaks for.'),
      source: sourceKey.describe('Where it is stated.'),
      quotation: storableText(TEXT_LIMITS.prose)
        .min(1)
        .optional()
        .describe("The words at `span` of the source text; absent, with the span, when the source's text is not held."),
      span: span.optional(),
      stance: z.enum(Stance),
      wording: z
        .enum(Wording)
        .optional()
        .describe(
          "OWN_WORDS: the agent's own (inside quotation marks, or in the agent's own document); REPORTED: the reporter's; UNKNOWN: the text is not held. Told from the text when absent.",
        ),
      statedAt: instant.optional(),
      derivedFrom: z
        .array(derivation)
        .default([])
        .describe('What this statement repeats (PROV wasQuotedFrom / wasDerivedFrom).'),
      retraction,
    })
    .superRefine((a, ctx) => {
      if ((a.quotation === undefined) !== (a.span === undefined))
        ctx.addIssue({
          code: 'custom',
          message: "quotation and span come together: both where the source's text is held, neither where it is not",
        });
    });

const bundleAttribution = attributionOf(statementDerivationOf(statementRef));

const bundleClaim = z.strictObject({
  key: claimKey,
  subject: entityKey,
  predicate: z
    .string()
    .max(TEXT_LIMITS.name, tooLong(TEXT_LIMITS.name))
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lower snake case, e.g. deployed_troops_to'),
  statement: prose.describe('The claim in one plain sentence.'),
  value: claimValue,
  event: entityKey
    .optional()
    .describe(
      'The event the claim is about (an entity of kind EVENT): tensions are found over all that is said of it.',
    ),
  qualifiers: z
    .strictObject({
      place: entityKey.optional(),
      pointInTime: instant.optional(),
      period: z.strictObject({ start: instant.optional(), end: instant.optional() }).optional(),
      disputedBy: z
        .array(entityKey)
        .default([])
        .describe(
          'Who denies, or withholds confirmation of, a DENIED or NOT_CONFIRMED claim, where not who states it (a reporter writing about them).',
        ),
    })
    .default({ disputedBy: [] }),
  modality: z.enum(Modality),
  rank: z.enum(Rank).default('NORMAL'),
  deprecationReason: prose.optional(),
  credibility: z
    .number()
    .int()
    .min(1)
    .max(6)
    .optional()
    .describe('Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).'),
  attributions: z
    .array(bundleAttribution)
    .default([])
    .describe(
      'Its statements. A slot (an agent, a source, a span) holds one statement not retracted and any number retracted, each told apart by its retraction: a wrong statement is retracted and its correction recorded at the same span.',
    ),
  unscRecords: z
    .array(
      z.strictObject({
        draft: draftKey,
        support: z
          .enum(RecordSupport)
          .describe(
            'How far the record bears the claim out: only SUPPORTS confirms it; PARTLY_SUPPORTS is shown as partial.',
          ),
        note: prose.optional().describe('Why: what the record shows and does not.'),
      }),
    )
    .default([]),
});

const year = z.number().int().min(1946).max(2200);

const bundleMembership = z.strictObject({
  year,
  permanent: z.array(entityKey),
  elected: z.array(entityKey),
});

const bundleAgenda = z.strictObject({
  key: agendaKey,
  name: text.describe(
    "The agenda item as the Council lists it, e.g. Non-proliferation/Democratic People's Republic of Korea.",
  ),
  aliases: z.array(text).default([]).describe('Other names analysts use for it, e.g. DPRK.'),
});

const bundleDraft = z.strictObject({
  key: draftKey,
  symbol: z
    .string()
    .max(TEXT_LIMITS.key, tooLong(TEXT_LIMITS.key))
    .regex(/^S\/\d{4}\/\d+$/, 'must be a document symbol such as S/2022/431')
    .optional(),
  title: text,
  agenda: text.describe(
    "The agenda's key (agenda:...), or its name or an alias; a name no agenda has yet (version 1 wrote agendas as free text) becomes a new agenda of that name.",
  ),
  submittedAt: day.optional(),
  sponsors: z.array(entityKey).default([]),
  concerns: z.array(entityKey).default([]).describe('Entities the draft is about, e.g. entity:north-korea.'),
  decision: z
    .strictObject({
      date: day,
      meeting: z
        .string()
        .max(TEXT_LIMITS.key, tooLong(TEXT_LIMITS.key))
        .regex(/^S\/PV\.\d+/, 'must be a meeting record symbol such as S/PV.9048')
        .optional(),
      outcome: z.enum(UnscOutcome),
      resolution: z.number().int().positive().optional(),
      tally: z
        .strictObject({
          yes: z.number().int().min(0),
          no: z.number().int().min(0),
          abstentions: z.number().int().min(0),
          nonVoting: z.number().int().min(0),
        })
        .optional()
        .describe('As published; checked against the votes.'),
      votes: z.array(z.strictObject({ member: entityKey, vote: z.enum(UnscVoteCast) })),
    })
    .optional(),
});

const unscV2 = z
  .strictObject({
    memberships: z.array(bundleMembership).default([]),
    drafts: z.array(bundleDraft.extend({ agenda: text.describe('The agenda item, in free text.') })).default([]),
  })
  .default({ memberships: [], drafts: [] });

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  description: storableText(TEXT_LIMITS.prose).optional(),
  entities: z.array(bundleEntity).default([]),
  sources: z.array(bundleSource).default([]),
  claims: z.array(bundleClaim).default([]),
  unsc: z
    .strictObject({
      memberships: z.array(bundleMembership).default([]),
      agendas: z.array(bundleAgenda).default([]),
      drafts: z.array(bundleDraft).default([]),
    })
    .default({ memberships: [], agendas: [], drafts: [] }),
});

// Version 4: a slot held one statement, retracted or not, so a statement derivation named its earlier
// statement without a retraction instant; every version-4 record is a version-5 record.
const bundleSchemaV4 = bundleSchema.extend({
  version: z.literal(4),
  claims: z
    .array(
      bundleClaim.extend({
        attributions: z
          .array(attributionOf(statementDerivationOf(statementRef.omit({ retractedAt: true }))))
          .default([]),
      }),
    )
    .default([]),
});

/** A version-4 bundle as version 5 reads it: the same records. */
export function upgradeV4(bundle: z.output<typeof bundleSchemaV4>): z.input<typeof bundleSchema> {
  return { ...bundle, version: BUNDLE_VERSION };
}

// Version 3: no retractions; every version-3 record is a version-4 record.
const bundleSchemaV3 = bundleSchemaV4.extend({ version: z.literal(3) });

/** A version-3 bundle as version 4 reads it: the same records. */
export function upgradeV3(bundle: z.output<typeof bundleSchemaV3>): z.input<typeof bundleSchemaV4> {
  return { ...bundle, version: 4 };
}

// Version 2: agendas were free text on each draft. A version-2 draft's agenda names its agenda as
// version 3 allows (withAgendaKeys in agendas.ts maps the text to a record at import).
const bundleSchemaV2 = bundleSchemaV3.extend({ version: z.literal(2), unsc: unscV2 });

/** A version-2 bundle as version 3 reads it: the same records, no agenda records of its own. */
export function upgradeV2(bundle: z.output<typeof bundleSchemaV2>): z.input<typeof bundleSchemaV3> {
  return { ...bundle, version: 3 };
}

// Version 1: no organisational relations beyond roles held, no statement derivations, wording, events,
// disputants or field origins; every statement quotes a held text; a UN record bore on a claim with a
// stance. Every version-1 record is a version-2 record once its UN records' stances are graded.
const {
  wording: _wording,
  derivedFrom: _derivedFrom,
  retraction: _retraction,
  ...v1AttributionShape
} = bundleAttribution.shape;
const v1 = {
  attribution: z.strictObject({ ...v1AttributionShape, quotation: storableText(TEXT_LIMITS.prose).min(1), span }),
  entity: bundleEntity.extend({
    kind: z.enum(EntityKind).exclude(['EVENT']),
    roles: z.array(role.omit({ relation: true, independent: true })).default([]),
  }),
  source: bundleSource.omit({ fieldOrigins: true }).extend({
    derivedFrom: z
      .array(
        z.strictObject({
          source: sourceKey,
          kind: z.enum(DerivationKind).exclude(['PARAPHRASES']),
          note: prose.optional(),
        }),
      )
      .default([]),
  }),
};
const bundleSchemaV1 = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  description: storableText(TEXT_LIMITS.prose).optional(),
  entities: z.array(v1.entity).default([]),
  sources: z.array(v1.source).default([]),
  claims: z
    .array(
      bundleClaim.omit({ event: true }).extend({
        qualifiers: z
          .strictObject({
            place: entityKey.optional(),
            pointInTime: instant.optional(),
            period: z.strictObject({ start: instant.optional(), end: instant.optional() }).optional(),
          })
          .default({}),
        attributions: z.array(v1.attribution).default([]),
        unscRecords: z.array(z.strictObject({ draft: draftKey, stance: z.enum(Stance) })).default([]),
      }),
    )
    .default([]),
  unsc: unscV2,
});

const SUPPORT_OF_STANCE: Record<Stance, RecordSupport> = {
  SUPPORTS: 'SUPPORTS',
  REFUTES: 'CONTRADICTS',
  REPORTS: 'CONTEXT',
};

/** A version-1 bundle as version 2 reads it: its UN records' stances become grades. */
export function upgradeV1(bundle: z.output<typeof bundleSchemaV1>): z.input<typeof bundleSchemaV2> {
  return {
    ...bundle,
    version: 2,
    claims: bundle.claims.map((c) => ({
      ...c,
      unscRecords: c.unscRecords.map(({ draft, stance }) => ({ draft, support: SUPPORT_OF_STANCE[stance] })),
    })),
  };
}

/** Every version read, each checked by its own schema, then upgraded one version at a time. */
export const BUNDLE_SCHEMAS = {
  1: bundleSchemaV1,
  2: bundleSchemaV2,
  3: bundleSchemaV3,
  4: bundleSchemaV4,
  5: bundleSchema,
} as const;

export type Bundle = z.output<typeof bundleSchema>;
export type BundleInput = z.input<typeof bundleSchema>;
export type BundleEntity = Bundle['entities'][number];
export type BundleSource = Bundle['sources'][number];
export type BundleClaim = Bundle['claims'][number];
export type BundleAttribution = BundleClaim['attributions'][number];
export type BundleAgenda = Bundle['unsc']['agendas'][number];
export type BundleDraft = Bundle['unsc']['drafts'][number];

/** The published JSON Schema of the format (schema/bundle.schema.json): version 5, or versions 4 to 1 as still read. */
export function bundleJsonSchema(): unknown {
  return z.toJSONSchema(z.union([bundleSchema, bundleSchemaV4, bundleSchemaV3, bundleSchemaV2, bundleSchemaV1]), {
    io: 'input',
    target: 'draft-2020-12',
  });
}
