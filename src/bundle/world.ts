import type { Tx } from '../db/write';
import type { EntityKind, UnscSeat } from '../generated/prisma/enums';
import type { StoredAgenda } from './agendas';
import type { Bundle } from './format';
import { bundleStatement, instant, named, type Slotted } from './statement-slots';

/** What the database already holds that a bundle's references and uniqueness rules depend on. */
export type World = {
  /** key -> id of every referenced record already stored */
  entities: Map<string, number>;
  entityKinds: Map<string, EntityKind>;
  sources: Map<
    string,
    {
      id: number;
      text: string | null;
      publisher: string | null;
      author: string | null;
      /** Whether it carries statements without a quotation (its text was not held). */
      unquoted: boolean;
    }
  >;
  /** The stored statements of the claims whose bundle statements derive from another statement. */
  statements: Map<string, Slotted<string>[]>;
  drafts: Map<string, number>;
  /** every agenda when the bundle holds drafts or agendas: they are few, and a draft may name one by name or alias */
  agendas: StoredAgenda[];
  membershipsByYear: Map<number, Map<string, UnscSeat>>;
  /** `${scheme}:${value}` -> entity key that owns it */
  identifierOwners: Map<string, string>;
  urlOwners: Map<string, string>;
  textHashOwners: Map<string, string>;
  resolutionOwners: Map<number, string>;
  symbolOwners: Map<string, string>;
};

const chunk = <T>(items: T[], size = 10_000): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function inChunks<T, R>(items: T[], load: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunk(items)) out.push(...(await load(part)));
  return out;
}

export async function loadWorld(tx: Tx, bundle: Bundle): Promise<World> {
  const entityKeys = new Set<string>(bundle.entities.map((e) => e.key));
  const referenced = (key: string | undefined) => key !== undefined && entityKeys.add(key);
  for (const e of bundle.entities) e.roles.forEach((r) => referenced(r.organisation));
  for (const s of bundle.sources) {
    referenced(s.publisher);
    referenced(s.author);
  }
  for (const c of bundle.claims) {
    referenced(c.subject);
    referenced(c.qualifiers.place);
    referenced(c.event);
    c.qualifiers.disputedBy.forEach(referenced);
    if (c.value.kind === 'ENTITY') referenced(c.value.entity);
    for (const a of c.attributions) {
      referenced(a.agent);
      referenced(a.onBehalfOf);
      a.derivedFrom.forEach((d) => referenced(d.statement?.agent));
    }
  }
  for (const m of bundle.unsc.memberships) [...m.permanent, ...m.elected].forEach(referenced);
  for (const d of bundle.unsc.drafts) {
    d.sponsors.forEach(referenced);
    d.concerns.forEach(referenced);
    d.decision?.votes.forEach((v) => referenced(v.member));
  }

  const sourceKeys = new Set(bundle.sources.map((s) => s.key));
  bundle.sources.forEach((s) => s.derivedFrom.forEach((d) => sourceKeys.add(d.source)));
  for (const a of bundle.claims.flatMap((c) => c.attributions)) {
    sourceKeys.add(a.source);
    for (const d of a.derivedFrom) sourceKeys.add(d.statement?.source ?? d.source!);
  }
  // The stored statements of a claim are read only when one of its statements names one the bundle lacks.
  const held = (
    c: Bundle['claims'][number],
    ref: { agent: string; source: string; span?: number[]; retractedAt?: string },
  ) => named(c.attributions.map(bundleStatement), { ...ref, retractedAt: instant(ref.retractedAt) }).length > 0;
  const derivingClaims = bundle.claims
    .filter((c) => c.attributions.some((a) => a.derivedFrom.some((d) => d.statement && !held(c, d.statement))))
    .map((c) => c.key);
  const draftKeys = [
    ...new Set([
      ...bundle.unsc.drafts.map((d) => d.key),
      ...bundle.claims.flatMap((c) => c.unscRecords.map((r) => r.draft)),
    ]),
  ];
  const years = [
    ...new Set(bundle.unsc.drafts.flatMap((d) => (d.decision ? [Number(d.decision.date.slice(0, 4))] : []))),
  ];
  const identifiers = bundle.entities.flatMap((e) => e.identifiers);
  const urls = bundle.sources.flatMap((s) => (s.url ? [s.url] : []));

  // One after another: these run on the import transaction's single connection.
  const entities = await inChunks([...entityKeys], (keys) =>
    tx.entity.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, kind: true } }),
  );
  const sources = await inChunks([...sourceKeys], (keys) =>
    tx.source.findMany({
      where: { key: { in: keys } },
      select: {
        id: true,
        key: true,
        text: true,
        publisher: { select: { key: true } },
        author: { select: { key: true } },
      },
    }),
  );
  // Only a source that gains its text here can have statements without quotations in the way.
  const given = new Set(bundle.sources.flatMap((b) => (b.text ? [b.key] : [])));
  const gaining = sources.filter((s) => s.text === null && given.has(s.key));
  const unquoted = new Set(
    gaining.length
      ? (
          await tx.attribution.findMany({
            where: { sourceId: { in: gaining.map((s) => s.id) }, quotation: null },
            select: { sourceId: true },
            distinct: ['sourceId'],
          })
        ).map((a) => a.sourceId)
      : [],
  );
  const statements = await inChunks(derivingClaims, (keys) =>
    tx.attribution.findMany({
      where: { claim: { key: { in: keys } } },
      select: {
        claim: { select: { key: true } },
        agent: { select: { key: true } },
        source: { select: { key: true } },
        spanStart: true,
        spanEnd: true,
        retractedAt: true,
      },
    }),
  );
  const drafts = await inChunks(draftKeys, (keys) =>
    tx.unscDraft.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }),
  );
  const agendas =
    bundle.unsc.drafts.length || bundle.unsc.agendas.length
      ? await tx.unscAgenda.findMany({
          select: { id: true, key: true, name: true, aliases: { select: { name: true }, orderBy: { id: 'asc' } } },
        })
      : [];
  const memberships = await tx.unscMembership.findMany({
    where: { year: { in: years } },
    select: { year: true, seat: true, member: { select: { key: true } } },
  });
  const ids = await inChunks(identifiers, (part) =>
    tx.entityIdentifier.findMany({
      where: { OR: part.map((i) => ({ scheme: i.scheme, value: i.value })) },
      select: { scheme: true, value: true, entity: { select: { key: true } } },
    }),
  );
  const urlRows = await inChunks(urls, (part) =>
    tx.source.findMany({ where: { url: { in: part } }, select: { url: true, key: true } }),
  );
  const resolutions = await tx.unscDraft.findMany({
    where: {
      resolutionNumber: {
        in: bundle.unsc.drafts.flatMap((d) => (d.decision?.resolution ? [d.decision.resolution] : [])),
      },
    },
    select: { resolutionNumber: true, key: true },
  });
  const symbols = await tx.unscDraft.findMany({
    where: { symbol: { in: bundle.unsc.drafts.flatMap((d) => (d.symbol ? [d.symbol] : [])) } },
    select: { symbol: true, key: true },
  });
  const hashes = await inChunks(
    bundle.sources.flatMap((s) => (s.text ? [s.text] : [])),
    (texts) => tx.$queryRaw<{ key: string; text_sha256: string }[]>`
      SELECT key, text_sha256 FROM source WHERE text_sha256 = ANY(SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex') FROM unnest(${texts}::text[]) t)`,
  );

  const membershipsByYear = new Map<number, Map<string, UnscSeat>>();
  for (const m of memberships) {
    if (!membershipsByYear.has(m.year)) membershipsByYear.set(m.year, new Map());
    membershipsByYear.get(m.year)!.set(m.member.key, m.seat);
  }
  const statementsOf = new Map<string, Slotted<string>[]>();
  for (const a of statements) {
    const span: [number, number] | null = a.spanStart === null || a.spanEnd === null ? null : [a.spanStart, a.spanEnd];
    statementsOf.set(a.claim.key, [
      ...(statementsOf.get(a.claim.key) ?? []),
      { agent: a.agent.key, source: a.source.key, span, retractedAt: a.retractedAt?.getTime() ?? null },
    ]);
  }
  return {
    entities: new Map(entities.map((e) => [e.key, e.id])),
    entityKinds: new Map(entities.map((e) => [e.key, e.kind])),
    sources: new Map(
      sources.map((s) => [
        s.key,
        {
          id: s.id,
          text: s.text,
          publisher: s.publisher?.key ?? null,
          author: s.author?.key ?? null,
          unquoted: unquoted.has(s.id),
        },
      ]),
    ),
    statements: statementsOf,
    drafts: new Map(drafts.map((d) => [d.key, d.id])),
    agendas: agendas.map((a) => ({ ...a, aliases: a.aliases.map((alias) => alias.name) })),
    membershipsByYear,
    identifierOwners: new Map(ids.map((i) => [`${i.scheme}:${i.value}`, i.entity.key])),
    urlOwners: new Map(urlRows.map((r) => [r.url!, r.key])),
    textHashOwners: new Map(hashes.map((h) => [h.text_sha256, h.key])),
    resolutionOwners: new Map(resolutions.map((r) => [r.resolutionNumber!, r.key])),
    symbolOwners: new Map(symbols.map((s) => [s.symbol!, s.key])),
  };
}
