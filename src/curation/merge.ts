import { lockWrites } from '../bundle/import';
import type { RawReader } from '../db/raw-sql';
import { writeAs } from '../db/write';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { ConflictError, NotFoundError } from './errors';

/**
 * Merges `mergedKey` into `survivorKey`: every claim, attribution, source, role, alias, identifier,
 * UNSC seat, vote, sponsorship and concern of the merged entity moves to the survivor, the merged
 * name becomes an alias, and the merged entity records its survivor, so its id and key keep
 * resolving. Rows that would duplicate one the survivor already holds are the same fact twice and
 * are dropped (the change log keeps them); two Council seats or votes in one year or on one draft
 * cannot both be true, so they refuse the merge.
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

    await tx.$executeRaw`UPDATE claim SET subject_id = ${s}, version = version + 1 WHERE subject_id = ${m}`;
    await tx.$executeRaw`UPDATE claim SET value_entity_id = ${s}, version = version + 1 WHERE value_entity_id = ${m}`;
    await tx.$executeRaw`UPDATE claim SET place_id = ${s}, version = version + 1 WHERE place_id = ${m}`;
    // A statement of the merged entity that one of the survivor's duplicates goes; the derivations that
    // name it name its twin instead, unless that makes one the same as another or a statement's own.
    const twins = await tx.$queryRaw<{ dup: number; keep: number }[]>`
      SELECT a.id AS dup, b.id AS keep FROM attribution a JOIN attribution b
          ON b.agent_id = ${s} AND b.claim_id = a.claim_id AND b.source_id = a.source_id
         AND b.span_start IS NOT DISTINCT FROM a.span_start AND b.span_end IS NOT DISTINCT FROM a.span_end
       WHERE a.agent_id = ${m}`;
    if (twins.length) {
      const keep = new Map(twins.map((t) => [t.dup, t.keep]));
      const dups = [...keep.keys()];
      const touched = await tx.statementDerivation.findMany({
        where: { OR: [{ attributionId: { in: dups } }, { originAttributionId: { in: dups } }] },
      });
      const identity = (d: {
        attributionId: number;
        originAttributionId: number | null;
        originSourceId: number | null;
        kind: string;
      }) => `${d.attributionId}|${d.originAttributionId}|${d.originSourceId}|${d.kind}`;
      const untouched = await tx.statementDerivation.findMany({
        where: {
          attributionId: { in: [...keep.values(), ...touched.map((d) => d.attributionId)] },
          id: { notIn: touched.map((d) => d.id) },
        },
      });
      const held = new Set(untouched.map(identity));
      for (const d of touched) {
        const moved = {
          ...d,
          attributionId: keep.get(d.attributionId) ?? d.attributionId,
          originAttributionId:
            d.originAttributionId === null ? null : (keep.get(d.originAttributionId) ?? d.originAttributionId),
        };
        if (held.has(identity(moved)) || moved.originAttributionId === moved.attributionId)
          await tx.statementDerivation.delete({ where: { id: d.id } });
        else {
          held.add(identity(moved));
          await tx.statementDerivation.update({
            where: { id: d.id },
            data: { attributionId: moved.attributionId, originAttributionId: moved.originAttributionId },
          });
        }
      }
      await tx.$executeRaw`DELETE FROM attribution WHERE id = ANY(${dups}::int[])`;
    }
    await tx.$executeRaw`UPDATE attribution SET agent_id = ${s} WHERE agent_id = ${m}`;
    await tx.$executeRaw`UPDATE attribution SET on_behalf_of_id = ${s} WHERE on_behalf_of_id = ${m}`;
    await tx.$executeRaw`UPDATE source SET publisher_id = ${s}, version = version + 1 WHERE publisher_id = ${m}`;
    await tx.$executeRaw`UPDATE source SET author_id = ${s}, version = version + 1 WHERE author_id = ${m}`;
    await tx.$executeRaw`UPDATE claim SET event_id = ${s}, version = version + 1 WHERE event_id = ${m}`;
    await tx.$executeRaw`DELETE FROM claim_disputed_by a USING claim_disputed_by b WHERE a.entity_id = ${m} AND b.entity_id = ${s} AND b.claim_id = a.claim_id`;
    await tx.$executeRaw`UPDATE claim_disputed_by SET entity_id = ${s} WHERE entity_id = ${m}`;
    await tx.$executeRaw`DELETE FROM entity_role a USING entity_role b WHERE a.holder_id = ${m} AND b.holder_id = ${s} AND b.organisation_id = a.organisation_id AND b.title = a.title`;
    await tx.$executeRaw`UPDATE entity_role SET holder_id = ${s} WHERE holder_id = ${m} AND organisation_id <> ${s}`;
    await tx.$executeRaw`DELETE FROM entity_role a USING entity_role b WHERE a.organisation_id = ${m} AND b.organisation_id = ${s} AND b.holder_id = a.holder_id AND b.title = a.title`;
    await tx.$executeRaw`UPDATE entity_role SET organisation_id = ${s} WHERE organisation_id = ${m} AND holder_id <> ${s}`;
    await tx.$executeRaw`DELETE FROM entity_alias a USING entity_alias b WHERE a.entity_id = ${m} AND b.entity_id = ${s} AND b.name = a.name AND b.language = a.language`;
    await tx.$executeRaw`UPDATE entity_alias SET entity_id = ${s} WHERE entity_id = ${m}`;
    await tx.$executeRaw`INSERT INTO entity_alias (entity_id, name) VALUES (${s}, ${merged.name}) ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`UPDATE entity_identifier SET entity_id = ${s} WHERE entity_id = ${m}`;
    await tx.$executeRaw`UPDATE unsc_membership SET member_id = ${s} WHERE member_id = ${m}`;
    await tx.$executeRaw`UPDATE unsc_vote SET member_id = ${s} WHERE member_id = ${m}`;
    await tx.$executeRaw`DELETE FROM unsc_draft_sponsor a USING unsc_draft_sponsor b WHERE a.sponsor_id = ${m} AND b.sponsor_id = ${s} AND b.draft_id = a.draft_id`;
    await tx.$executeRaw`UPDATE unsc_draft_sponsor SET sponsor_id = ${s} WHERE sponsor_id = ${m}`;
    await tx.$executeRaw`DELETE FROM unsc_draft_concern a USING unsc_draft_concern b WHERE a.entity_id = ${m} AND b.entity_id = ${s} AND b.draft_id = a.draft_id`;
    await tx.$executeRaw`UPDATE unsc_draft_concern SET entity_id = ${s} WHERE entity_id = ${m}`;
    await tx.$executeRaw`UPDATE entity SET merged_into_id = ${s} WHERE merged_into_id = ${m}`;
    await tx.entity.update({ where: { id: m }, data: { mergedIntoId: s, version: { increment: 1 } } });
    return tx.entity.update({ where: { id: s }, data: { version: { increment: 1 } } });
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
