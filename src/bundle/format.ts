import { z } from 'zod';
import {
  DerivationKind,
  EntityKind,
  IdentifierScheme,
  Modality,
  Rank,
  SourceKind,
  SourceReliability,
  Stance,
  TimePrecision,
  UnscOutcome,
  UnscVoteCast,
} from '../generated/prisma/enums';

// The knowledge-bundle format, version 1. Records refer to each other by stable human-written keys
// (entity:pentagon), never by database ids, so a bundle means the same in every database.

export const BUNDLE_FORMAT = 'provenance-kb-bundle';
export const BUNDLE_VERSION = 1;

const slug = '[a-z0-9][a-z0-9._-]*';
const keyOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}:${slug}$`), `must look like ${prefix}:some-name (lower case, digits, . _ -)`);
const entityKey = keyOf('entity');
const sourceKey = keyOf('source');
const claimKey = keyOf('claim');
const draftKey = keyOf('unsc');

const text = z.string().trim().min(1, 'must not be empty');
const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or ko');
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset');
const day = z.iso.date().describe('ISO 8601 date');
const decimal = z.string().regex(/^-?\d{1,24}(\.\d{1,6})?$/, 'must be a decimal string such as "10000" or "2.5"');

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
  title: text,
  organisation: entityKey,
  validFrom: day.optional(),
  validTo: day.optional(),
});

const bundleEntity = z.strictObject({
  key: entityKey,
  kind: z.enum(EntityKind),
  name: text,
  description: text.optional(),
  aliases: z.array(alias).default([]),
  identifiers: z.array(identifier).default([]),
  roles: z.array(role).default([]).describe('Roles this entity holds in organisations or states.'),
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
  url: z.url({ protocol: /^https?$/ }).optional(),
  publishedAt: instant.optional(),
  retrievedAt: instant.optional(),
  language: languageTag.default('und'),
  text: z.string().min(1).optional().describe('Full text; attribution spans count its Unicode code points.'),
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('Hex SHA-256 of the UTF-8 text; checked when given.'),
  reliability: reliability.optional(),
  derivedFrom: z
    .array(z.strictObject({ source: sourceKey, kind: z.enum(DerivationKind), note: text.optional() }))
    .default([])
    .describe('Earlier sources this one was derived from (PROV wasDerivedFrom).'),
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
  z.strictObject({ kind: z.literal('TEXT'), text }),
  z.strictObject({ kind: z.literal('SOME_VALUE') }),
  z.strictObject({ kind: z.literal('NO_VALUE') }),
]);

const bundleAttribution = z.strictObject({
  agent: entityKey.describe('Who states the claim.'),
  onBehalfOf: entityKey.optional().describe('PROV actedOnBehalfOf: the body the agent speaks for.'),
  source: sourceKey.describe('Where it is stated; the source must hold its text.'),
  quotation: z.string().min(1),
  span: z
    .tuple([z.number().int().min(0), z.number().int().min(1)])
    .describe('[start, end) in code points of the source text.'),
  stance: z.enum(Stance),
  statedAt: instant.optional(),
});

const bundleClaim = z.strictObject({
  key: claimKey,
  subject: entityKey,
  predicate: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower snake case, e.g. deployed_troops_to'),
  statement: text.describe('The claim in one plain sentence.'),
  value: claimValue,
  qualifiers: z
    .strictObject({
      place: entityKey.optional(),
      pointInTime: instant.optional(),
      period: z.strictObject({ start: instant.optional(), end: instant.optional() }).optional(),
    })
    .default({}),
  modality: z.enum(Modality),
  rank: z.enum(Rank).default('NORMAL'),
  deprecationReason: text.optional(),
  credibility: z
    .number()
    .int()
    .min(1)
    .max(6)
    .optional()
    .describe('Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).'),
  attributions: z.array(bundleAttribution).default([]),
  unscRecords: z.array(z.strictObject({ draft: draftKey, stance: z.enum(Stance) })).default([]),
});

const year = z.number().int().min(1946).max(2200);

const bundleMembership = z.strictObject({
  year,
  permanent: z.array(entityKey),
  elected: z.array(entityKey),
});

const bundleDraft = z.strictObject({
  key: draftKey,
  symbol: z
    .string()
    .regex(/^S\/\d{4}\/\d+$/, 'must be a document symbol such as S/2022/431')
    .optional(),
  title: text,
  agenda: text,
  submittedAt: day.optional(),
  sponsors: z.array(entityKey).default([]),
  concerns: z.array(entityKey).default([]).describe('Entities the draft is about, e.g. entity:north-korea.'),
  decision: z
    .strictObject({
      date: day,
      meeting: z
        .string()
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

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  description: z.string().optional(),
  entities: z.array(bundleEntity).default([]),
  sources: z.array(bundleSource).default([]),
  claims: z.array(bundleClaim).default([]),
  unsc: z
    .strictObject({ memberships: z.array(bundleMembership).default([]), drafts: z.array(bundleDraft).default([]) })
    .default({ memberships: [], drafts: [] }),
});

export type Bundle = z.output<typeof bundleSchema>;
export type BundleInput = z.input<typeof bundleSchema>;
export type BundleEntity = Bundle['entities'][number];
export type BundleSource = Bundle['sources'][number];
export type BundleClaim = Bundle['claims'][number];
export type BundleDraft = Bundle['unsc']['drafts'][number];

/** The published JSON Schema of the format (schema/bundle.schema.json), generated from the zod schema. */
export function bundleJsonSchema(): unknown {
  return z.toJSONSchema(bundleSchema, { io: 'input', target: 'draft-2020-12' });
}
