import type { FeedTable } from '../changes/feed';
import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import { pagedQuery } from './paged-sql';

export type HistoryOf = 'claim' | 'entity' | 'source';

// Which logged tables belong to a record, and the column of the logged row that names its owner.
const owned: Record<HistoryOf, [table: FeedTable, ownerColumn: string][]> = {
  claim: [
    ['attribution', 'claim_id'],
    ['statement_derivation', 'claim_id'],
    ['claim_disputed_by', 'claim_id'],
    ['claim_unsc_record', 'claim_id'],
  ],
  entity: [
    ['entity_alias', 'entity_id'],
    ['entity_identifier', 'entity_id'],
    ['entity_role', 'holder_id'],
    ['entity_merge', 'merged_id'],
  ],
  source: [['source_derivation', 'derived_id']],
};

/** The logged tables whose rows make up a record's history. */
export const historyTables = (of: HistoryOf): FeedTable[] => [of, ...owned[of].map(([table]) => table)];

/** Whether a change-log row is of the record or of a row that belongs to it. */
export function ofRecord(of: HistoryOf, id: number): Prisma.Sql {
  const own = owned[of].map(
    ([table, column]) => Prisma.sql`(table_name = ${table} AND coalesce(after, before) ->> ${column} = ${String(id)})`,
  );
  return Prisma.sql`((table_name = ${of} AND record_id = ${String(id)}) OR ${Prisma.join(own, ' OR ')})`;
}

/** The change-log rows of a record and of the rows that belong to it, oldest first. */
export function history(db: RawReader, of: HistoryOf, id: number, page: { limit: number; offset: number }) {
  return pagedQuery<{ id: bigint }>(
    db,
    Prisma.sql`SELECT id FROM change_log WHERE ${ofRecord(of, id)}`,
    Prisma.sql`id`,
    page,
  );
}
