import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import { optional, pagedQuery } from './paged-sql';

export type TimelineRow = { kind: 'CLAIM' | 'UNSC_DECISION'; id: number; at: Date };

/**
 * The dated claims about an entity (as subject, value or place; dated by their point in time,
 * period, time value, or the earliest statement of them) and the Security Council decisions it
 * voted on, sponsored or was the concern of, in order.
 */
export function timeline(
  db: RawReader,
  entityId: number,
  window: { since?: Date; until?: Date },
  page: { limit: number; offset: number },
) {
  const hits = Prisma.sql`
    SELECT * FROM (
      SELECT 'CLAIM' AS kind, c.id,
             coalesce(c.point_in_time, c.period_start, c.value_time, (SELECT min(stated_at) FROM standing_attribution WHERE claim_id = c.id)) AS at
        FROM claim c
       WHERE c.rank <> 'DEPRECATED' AND (c.subject_id = ${entityId} OR c.value_entity_id = ${entityId} OR c.place_id = ${entityId})
      UNION ALL
      SELECT 'UNSC_DECISION', d.id, d.vote_date::timestamptz
        FROM unsc_draft d
       WHERE d.vote_date IS NOT NULL
         AND (EXISTS (SELECT 1 FROM unsc_draft_concern WHERE draft_id = d.id AND entity_id = ${entityId})
              OR EXISTS (SELECT 1 FROM unsc_draft_sponsor WHERE draft_id = d.id AND sponsor_id = ${entityId})
              OR EXISTS (SELECT 1 FROM unsc_vote WHERE draft_id = d.id AND member_id = ${entityId}))
    ) events
    WHERE at IS NOT NULL
      AND ${optional(window.since, Prisma.sql`at >= ${window.since}`)}
      AND ${optional(window.until, Prisma.sql`at <= ${window.until}`)}`;
  return pagedQuery<TimelineRow>(db, hits, Prisma.sql`at, kind, id`, page);
}
