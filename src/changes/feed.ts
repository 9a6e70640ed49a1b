import { limitLiteral, type RawReader } from '../db/raw-sql';
import { type ChangeLog, Prisma } from '../generated/prisma/client';

/**
 * The logged tables a reader may follow: the knowledge tables. `api_key` is logged too (its rows carry
 * key hashes and owners) and is never in the feed, whoever asks; nor are the `draft` rows that record
 * who reviewed a committed draft (drafts are for analysts; what a commit adds is in the feed).
 */
export const FEED_TABLES = [
  'entity',
  'entity_alias',
  'entity_identifier',
  'entity_role',
  'entity_merge',
  'source',
  'source_derivation',
  'claim',
  'attribution',
  'statement_derivation',
  'claim_disputed_by',
  'claim_unsc_record',
  'unsc_membership',
  'unsc_meeting',
  'unsc_agenda',
  'unsc_agenda_alias',
  'unsc_draft',
  'unsc_draft_sponsor',
  'unsc_draft_concern',
  'unsc_vote',
] as const;
export type FeedTable = (typeof FEED_TABLES)[number];

/**
 * A place in the feed: after row `id` of the commit numbered `seq`. Commits are numbered in the order
 * they became visible (the commit_order migration), rows within one in id order, so a cursor names
 * the same place forever and no commit can later appear before it.
 */
export type ChangeCursor = { seq: bigint; id: bigint };

/** Before every change: the rows logged before commits were numbered are commit 0. */
export const FEED_START: ChangeCursor = { seq: -1n, id: 0n };

export type FeedRow = ChangeLog & { seq: bigint };

const PREFIX = 'change:';

export const cursorOf = (row: { seq: bigint; id: bigint }) =>
  Buffer.from(`${PREFIX}${row.seq}:${row.id}`).toString('base64url');

/** The cursor a string names, or undefined when it names none. */
export function parseCursor(cursor: string): ChangeCursor | undefined {
  const match = /^change:(-1|\d{1,19}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { seq: BigInt(match[1]!), id: BigInt(match[2]!) } : undefined;
}

export type FeedFilter = {
  tables: readonly FeedTable[];
  /** A further condition on the change_log row (`l`), e.g. a record's history (analysis/history.ts). */
  where?: Prisma.Sql;
};

/** A stretch of the feed: after one place, and before another when `before` is given. */
export type FeedWindow = { after: ChangeCursor; before?: ChangeCursor | null };

/** The rows inside `window` that pass `filter` (in `l`), joined to their commit (`c`). */
const inside = ({ after, before }: FeedWindow, filter: FeedFilter) => Prisma.sql`
  l.xid = c.xid AND (c.seq > ${String(after.seq)}::bigint OR l.id > ${String(after.id)}::bigint)
  AND ${before ? Prisma.sql`(c.seq < ${String(before.seq)}::bigint OR l.id < ${String(before.id)}::bigint)` : Prisma.sql`TRUE`}
  AND l.table_name = ANY(${filter.tables}::text[]) AND ${filter.where ?? Prisma.sql`TRUE`}`;

/** The commits a window spans (a commit holds the window's rows only between its ends). */
const commitsOf = ({ after, before }: FeedWindow) =>
  Prisma.sql`c.seq >= ${String(after.seq)}::bigint ${before ? Prisma.sql`AND c.seq <= ${String(before.seq)}::bigint` : Prisma.empty}`;

/**
 * Up to `limit` changes inside `window`, in commit order: the first ones, or with `fromEnd` the last
 * ones (read backwards, so that the latest changes cost a page too). Each commit gives at most `limit`
 * of its rows, in id order, so a page inside an import of a million rows reads a page, not the import.
 */
export async function readChanges(
  db: RawReader,
  window: FeedWindow,
  filter: FeedFilter,
  limit: number,
  fromEnd = false,
): Promise<FeedRow[]> {
  const order = fromEnd ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await db.$queryRaw<FeedRow[]>(Prisma.sql`
    SELECT c.seq, l.id, l.at, l.actor, l.operation, l.table_name AS "tableName", l.record_id AS "recordId",
           l.before, l.after, l.xid
      FROM change_commit c
     CROSS JOIN LATERAL (SELECT * FROM change_log l WHERE ${inside(window, filter)} ORDER BY l.id ${order} LIMIT ${limitLiteral(limit)}) l
     WHERE ${commitsOf(window)}
     ORDER BY c.seq ${order}, l.id ${order}
     LIMIT ${limitLiteral(limit)}`);
  return fromEnd ? rows.toReversed() : rows;
}

/** How many changes lie inside `window`: one statement over them all, so asked for only when wanted. */
export async function countChanges(db: RawReader, window: FeedWindow, filter: FeedFilter) {
  const [row] = await db.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    SELECT count(*) AS count FROM change_commit c JOIN change_log l ON ${inside(window, filter)}
     WHERE ${commitsOf(window)}`);
  return Number(row!.count);
}

/** The place after the last commit so far: where a reader who wants only what comes next starts. */
export async function headCursor(db: RawReader): Promise<ChangeCursor> {
  const [row] = await db.$queryRaw<ChangeCursor[]>(Prisma.sql`
    SELECT c.seq, coalesce((SELECT max(l.id) FROM change_log l WHERE l.xid = c.xid), 0) AS id
      FROM change_commit c WHERE c.seq IS NOT NULL ORDER BY c.seq DESC LIMIT 1`);
  return row ?? FEED_START;
}
