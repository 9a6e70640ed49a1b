import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import { optional, pagedQuery } from './paged-sql';

export type TensionKind = 'ASSERTED_VS_DENIED' | 'ASSERTED_VS_NOT_CONFIRMED' | 'CONFLICTING_VALUES' | 'DISPUTED';

export type TensionRow = {
  kind: TensionKind;
  claim_id: number;
  other_id: number;
  /** Agents standing behind the first claim, and those denying, not confirming or refuting. */
  asserted_by: number[];
  disputed_by: number[];
};

/**
 * Claims in tension: on one subject and predicate, or about one event, one party asserts what another
 * denies or leaves unconfirmed (an assertion about the event that it is unknown asserts nothing to
 * confirm); on one subject and predicate, two assertions give different values under the same
 * qualifiers; or a single claim that some attributions support and others refute. Who denies or does
 * not confirm is whom the claim names as disputing it, else who states it. Deprecated claims are out
 * of the argument.
 */
export function tensionsSql(filter: {
  subjectId?: number;
  eventId?: number;
  claimIds?: number[];
  kind?: TensionKind;
}): Prisma.Sql {
  const supporters = (id: Prisma.Sql) =>
    Prisma.sql`ARRAY(SELECT DISTINCT agent_id FROM standing_attribution WHERE claim_id = ${id} AND stance = 'SUPPORTS' ORDER BY agent_id)`;
  const refuters = (id: Prisma.Sql) =>
    Prisma.sql`ARRAY(SELECT DISTINCT agent_id FROM standing_attribution WHERE claim_id = ${id} AND stance = 'REFUTES' ORDER BY agent_id)`;
  const value = (c: string) =>
    Prisma.raw(
      `(${c}.value_kind, ${c}.value_entity_id, ${c}.value_amount, ${c}.value_unit, ${c}.value_text, ${c}.value_time)`,
    );
  const claims = filter.claimIds;
  const related = Prisma.raw(
    'b.id <> a.id AND ((b.subject_id = a.subject_id AND b.predicate = a.predicate) OR b.event_id = a.event_id)',
  );
  // The pairs a claim is in, found from each side through the indexes: a condition on either side
  // of the join (a.id = ANY(...) OR b.id = ANY(...)) would pair up every claim first.
  const pairs = claims
    ? Prisma.sql`(SELECT a.id AS a_id, b.id AS b_id FROM claim a JOIN claim b ON ${related} WHERE a.id = ANY(${claims}::int[])
                  UNION SELECT a.id, b.id FROM claim a JOIN claim b ON ${related} WHERE b.id = ANY(${claims}::int[])) pair
        JOIN claim a ON a.id = pair.a_id JOIN claim b ON b.id = pair.b_id`
    : Prisma.sql`claim a JOIN claim b ON ${related}`;
  return Prisma.sql`
    SELECT * FROM (
      SELECT (CASE b.modality WHEN 'DENIED' THEN 'ASSERTED_VS_DENIED' WHEN 'NOT_CONFIRMED' THEN 'ASSERTED_VS_NOT_CONFIRMED' ELSE 'CONFLICTING_VALUES' END) AS kind,
             a.id AS claim_id, b.id AS other_id, ${supporters(Prisma.sql`a.id`)} AS asserted_by,
             (CASE WHEN EXISTS (SELECT 1 FROM claim_disputed_by WHERE claim_id = b.id)
                   THEN ARRAY(SELECT entity_id FROM claim_disputed_by WHERE claim_id = b.id ORDER BY entity_id)
                   WHEN b.modality = 'ASSERTED' THEN ${supporters(Prisma.sql`b.id`)}
                   ELSE ARRAY(SELECT DISTINCT agent_id FROM standing_attribution WHERE claim_id = b.id AND stance <> 'REPORTS' ORDER BY agent_id) END) AS disputed_by
        FROM ${pairs}
       WHERE a.modality = 'ASSERTED' AND a.rank <> 'DEPRECATED' AND b.rank <> 'DEPRECATED'
         AND ((b.modality IN ('DENIED', 'NOT_CONFIRMED')
               AND ((b.subject_id = a.subject_id AND b.predicate = a.predicate) OR a.value_kind <> 'SOME_VALUE'))
              OR (b.modality = 'ASSERTED' AND b.subject_id = a.subject_id AND b.predicate = a.predicate AND a.id < b.id
                  AND 'SOME_VALUE' NOT IN (a.value_kind, b.value_kind)
                  AND ${value('a')} IS DISTINCT FROM ${value('b')}
                  AND a.place_id IS NOT DISTINCT FROM b.place_id AND a.point_in_time IS NOT DISTINCT FROM b.point_in_time))
         AND ${optional(filter.subjectId, Prisma.sql`a.subject_id = ${filter.subjectId}`)}
         AND ${optional(filter.eventId, Prisma.sql`${filter.eventId} IN (a.event_id, b.event_id)`)}
      UNION ALL
      SELECT 'DISPUTED', c.id, c.id, ${supporters(Prisma.sql`c.id`)}, ${refuters(Prisma.sql`c.id`)}
        FROM claim c
       WHERE c.rank <> 'DEPRECATED'
         AND EXISTS (SELECT 1 FROM standing_attribution WHERE claim_id = c.id AND stance = 'SUPPORTS')
         AND EXISTS (SELECT 1 FROM standing_attribution WHERE claim_id = c.id AND stance = 'REFUTES')
         AND ${optional(filter.subjectId, Prisma.sql`c.subject_id = ${filter.subjectId}`)}
         AND ${optional(filter.eventId, Prisma.sql`c.event_id = ${filter.eventId}`)}
         AND ${optional(claims, Prisma.sql`c.id = ANY(${claims}::int[])`)}
    ) t WHERE ${optional(filter.kind, Prisma.sql`t.kind = ${filter.kind}`)}`;
}

const tensionOrder = Prisma.sql`claim_id, other_id, kind`;

export function findTensions(
  db: RawReader,
  filter: Parameters<typeof tensionsSql>[0],
  page: { limit: number; offset: number },
) {
  return pagedQuery<TensionRow>(db, tensionsSql(filter), tensionOrder, page);
}
