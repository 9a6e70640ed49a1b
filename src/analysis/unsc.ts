import { NotFoundError } from '../curation/errors';
import type { RawReader } from '../db/raw-sql';
import { Prisma } from '../generated/prisma/client';
import type { UnscVoteCast } from '../generated/prisma/enums';
import { VOTES_TO_ADOPT } from '../rules/unsc-charter';
import { optional, pagedQuery } from './paged-sql';

/**
 * The id of the agenda `ref` names (SQL text, e.g. a parameter): its key, or its name or an alias
 * regardless of case and surrounding spaces (as bundles name agendas: agendaNameKey); null for none.
 */
export const agendaIdSql = (ref: Prisma.Sql) => Prisma.sql`(
    SELECT id FROM unsc_agenda WHERE key = ${ref} OR lower(btrim(name)) = lower(btrim(${ref}))
    UNION ALL
    SELECT agenda_id FROM unsc_agenda_alias WHERE lower(btrim(name)) = lower(btrim(${ref}))
    LIMIT 1)`;

/** The id of the agenda `ref` names (agendaIdSql), or a NotFoundError for an unknown one. */
export async function agendaIdOf(db: RawReader, ref: string): Promise<number> {
  const [row] = await db.$queryRaw<{ id: number | null }[]>`SELECT ${agendaIdSql(Prisma.sql`${ref}`)} AS id`;
  if (row?.id == null) throw new NotFoundError('agenda', ref);
  return row.id;
}

/**
 * The resolution number a reference names: 1718, S/RES/1718, S/RES/1718 (2006), resolution 1718;
 * undefined for anything else.
 */
export function resolutionNumberIn(ref: string): number | undefined {
  const match = /^\s*(?:S\/RES\/|resolution\s+)?(\d{1,6})(?:\s*\(\d{4}\))?\s*$/i.exec(ref);
  return match ? Number(match[1]) : undefined;
}

export type VetoRow = { draft_id: number; member_id: number };

/**
 * Vetoes: a permanent member's "no" on a draft that had the nine votes it needed otherwise.
 * Abstentions are not vetoes (Charter Art. 27(3) and the Council's practice).
 */
export function vetoes(
  db: RawReader,
  filter: { memberId?: number; agendaId?: number },
  page: { limit: number; offset: number },
) {
  const hits = Prisma.sql`
    SELECT v.draft_id, v.member_id, d.vote_date, e.name AS member_name
      FROM unsc_vote v
      JOIN unsc_draft d ON d.id = v.draft_id
      JOIN entity e ON e.id = v.member_id
      JOIN unsc_membership m ON m.member_id = v.member_id AND m.year = extract(year FROM d.vote_date)::int AND m.seat = 'PERMANENT'
     WHERE v.vote = 'N'
       AND (SELECT count(*) FROM unsc_vote y WHERE y.draft_id = d.id AND y.vote = 'Y') >= ${VOTES_TO_ADOPT}
       AND ${optional(filter.memberId, Prisma.sql`v.member_id = ${filter.memberId}`)}
       AND ${optional(filter.agendaId, Prisma.sql`d.agenda_id = ${filter.agendaId}`)}`;
  return pagedQuery<VetoRow & { vote_date: Date }>(db, hits, Prisma.sql`vote_date, draft_id, member_name`, page);
}

export type AlignmentFilter = { agendaId?: number; since?: Date; until?: Date };
export type AlignmentRow = { draft_id: number; vote_a: UnscVoteCast; vote_b: UnscVoteCast; vote_date: Date };
export type AlignmentSummary = { aId: number | null; bId: number | null; decisions: number; identical: number };

/**
 * The decisions both members voted on within the filter, with both votes; `dated` adds each decision's
 * date. The drafts are joined only when the filter or the date needs them: a count does not.
 */
function pairVotes(a: Prisma.Sql, b: Prisma.Sql, filter: AlignmentFilter, dated: boolean) {
  const drafts = dated || filter.agendaId !== undefined || filter.since !== undefined || filter.until !== undefined;
  return Prisma.sql`
    SELECT va.draft_id, va.vote AS vote_a, vb.vote AS vote_b${dated ? Prisma.sql`, d.vote_date` : Prisma.empty}
      FROM unsc_vote va
      JOIN unsc_vote vb ON vb.draft_id = va.draft_id AND vb.member_id = ${b}
      ${drafts ? Prisma.sql`JOIN unsc_draft d ON d.id = va.draft_id` : Prisma.empty}
     WHERE va.member_id = ${a}
       AND ${optional(filter.agendaId, Prisma.sql`d.agenda_id = ${filter.agendaId}`)}
       AND ${optional(filter.since, Prisma.sql`d.vote_date >= ${filter.since}`)}
       AND ${optional(filter.until, Prisma.sql`d.vote_date <= ${filter.until}`)}`;
}

/**
 * How often two members (by key) voted alike, in one statement: the keys are looked up in it, and an
 * unknown key comes back as a null id.
 */
export async function alignmentSummary(
  db: RawReader,
  a: string,
  b: string,
  filter: AlignmentFilter,
): Promise<AlignmentSummary> {
  const [aId, bId] = [a, b].map((key) => Prisma.sql`(SELECT id FROM entity WHERE key = ${key})`) as [
    Prisma.Sql,
    Prisma.Sql,
  ];
  const [row] = await db.$queryRaw<
    { a_id: number | null; b_id: number | null; decisions: number; identical: number }[]
  >`
    SELECT ${aId} AS a_id, ${bId} AS b_id, count(*)::int AS decisions, count(*) FILTER (WHERE r.vote_a = r.vote_b)::int AS identical
      FROM (${pairVotes(aId, bId, filter, false)}) r`;
  return { aId: row!.a_id, bId: row!.b_id, decisions: row!.decisions, identical: row!.identical };
}

/** A page of the decisions behind an alignment, in date order. */
export function alignmentRecords(
  db: RawReader,
  aId: number,
  bId: number,
  filter: AlignmentFilter,
  page: { limit: number; offset: number },
) {
  return pagedQuery<AlignmentRow>(
    db,
    pairVotes(Prisma.sql`${aId}`, Prisma.sql`${bId}`, filter, true),
    Prisma.sql`vote_date, draft_id`,
    page,
  );
}
