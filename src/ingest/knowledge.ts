import type { Bundle } from '../bundle/format';
import type { RawReader } from '../db/raw-sql';
import type { EntityKind, SourceKind } from '../generated/prisma/enums';
import { wordsOf } from './claim-links';

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
  /**
   * Recorded statements (attributions with a quotation) whose words may match one of `quotations`
   * (claim-links.ts decides), with their claim; `order` ranks claims by age.
   */
  statementsLike(quotations: string[]): Promise<RecordedStatement[]>;
};

type RecordedStatement = { claim: string; quotation: string; order: number };

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
  const recorded = bundle.claims.flatMap((c, order) =>
    c.attributions.flatMap((a) => (a.quotation ? [{ claim: c.key, quotation: a.quotation, order }] : [])),
  );
  return {
    entitiesNamed: async (names) =>
      [...new Set(names)].flatMap((name) => (byName.get(name) ?? []).map((entity) => ({ name, entity }))),
    sourcesBy: async (keys) => sources.filter((s) => keys.includes(s.publisher ?? '') || keys.includes(s.author ?? '')),
    statementsLike: async () => recorded,
  };
}

/** The most recorded statements read for one proposed statement. */
const STATEMENTS_PER_QUOTATION = 200;

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
    async statementsLike(quotations) {
      // Found by the quotations' search index: those holding every word of a proposed statement (it lies
      // inside them), and those holding one of its two middle words (a run of at least half its words
      // covers one of them). A bounded number for each; wordMatch then decides. Only standing statements:
      // a retracted one is not evidence to link to.
      const middles = quotations.map((q) => {
        const words = wordsOf(q);
        const m = Math.floor(words.length / 2);
        return [words[m - 1], words[m]].filter(Boolean).join(' | ');
      });
      if (!quotations.length) return [];
      return sql.$queryRaw<RecordedStatement[]>`
        SELECT DISTINCT c.key AS claim, a.quotation, c.id AS "order"
          FROM unnest(${quotations}::text[], ${middles}::text[]) q(whole, middle)
         CROSS JOIN LATERAL (
           SELECT claim_id, quotation FROM standing_attribution
            WHERE quotation IS NOT NULL
              AND (search_vector @@ plainto_tsquery('english', q.whole)
                   OR (q.middle <> '' AND search_vector @@ to_tsquery('english', q.middle)))
            LIMIT ${STATEMENTS_PER_QUOTATION}) a
          JOIN claim c ON c.id = a.claim_id`;
    },
  };
}
