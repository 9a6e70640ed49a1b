import { lockWrites } from '../bundle/import';
import type { RawReader } from '../db/raw-sql';
import { type Tx, writeAs } from '../db/write';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { ConflictError, NotFoundError } from './errors';

/**
 * A column a merge repoints from the merged entity to the survivor. `key` names a row, so that an
 * unmerge can give exactly those rows back; a row that would repeat one of the survivor's (equal in
 * `same`, and with `retractable`, neither retracted) stays with the merged entity, which resolves to the
 * survivor: nothing is deleted. A row whose `notTo` column is the survivor stays too (a role of the
 * merged entity in the survivor).
 */
type Move = {
  table: string;
  column: string;
  key: string;
  same?: string[];
  retractable?: boolean;
  notTo?: string;
  versioned?: boolean;
};
const MOVES: Move[] = [
  { table: 'claim', column: 'subject_id', key: 'id', versioned: true },
  { table: 'claim', column: 'value_entity_id', key: 'id', versioned: true },
  { table: 'claim', column: 'place_id', key: 'id', versioned: true },
  { table: 'claim', column: 'event_id', key: 'id', versioned: true },
  // Two statements of one claim in one source at one span, by the two entities, are two pieces of
  // evidence (their stances may differ): the merged entity's stays its own. A retracted one holds no
  // slot (migration statement_slots), so it moves, and a statement moves beside one retracted.
  {
    table: 'attribution',
    column: 'agent_id',
    key: 'id',
    same: ['claim_id', 'source_id', 'span_start', 'span_end'],
    retractable: true,
  },
  { table: 'attribution', column: 'on_behalf_of_id', key: 'id' },
  { table: 'source', column: 'publisher_id', key: 'id', versioned: true },
  { table: 'source', column: 'author_id', key: 'id', versioned: true },
  { table: 'claim_disputed_by', column: 'entity_id', key: 'claim_id', same: ['claim_id'] },
  {
    table: 'entity_role',
    column: 'holder_id',
    key: 'id',
    same: ['organisation_id', 'title'],
    notTo: 'organisation_id',
  },
  { table: 'entity_role', column: 'organisation_id', key: 'id', same: ['holder_id', 'title'], notTo: 'holder_id' },
  { table: 'entity_alias', column: 'entity_id', key: 'id', same: ['name', 'language'] },
  { table: 'entity_identifier', column: 'entity_id', key: 'id' },
  { table: 'unsc_membership', column: 'member_id', key: 'id' },
  { table: 'unsc_vote', column: 'member_id', key: 'id' },
  { table: 'unsc_draft_sponsor', column: 'sponsor_id', key: 'draft_id', same: ['draft_id'] },
  { table: 'unsc_draft_concern', column: 'entity_id', key: 'draft_id', same: ['draft_id'] },
  // Entities merged into the merged one resolve to the survivor in one hop.
  { table: 'entity', column: 'merged_into_id', key: 'id' },
];
const moveName = (m: Move) => `${m.table}.${m.column}`;

/**
 * Marks the statements the merged entity kept that are now exact repeats of a standing statement of the
 * survivor (the same claim, source, span, stance, wording, quotation, time and body spoken for): kept,
 * and counted once (src/db/standing.ts). One a derivation reaches or leaves is evidence of its own, so
 * it stays unmarked. A slot holds one statement not retracted (migration statement_slots), so each
 * statement kept has at most one to repeat. Returns the ids marked.
 */
async function markDuplicates(tx: Tx, survivor: number, merged: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    UPDATE attribution r SET duplicate_of_id = o.id
      FROM standing_attribution o
     WHERE r.agent_id = ${merged} AND o.agent_id = ${survivor} AND r.retracted_at IS NULL AND r.duplicate_of_id IS NULL
       AND o.claim_id = r.claim_id AND o.source_id = r.source_id AND o.stance = r.stance AND o.wording = r.wording
       AND (o.span_start, o.span_end, o.quotation, o.stated_at, o.on_behalf_of_id)
           IS NOT DISTINCT FROM (r.span_start, r.span_end, r.quotation, r.stated_at, r.on_behalf_of_id)
       AND NOT EXISTS (SELECT 1 FROM standing_statement_derivation d WHERE r.id IN (d.attribution_id, d.origin_attribution_id))
    RETURNING r.id`;
  return rows.map((r) => r.id);
}
/** The row a merge adds: the merged entity's name as an alias of the survivor. */
const ADDED_ALIAS = 'entity_alias.added';
/** The statements a merge marked as duplicates. */
const MARKED_DUPLICATES = 'attribution.duplicate_of_id';
type Moved = Record<string, number[]>;

/** SQL: row `r` of `move` would repeat one that the entity `$1` holds (false for a move without `same`). */
const repeatsOne = (move: Move) =>
  move.same
    ? `(${move.retractable ? 'r.retracted_at IS NULL AND ' : ''}EXISTS (SELECT 1 FROM "${move.table}" o WHERE o."${move.column}" = $1 AND ${[
        ...move.same.map((c) => `o."${c}" IS NOT DISTINCT FROM r."${c}"`),
        ...(move.retractable ? ['o.retracted_at IS NULL'] : []),
      ].join(' AND ')}))`
    : 'false';

/** Moves `move`'s rows of entity `from` to entity `to`: all of them, or those keyed `only`; returns their keys. */
async function repoint(tx: Tx, move: Move, from: number, to: number, only?: number[]): Promise<number[]> {
  const conditions = [
    `r."${move.column}" = $2`,
    ...(move.notTo ? [`r."${move.notTo}" <> $1`] : []),
    `NOT ${repeatsOne(move)}`,
    ...(only ? [`r."${move.key}" = ANY($3::int[])`] : []),
  ];
  const rows = await tx.$queryRawUnsafe<{ key: number }[]>(
    `UPDATE "${move.table}" AS r SET "${move.column}" = $1${move.versioned ? ', version = r.version + 1' : ''}
      WHERE ${conditions.join(' AND ')} RETURNING r."${move.key}" AS key`,
    to,
    from,
    ...(only ? [only] : []),
  );
  return rows.map((r) => r.key);
}

/**
 * Merges `merged` into `survivor`: the merged entity's claims, statements, sources, roles, aliases,
 * identifiers, UNSC seats, votes, sponsorships and concerns move to the survivor, its name becomes an
 * alias, and it records its survivor, so its id and key keep resolving. Nothing is deleted: a row that
 * would repeat one of the survivor's stays with the merged entity, and a statement that repeats one of
 * the survivor's exactly is marked its duplicate (markDuplicates). What moved is recorded
 * (entity_merge), so that unmergeEntities can give it back. Two Council seats or votes in one year or
 * on one draft cannot both be true, so they refuse the merge.
 */
export async function mergeEntities(prisma: PrismaClient, actor: string, input: { survivor: string; merged: string }) {
  if (input.survivor === input.merged) throw new ConflictError('an entity cannot be merged into itself');
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const survivor = await tx.entity.findFirst({ where: { key: input.survivor } });
    const merged = await tx.entity.findFirst({ where: { key: input.merged } });
    if (!survivor) throw new NotFoundError('entity', input.survivor);
    if (!merged) throw new NotFoundError('entity', input.merged);
    if (survivor.mergedIntoId !== null)
      throw new ConflictError(`${survivor.key} was itself merged into another entity`);
    if (merged.mergedIntoId !== null) throw new ConflictError(`${merged.key} was merged already`);
    const [s, m] = [survivor.id, merged.id];

    const clashes = await tx.$queryRaw<{ what: string }[]>`
      SELECT 'UNSC seat in ' || a.year AS what FROM unsc_membership a JOIN unsc_membership b ON b.year = a.year WHERE a.member_id = ${s} AND b.member_id = ${m}
      UNION ALL
      SELECT 'vote on ' || d.key FROM unsc_vote a JOIN unsc_vote b ON b.draft_id = a.draft_id JOIN unsc_draft d ON d.id = a.draft_id WHERE a.member_id = ${s} AND b.member_id = ${m}`;
    if (clashes.length)
      throw new ConflictError(`both entities hold ${clashes.map((c) => c.what).join(', ')}; they cannot be one entity`);

    const moved: Moved = {};
    for (const move of MOVES) moved[moveName(move)] = await repoint(tx, move, m, s);
    moved[MARKED_DUPLICATES] = await markDuplicates(tx, s, m);
    moved[ADDED_ALIAS] = (
      await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO entity_alias (entity_id, name) VALUES (${s}, ${merged.name}) ON CONFLICT DO NOTHING RETURNING id`
    ).map((r) => r.id);
    await tx.entityMerge.create({ data: { survivorId: s, mergedId: m, moved, mergedBy: actor } });
    await tx.entity.update({ where: { id: m }, data: { mergedIntoId: s, version: { increment: 1 } } });
    return tx.entity.update({ where: { id: s }, data: { version: { increment: 1 } } });
  });
}

/**
 * Undoes the latest merge of `merged`: the rows that merge moved go back to it (those still with the
 * survivor), the alias it added goes, its duplicate marks are cleared, and the entity resolves to itself again. The merge stays on
 * record, marked undone. Refused while the survivor is itself merged into another entity.
 */
export async function unmergeEntities(prisma: PrismaClient, actor: string, input: { merged: string }) {
  return writeAs(prisma, actor, async (tx) => {
    await lockWrites(tx);
    const merged = await tx.entity.findFirst({ where: { key: input.merged } });
    if (!merged) throw new NotFoundError('entity', input.merged);
    const record = await tx.entityMerge.findFirst({
      where: { mergedId: merged.id, unmergedAt: null },
      orderBy: { id: 'desc' },
      include: { survivor: true },
    });
    if (merged.mergedIntoId === null) throw new ConflictError(`${merged.key} is not merged into another entity`);
    if (!record || record.survivorId !== merged.mergedIntoId)
      throw new ConflictError(
        `${merged.key} was merged before merges recorded what they moved (migration entity_merges), so what it held cannot be told from what its survivor held: it cannot be unmerged`,
      );
    if (record.survivor.mergedIntoId !== null)
      throw new ConflictError(`${record.survivor.key} has been merged into another entity since; unmerge it first`);
    const moved = record.moved as Moved;
    // What the merged entity was given again since the merge would be held twice: refused, not broken.
    for (const move of MOVES) {
      const keys = moved[moveName(move)] ?? [];
      const again =
        keys.length && move.same
          ? await tx.$queryRawUnsafe<{ key: number }[]>(
              `SELECT r."${move.key}" AS key FROM "${move.table}" r WHERE r."${move.column}" = $2 AND r."${move.key}" = ANY($3::int[]) AND ${repeatsOne(move)}`,
              merged.id,
              record.survivorId,
              keys,
            )
          : [];
      if (again.length)
        throw new ConflictError(
          `${merged.key} has been given again, since the merge, what the merge moved to ${record.survivor.key} (${move.table} ${again.map((r) => r.key).join(', ')}): giving it back would hold it twice`,
        );
    }
    for (const move of MOVES) {
      const keys = moved[moveName(move)] ?? [];
      if (keys.length)
        await repoint(tx, { ...move, same: undefined, notTo: undefined }, record.survivorId, merged.id, keys);
    }
    await tx.$executeRaw`UPDATE attribution SET duplicate_of_id = NULL WHERE id = ANY(${moved[MARKED_DUPLICATES] ?? []}::int[])`;
    await tx.$executeRaw`DELETE FROM entity_alias WHERE id = ANY(${moved[ADDED_ALIAS] ?? []}::int[]) AND entity_id = ${record.survivorId}`;
    await tx.entityMerge.update({ where: { id: record.id }, data: { unmergedAt: new Date(), unmergedBy: actor } });
    await tx.entity.update({ where: { id: record.survivorId }, data: { version: { increment: 1 } } });
    return tx.entity.update({ where: { id: merged.id }, data: { mergedIntoId: null, version: { increment: 1 } } });
  });
}

/** Each entity id's survivor: itself, or the entity it was merged into (merges repoint earlier merges, so one hop suffices). */
export async function survivors(db: RawReader, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db.$queryRaw<
    { id: number; survivor: number }[]
  >`SELECT id, coalesce(merged_into_id, id) AS survivor FROM entity WHERE id = ANY(${ids}::int[])`;
  return new Map(rows.map((r) => [r.id, r.survivor]));
}

/** The id of the entity with `key`, or of the entity it was merged into (a subquery; null for an unknown key). */
export const survivorIdByKey = (key: string) =>
  Prisma.sql`(SELECT coalesce(merged_into_id, id) FROM entity WHERE key = ${key})`;
