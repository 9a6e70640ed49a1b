import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { tally } from '../rules/unsc-charter';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInput } from './format';

type Row<T> = T extends readonly (infer R)[] ? R : never;
type ExportedClaim = Row<NonNullable<BundleInput['claims']>>;
type ExportedSource = Row<NonNullable<BundleInput['sources']>>;

const iso = (d: Date | null) => d?.toISOString();
const day = (d: Date | null) => d?.toISOString().slice(0, 10);
const decimal = (d: Prisma.Decimal | null) => d?.toFixed();

/** Drops undefined and empty-list fields, so that exports are minimal and stable. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function claimValue(
  c: Prisma.ClaimGetPayload<{ include: { valueEntity: { select: { key: true } } } }>,
): ExportedClaim['value'] {
  switch (c.valueKind) {
    case 'ENTITY':
      return { kind: 'ENTITY', entity: c.valueEntity!.key };
    case 'QUANTITY':
      return compact({
        kind: 'QUANTITY' as const,
        amount: decimal(c.valueAmount)!,
        unit: c.valueUnit ?? undefined,
        approximate: c.valueApproximate ?? false,
        lowerBound: decimal(c.valueLowerBound),
        upperBound: decimal(c.valueUpperBound),
      });
    case 'TIME':
      return { kind: 'TIME', time: iso(c.valueTime)!, precision: c.valueTimePrecision! };
    case 'TEXT':
      return { kind: 'TEXT', text: c.valueText! };
    default:
      return { kind: c.valueKind };
  }
}

const key = { select: { key: true } } as const;
/** A retracted record's retraction, carried so that a round trip keeps it (retracted records are exported too). */
const retraction = (r: { retractedAt: Date | null; retractedBy: string | null; retractionReason: string | null }) =>
  r.retractedAt ? { at: r.retractedAt.toISOString(), by: r.retractedBy!, reason: r.retractionReason! } : undefined;
const span = (a: { spanStart: number | null; spanEnd: number | null }): [number, number] | undefined =>
  a.spanStart === null || a.spanEnd === null ? undefined : [a.spanStart, a.spanEnd];
const statementRef = { agent: key, source: key } as const;
const claimInclude = {
  subject: key,
  valueEntity: key,
  place: key,
  event: key,
  disputedBy: { orderBy: { entity: { key: 'asc' } }, include: { entity: key } },
  attributions: {
    orderBy: { id: 'asc' },
    include: {
      ...statementRef,
      onBehalfOf: key,
      derivedFrom: {
        orderBy: { id: 'asc' },
        include: { originAttribution: { include: statementRef }, originSource: key },
      },
    },
  },
  unscRecords: { orderBy: { draft: { key: 'asc' } }, include: { draft: key } },
} satisfies Prisma.ClaimInclude;

/** The claims `where` selects as bundle records, in key order. */
export async function claimRecords(
  prisma: Pick<PrismaClient, 'claim'>,
  where: Prisma.ClaimWhereInput = {},
): Promise<ExportedClaim[]> {
  const claims = await prisma.claim.findMany({ where, orderBy: { key: 'asc' }, include: claimInclude });
  return claims.map((c) =>
    compact({
      key: c.key,
      subject: c.subject.key,
      predicate: c.predicate,
      statement: c.statement,
      value: claimValue(c),
      event: c.event?.key,
      qualifiers: compact({
        place: c.place?.key,
        pointInTime: iso(c.pointInTime),
        period:
          c.periodStart || c.periodEnd ? compact({ start: iso(c.periodStart), end: iso(c.periodEnd) }) : undefined,
        disputedBy: c.disputedBy.map((d) => d.entity.key),
      }),
      modality: c.modality,
      rank: c.rank,
      deprecationReason: c.deprecationReason ?? undefined,
      credibility: c.credibility ?? undefined,
      attributions: c.attributions.map((a) =>
        compact({
          agent: a.agent.key,
          onBehalfOf: a.onBehalfOf?.key,
          source: a.source.key,
          quotation: a.quotation ?? undefined,
          span: span(a),
          stance: a.stance,
          wording: a.wording,
          statedAt: iso(a.statedAt),
          derivedFrom: a.derivedFrom.map((d) =>
            compact({
              statement: d.originAttribution
                ? compact({
                    agent: d.originAttribution.agent.key,
                    source: d.originAttribution.source.key,
                    span: span(d.originAttribution),
                    // Its slot may hold others (statement-slots.ts): a retracted one is named by when.
                    retractedAt: iso(d.originAttribution.retractedAt),
                  })
                : undefined,
              source: d.originSource?.key,
              kind: d.kind,
              note: d.note ?? undefined,
              retraction: retraction(d),
            }),
          ),
          retraction: retraction(a),
        }),
      ),
      unscRecords: c.unscRecords.map((r) =>
        compact({ draft: r.draft.key, support: r.support, note: r.note ?? undefined }),
      ),
    }),
  );
}

/** The sources `where` selects as bundle records, in key order. */
export async function sourceRecords(
  prisma: Pick<PrismaClient, 'source'>,
  where: Prisma.SourceWhereInput = {},
): Promise<ExportedSource[]> {
  const sources = await prisma.source.findMany({
    where,
    orderBy: { key: 'asc' },
    include: {
      publisher: key,
      author: key,
      derivedFrom: { orderBy: { id: 'asc' }, include: { origin: key } },
    },
  });
  return sources.map((s) =>
    compact({
      key: s.key,
      kind: s.kind,
      title: s.title,
      publisher: s.publisher?.key,
      author: s.author?.key,
      url: s.url ?? undefined,
      publishedAt: iso(s.publishedAt),
      retrievedAt: iso(s.retrievedAt),
      language: s.language,
      text: s.text ?? undefined,
      textSha256: s.textSha256 ?? undefined,
      fieldOrigins:
        s.curatorFields.length || s.documentFields.length
          ? { curator: s.curatorFields, document: s.documentFields }
          : undefined,
      reliability:
        s.reliability && s.reliabilityGradedBy && s.reliabilityGradedAt
          ? { grade: s.reliability, gradedBy: s.reliabilityGradedBy, gradedAt: s.reliabilityGradedAt.toISOString() }
          : undefined,
      derivedFrom: s.derivedFrom.map((d) =>
        compact({ source: d.origin.key, kind: d.kind, note: d.note ?? undefined, retraction: retraction(d) }),
      ),
    }),
  );
}

/** The whole knowledge base as a bundle that re-imports into an empty database to the same state. */
export async function exportBundle(prisma: PrismaClient): Promise<BundleInput> {
  const byKey = { orderBy: { key: 'asc' } } as const;
  const [entities, sources, claims, memberships, agendas, drafts] = await Promise.all([
    prisma.entity.findMany({
      ...byKey,
      include: {
        aliases: { orderBy: { id: 'asc' } },
        identifiers: { orderBy: { id: 'asc' } },
        rolesHeld: { orderBy: { id: 'asc' }, include: { organisation: key } },
      },
    }),
    sourceRecords(prisma),
    claimRecords(prisma),
    prisma.unscMembership.findMany({
      orderBy: [{ year: 'asc' }, { member: { key: 'asc' } }],
      include: { member: key },
    }),
    prisma.unscAgenda.findMany({ ...byKey, include: { aliases: { orderBy: { id: 'asc' } } } }),
    prisma.unscDraft.findMany({
      orderBy: [{ voteDate: 'asc' }, { key: 'asc' }],
      include: {
        agenda: key,
        meeting: true,
        sponsors: { include: { sponsor: key }, orderBy: { sponsor: { key: 'asc' } } },
        concerns: { include: { entity: key }, orderBy: { entity: { key: 'asc' } } },
        votes: { include: { member: key }, orderBy: { member: { key: 'asc' } } },
      },
    }),
  ]);
  const years = [...new Set(memberships.map((m) => m.year))];
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    entities: entities.map((e) =>
      compact({
        key: e.key,
        kind: e.kind,
        name: e.name,
        description: e.description ?? undefined,
        aliases: e.aliases.map((a) => ({ name: a.name, language: a.language })),
        identifiers: e.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })),
        roles: e.rolesHeld.map((r) =>
          compact({
            title: r.title,
            organisation: r.organisation.key,
            relation: r.relation,
            independent: r.independent || undefined,
            validFrom: day(r.validFrom),
            validTo: day(r.validTo),
          }),
        ),
      }),
    ),
    sources,
    claims,
    unsc: {
      memberships: years.map((year) => {
        const of = (seat: string) =>
          memberships.filter((m) => m.year === year && m.seat === seat).map((m) => m.member.key);
        return { year, permanent: of('PERMANENT'), elected: of('ELECTED') };
      }),
      agendas: agendas.map((a) => compact({ key: a.key, name: a.name, aliases: a.aliases.map((alias) => alias.name) })),
      drafts: drafts.map((d) =>
        compact({
          key: d.key,
          symbol: d.symbol ?? undefined,
          title: d.title,
          agenda: d.agenda.key,
          submittedAt: day(d.submittedAt),
          sponsors: d.sponsors.map((s) => s.sponsor.key),
          concerns: d.concerns.map((c) => c.entity.key),
          decision:
            d.outcome && d.voteDate
              ? compact({
                  date: day(d.voteDate)!,
                  meeting: d.meeting?.recordSymbol,
                  outcome: d.outcome,
                  resolution: d.resolutionNumber ?? undefined,
                  tally: tally(d.votes),
                  votes: d.votes.map((v) => ({ member: v.member.key, vote: v.vote })),
                })
              : undefined,
        }),
      ),
    },
  };
}
