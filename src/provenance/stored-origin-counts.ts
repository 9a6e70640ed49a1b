import type { Tx } from '../db/write';
import { WRITE_LOCK } from '../db/write-lock';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';
import { originCountsCte } from './origins';

// claim_origin_count holds originCountsCte's answer for every claim with an origin (migration
// claim_origin_counts), so that whole-knowledge-base figures are a GROUP BY rather than a walk of all the
// provenance per request. It is kept exact in the writing transaction: writeAs recomputes, just before
// commit, every claim the transaction's writes (its change-log rows) can affect. Writes to the evidence
// serialise on the write lock (src/bundle/import.ts lockWrites), so each recomputation sees every earlier
// write committed.

/** Claims per recomputing statement: well under the statement timeout at 1M claims (BENCHMARKS.md). */
const BATCH = 2_000;

/**
 * What this transaction wrote that originCountsCte reads, from its change-log rows: the claims of the
 * statements, statement derivations and UN records it wrote; the sources whose date, publisher or author
 * it changed; the entities whose merge it changed; the holders of the roles it wrote.
 */
const WRITTEN = Prisma.sql`
  SELECT coalesce(array_agg(DISTINCT (x.r ->> 'claim_id')::int)
                  FILTER (WHERE w.table_name IN ('attribution', 'statement_derivation', 'claim_unsc_record')), '{}') AS claims,
         coalesce(array_agg(DISTINCT (w.after ->> 'id')::int)
                  FILTER (WHERE w.table_name = 'source'
                            AND (w.before -> 'published_at', w.before -> 'publisher_id', w.before -> 'author_id')
                                IS DISTINCT FROM (w.after -> 'published_at', w.after -> 'publisher_id', w.after -> 'author_id')), '{}') AS sources,
         coalesce(array_agg(DISTINCT (w.after ->> 'id')::int)
                  FILTER (WHERE w.table_name = 'entity' AND (w.before -> 'merged_into_id') IS DISTINCT FROM (w.after -> 'merged_into_id')), '{}') AS merged,
         coalesce(array_agg(DISTINCT (x.r ->> 'holder_id')::int) FILTER (WHERE w.table_name = 'entity_role'), '{}') AS holders
    FROM change_log w, LATERAL (VALUES (w.before), (w.after)) x(r)
   WHERE w.xid = (pg_current_xact_id_if_assigned()::text)::bigint AND x.r IS NOT NULL
     AND w.table_name IN ('attribution', 'statement_derivation', 'claim_unsc_record', 'source', 'entity', 'entity_role')`;
type Written = { claims: number[]; sources: number[]; merged: number[]; holders: number[] };

/**
 * The claims whose origin counts changes to sources, merges and roles can change: with statements in a
 * changed source or derivations repeating it whole; with statements by a merged entity; whose origins'
 * agents, or the publishers and authors of the sources they repeat, are a role's holder or below it in
 * the role graph, or were merged into one of those. Over-approximated (any time, any independence)
 * where exactness would cost more than recomputing. Each set is joined from its few ids, so that the
 * statement uses the indexes however large the knowledge base.
 */
const reached = (w: Written) => Prisma.sql`
  WITH RECURSIVE below (id) AS (
    SELECT unnest(${w.holders}::int[])
    UNION
    SELECT r.holder_id FROM below b JOIN entity_role r ON r.organisation_id = b.id
  ),
  bodied AS (SELECT id FROM below UNION SELECT e.id FROM below b JOIN entity e ON e.merged_into_id = b.id),
  repeated AS (
    SELECT unnest(${w.sources}::int[]) AS id
    UNION SELECT s.id FROM bodied b JOIN source s ON s.publisher_id = b.id
    UNION SELECT s.id FROM bodied b JOIN source s ON s.author_id = b.id
  ),
  agents AS (SELECT unnest(${w.merged}::int[]) AS id UNION SELECT id FROM bodied)
  SELECT coalesce(array_agg(DISTINCT claim_id), '{}') AS ids FROM (
    SELECT a.claim_id FROM attribution a WHERE a.source_id = ANY(${w.sources}::int[])
    UNION SELECT d.claim_id FROM repeated p JOIN statement_derivation d ON d.origin_source_id = p.id
    UNION SELECT a.claim_id FROM agents g JOIN attribution a ON a.agent_id = g.id
    UNION SELECT a.claim_id FROM bodied b JOIN attribution a ON a.on_behalf_of_id = b.id
  ) affected`;

/** Recomputes the stored origin counts of the claims `ids`: rows upserted, and gone for claims now without an origin. */
async function recount(tx: Tx, ids: number[]): Promise<void> {
  await tx.$executeRaw`
    WITH RECURSIVE ${originCountsCte(Prisma.sql`= ANY(${ids}::int[])`)},
    counted AS (SELECT claim_id, origins, sole_source_id FROM origin_counts WHERE origins > 0),
    upserted AS (
      INSERT INTO claim_origin_count (claim_id, origins, sole_source_id) SELECT * FROM counted
      ON CONFLICT (claim_id) DO UPDATE SET origins = excluded.origins, sole_source_id = excluded.sole_source_id
       WHERE (claim_origin_count.origins, claim_origin_count.sole_source_id)
             IS DISTINCT FROM (excluded.origins, excluded.sole_source_id)
    )
    DELETE FROM claim_origin_count c
     WHERE c.claim_id = ANY(${ids}::int[]) AND NOT EXISTS (SELECT 1 FROM counted o WHERE o.claim_id = c.claim_id)`;
}

/** Recomputes, in the writing transaction, the origin counts of every claim its writes can affect (WRITTEN, reached). */
export async function recountWritten(tx: Tx): Promise<void> {
  const [written] = await tx.$queryRaw<Written[]>(WRITTEN);
  if (!written) return;
  const ids = new Set(written.claims);
  if (written.sources.length || written.merged.length || written.holders.length) {
    const [more] = await tx.$queryRaw<{ ids: number[] }[]>(reached(written));
    for (const id of more?.ids ?? []) ids.add(id);
  }
  const claims = [...ids];
  for (let i = 0; i < claims.length; i += BATCH) await recount(tx, claims.slice(i, i + BATCH));
}

/**
 * Builds the stored origin counts if a build is owed (claim_origin_count_build): of claims written
 * before the table existed, or loaded past the write path. One transaction per batch of claims, under
 * the write lock, so that a build interrupted resumes where it stopped and concurrent writes stay exact.
 */
export async function buildOriginCounts(prisma: PrismaClient, logger: Logger): Promise<void> {
  const owed = await prisma.claimOriginCountBuild.findUnique({ where: { id: 1 } });
  if (!owed) return;
  const total = await prisma.claim.count({ where: { id: { gt: owed.afterClaimId } } });
  logger.info({ claims: total }, 'building the stored origin counts');
  const started = performance.now();
  let done = 0;
  for (let more = true; more; ) {
    more = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
        const [next] = await tx.$queryRaw<{ ids: number[] }[]>`
          SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM (
            SELECT id FROM claim WHERE id > (SELECT after_claim_id FROM claim_origin_count_build) ORDER BY id LIMIT ${BATCH}
          ) batch`;
        const ids = next?.ids ?? [];
        if (!ids.length) {
          await tx.claimOriginCountBuild.deleteMany();
          return false;
        }
        await recount(tx, ids);
        await tx.claimOriginCountBuild.update({ where: { id: 1 }, data: { afterClaimId: ids.at(-1)! } });
        done += ids.length;
        return true;
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
    if (more && done % (BATCH * 25) === 0)
      logger.info(
        { done, total, seconds: Math.round((performance.now() - started) / 1000) },
        'origin counts built so far',
      );
  }
  logger.info(
    { claims: done, seconds: Math.round((performance.now() - started) / 1000) },
    'stored origin counts built',
  );
}

/** Marks every claim's stored origin count as owed a build: for data loaded past the write path (COPY). */
export async function owedOriginCounts(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO claim_origin_count_build (id, after_claim_id) VALUES (1, 0)
    ON CONFLICT (id) DO UPDATE SET after_claim_id = 0`;
}
