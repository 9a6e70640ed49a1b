import type { Bundle } from '../bundle/format';
import type { RawReader } from '../db/raw-sql';
import type { EntityKind, SourceKind } from '../generated/prisma/enums';

/** An entity as linking needs it: what it is, and the organisations its people hold roles in. */
export type KnownEntity = { key: string; kind: EntityKind; name: string; organisations: string[] };
export type KnownSource = {
  key: string;
  kind: SourceKind;
  title: string;
  publisher: string | null;
  author: string | null;
};

/**
 * What the proposer asks of the knowledge base: exact-name lookups for the words of one report, so a
 * proposal reads a few rows however large the knowledge base is.
 */
export type Knowledge = {
  /** Entities whose name or an alias is exactly one of `names`, each with the name it matched. */
  entitiesNamed(names: string[]): Promise<{ name: string; entity: KnownEntity }[]>;
  /** Sources that the entities published or authored. */
  sourcesBy(entityKeys: string[]): Promise<KnownSource[]>;
};

/** The knowledge a bundle holds (the evaluation runs against the seed bundle without a database). */
export function bundleKnowledge(bundle: Bundle, options: { withoutSources?: string[] } = {}): Knowledge {
  const byName = new Map<string, KnownEntity[]>();
  for (const e of bundle.entities) {
    const entity = { key: e.key, kind: e.kind, name: e.name, organisations: e.roles.map((r) => r.organisation) };
    for (const name of new Set([e.name, ...e.aliases.map((a) => a.name)])) {
      byName.set(name, [...(byName.get(name) ?? []), entity]);
    }
  }
  const sources = bundle.sources
    .filter((s) => !options.withoutSources?.includes(s.key))
    .map((s) => ({
      key: s.key,
      kind: s.kind,
      title: s.title,
      publisher: s.publisher ?? null,
      author: s.author ?? null,
    }));
  return {
    entitiesNamed: async (names) =>
      [...new Set(names)].flatMap((name) => (byName.get(name) ?? []).map((entity) => ({ name, entity }))),
    sourcesBy: async (keys) => sources.filter((s) => keys.includes(s.publisher ?? '') || keys.includes(s.author ?? '')),
  };
}

/** The knowledge base's own entities (merged ones resolve to their survivor) and sources. */
export function databaseKnowledge(sql: RawReader): Knowledge {
  return {
    async entitiesNamed(names) {
      if (!names.length) return [];
      const rows = await sql.$queryRaw<(KnownEntity & { matched: string })[]>`
        WITH named AS (
          SELECT name AS matched, id FROM entity WHERE name = ANY(${names}::text[])
          UNION SELECT name, entity_id FROM entity_alias WHERE name = ANY(${names}::text[]))
        SELECT DISTINCT n.matched, e.key, e.kind::text AS kind, e.name,
               coalesce(array(SELECT o.key FROM entity_role r JOIN entity o ON o.id = r.organisation_id
                               WHERE r.holder_id = e.id ORDER BY r.id), '{}') AS organisations
          FROM named n JOIN entity m ON m.id = n.id JOIN entity e ON e.id = coalesce(m.merged_into_id, m.id)`;
      return rows.map(({ matched, ...entity }) => ({ name: matched, entity }));
    },
    async sourcesBy(keys) {
      if (!keys.length) return [];
      return sql.$queryRaw<KnownSource[]>`
        SELECT s.key, s.kind::text AS kind, s.title, p.key AS publisher, a.key AS author
          FROM source s LEFT JOIN entity p ON p.id = s.publisher_id LEFT JOIN entity a ON a.id = s.author_id
         WHERE p.key = ANY(${keys}::text[]) OR a.key = ANY(${keys}::text[])
         ORDER BY s.id`;
    },
  };
}
