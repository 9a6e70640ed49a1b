import type { Tx } from '../db/write';
import type { UnscSeat } from '../generated/prisma/enums';
import type { Bundle } from './format';

/** What the database already holds that a bundle's references and uniqueness rules depend on. */
export type World = {
  /** key -> id of every referenced record already stored */
  entities: Map<string, number>;
  sources: Map<string, { id: number; text: string | null }>;
  drafts: Map<string, number>;
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
    if (c.value.kind === 'ENTITY') referenced(c.value.entity);
    for (const a of c.attributions) {
      referenced(a.agent);
      referenced(a.onBehalfOf);
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
  bundle.claims.forEach((c) => c.attributions.forEach((a) => sourceKeys.add(a.source)));
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
    tx.entity.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }),
  );
  const sources = await inChunks([...sourceKeys], (keys) =>
    tx.source.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, text: true } }),
  );
  const drafts = await inChunks(draftKeys, (keys) =>
    tx.unscDraft.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }),
  );
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
  return {
    entities: new Map(entities.map((e) => [e.key, e.id])),
    sources: new Map(sources.map((s) => [s.key, { id: s.id, text: s.text }])),
    drafts: new Map(drafts.map((d) => [d.key, d.id])),
    membershipsByYear,
    identifierOwners: new Map(ids.map((i) => [`${i.scheme}:${i.value}`, i.entity.key])),
    urlOwners: new Map(urlRows.map((r) => [r.url!, r.key])),
    textHashOwners: new Map(hashes.map((h) => [h.text_sha256, h.key])),
    resolutionOwners: new Map(resolutions.map((r) => [r.resolutionNumber!, r.key])),
    symbolOwners: new Map(symbols.map((s) => [s.symbol!, s.key])),
  };
}
