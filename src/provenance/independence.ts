import type { RelationFact } from './derivation-graph';

/** Who stands behind one origin, and when it spoke (an ISO date-time or date; null when unknown). */
export type Standing = { agentIds: number[]; at: string | null };

/** Origins (by index) that count as one, and why each was joined to the others. */
export type OriginGroup = { members: number[]; reasons: string[] };

const day = (at: string) => at.slice(0, 10);

/** A relation holds for a statement made at `at` (always, when the time is unknown: the cautious reading), unless asserted independent. */
const inForce = (r: RelationFact, at: string | null) =>
  !r.independent &&
  (at === null || ((r.validFrom === null || r.validFrom <= day(at)) && (r.validTo === null || day(at) <= r.validTo)));

const says = (r: RelationFact, names: ReadonlyMap<number, string>) =>
  `${names.get(r.holderId)} ${r.relation === 'PART_OF' ? 'is part of' : 'acts for'} ${names.get(r.organisationId)} (${r.title})`;

/**
 * The bodies each origin speaks for at its time: its agents, and every organisation they act for or
 * are part of, transitively, with the relations that lead there.
 */
function speaksFor(origin: Standing, upwards: ReadonlyMap<number, RelationFact[]>): Map<number, RelationFact[]> {
  const paths = new Map(origin.agentIds.map((id) => [id, [] as RelationFact[]]));
  let frontier = [...paths.keys()];
  while (frontier.length) {
    const next: number[] = [];
    for (const id of frontier)
      for (const r of upwards.get(id) ?? []) {
        if (!inForce(r, origin.at) || paths.has(r.organisationId)) continue;
        paths.set(r.organisationId, [...paths.get(id)!, r]);
        next.push(r.organisationId);
      }
    frontier = next;
  }
  return paths;
}

/**
 * Groups origins that are not independent: those whose agents are the same, or act for or are part of
 * one body (one of them, or one above both), at the time of each statement, unless a relation on the
 * way is asserted independent. Two agencies of one government count as that government, once.
 */
export function groupOrigins(
  origins: readonly Standing[],
  relations: readonly RelationFact[],
  names: ReadonlyMap<number, string>,
): OriginGroup[] {
  const upwards = new Map<number, RelationFact[]>();
  for (const r of relations) upwards.set(r.holderId, [...(upwards.get(r.holderId) ?? []), r]);
  const bodies = origins.map((o) => speaksFor(o, upwards));
  const groupOf = origins.map((_, i) => i);
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i]!)));
  const reasons = new Map<number, string[]>();
  for (let i = 0; i < origins.length; i++)
    for (let j = i + 1; j < origins.length; j++) {
      const [into, from] = [find(i), find(j)];
      if (into === from) continue;
      const shared = [...bodies[i]!.keys()]
        .filter((id) => bodies[j]!.has(id))
        .map((id) => ({ id, path: [...bodies[i]!.get(id)!, ...bodies[j]!.get(id)!] }))
        .toSorted((a, b) => a.path.length - b.path.length || a.id - b.id)[0];
      if (!shared) continue;
      const why = shared.path.length
        ? shared.path.map((r) => says(r, names))
        : [`${names.get(shared.id)} stands behind both`];
      groupOf[from] = into;
      reasons.set(into, [...new Set([...(reasons.get(into) ?? []), ...(reasons.get(from) ?? []), ...why])]);
    }
  const groups = new Map<number, number[]>();
  origins.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups].map(([root, members]) => ({ members, reasons: members.length > 1 ? reasons.get(root)! : [] }));
}
