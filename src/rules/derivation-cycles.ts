import { BundleValidationError } from '../bundle/problems';
import type { RawReader } from '../db/raw-sql';

// A derivation says where something came from; a cycle of them (A from B, B from A) has no origin, and
// every walk over it (primary sources, independent origins, credibility) would answer nonsense. Every
// write path that records derivations (addDerivation, the bundle importer, so every curation write and
// draft commit) checks, in its transaction, that the sources and statements it gave derivations are on
// no cycle, at both levels: documents (source_derivation) and statements (statement_derivation).
// A retracted derivation is no longer there.

/** A node of a derivation cycle: a source, or a statement (its agent in its source, at its span). */
export type CycleNode = { source: string; agent?: string; span?: [number, number] };

const nodeName = (n: CycleNode) =>
  n.agent === undefined ? n.source : `${n.agent} in ${n.source}${n.span ? ` [${n.span[0]}-${n.span[1]}]` : ''}`;

/** A write refused because a derivation it records closes a cycle; `cycle` runs from a node to itself. */
export class DerivationCycleError extends BundleValidationError {
  override name = 'DerivationCycleError';
  constructor(
    readonly level: 'source' | 'statement',
    readonly cycle: CycleNode[],
    path: string,
  ) {
    super([
      {
        path,
        message: `closes a derivation cycle, each derived from the next: ${cycle.map(nodeName).join(' -> ')}`,
      },
    ]);
  }
}

/**
 * A cycle through one of `starts` in the graph `next` (a node -> the nodes it derives from), from a
 * start back to it; undefined when no start is on one. Linear in the graph: strongly connected
 * components first (Kosaraju, iterative so that a long chain cannot overflow the stack), then one
 * breadth-first search inside the start's component.
 */
export function cycleThrough<T>(starts: readonly T[], next: (node: T) => readonly T[]): T[] | undefined {
  const order: T[] = [];
  const seen = new Set<T>();
  const reverse = new Map<T, T[]>();
  for (const root of starts) {
    if (seen.has(root)) continue;
    seen.add(root);
    const path = [root];
    const taken = [0];
    while (path.length) {
      const at = path.length - 1;
      const out = next(path[at]!);
      if (taken[at]! < out.length) {
        const to = out[taken[at]!++]!;
        if (!reverse.has(to)) reverse.set(to, []);
        reverse.get(to)!.push(path[at]!);
        if (!seen.has(to)) {
          seen.add(to);
          path.push(to);
          taken.push(0);
        }
      } else {
        order.push(path.pop()!);
        taken.pop();
      }
    }
  }
  const component = new Map<T, number>();
  for (const root of order.toReversed()) {
    if (component.has(root)) continue;
    component.set(root, component.size);
    const id = component.get(root)!;
    for (const stack = [root]; stack.length; )
      for (const from of reverse.get(stack.pop()!) ?? [])
        if (!component.has(from)) {
          component.set(from, id);
          stack.push(from);
        }
  }
  for (const start of starts) {
    const within = (n: T) => component.get(n) === component.get(start);
    const parent = new Map<T, T>();
    for (let frontier = [start]; frontier.length; ) {
      const following: T[] = [];
      for (const node of frontier)
        for (const to of next(node).filter(within)) {
          if (to === start) {
            const path = [start, node];
            while (path.at(-1) !== start) path.push(parent.get(path.at(-1)!)!);
            return path.toReversed();
          }
          if (!parent.has(to)) {
            parent.set(to, node);
            following.push(to);
          }
        }
      frontier = following;
    }
  }
  return undefined;
}

const adjacency = <T>(edges: [T, T][]) => {
  const next = new Map<T, T[]>();
  for (const [from, to] of edges) {
    if (!next.has(from)) next.set(from, []);
    next.get(from)!.push(to);
  }
  return (node: T) => next.get(node) ?? [];
};

/** A cycle of document-level derivations through one of the sources `derived` (keys), or undefined. */
export async function sourceCycle(db: RawReader, derived: readonly string[]): Promise<CycleNode[] | undefined> {
  if (!derived.length) return undefined;
  // Only what the sources reach upstream can close a cycle through them.
  const edges = await db.$queryRaw<{ derived: string; origin: string }[]>`
    WITH RECURSIVE reach(id) AS (
        SELECT id FROM source WHERE key = ANY(${[...derived]}::text[])
        UNION
        SELECT d.origin_id FROM reach r JOIN standing_source_derivation d ON d.derived_id = r.id
    )
    SELECT ds.key AS derived, os.key AS origin
      FROM reach r JOIN standing_source_derivation d ON d.derived_id = r.id
      JOIN source ds ON ds.id = d.derived_id JOIN source os ON os.id = d.origin_id`;
  return cycleThrough(derived, adjacency(edges.map((e) => [e.derived, e.origin])))?.map((source) => ({ source }));
}

type StatementRow = { id: number; agent: string; source: string; span_start: number | null; span_end: number | null };

/**
 * A cycle of statement derivations in one of the claims `claims` (keys), or undefined. A statement that
 * repeats a source as a whole repeats what the claim's statements in that source say.
 */
export async function statementCycle(
  db: RawReader,
  claims: readonly string[],
): Promise<{ claim: string; cycle: CycleNode[] } | undefined> {
  if (!claims.length) return undefined;
  const [statements, steps] = await Promise.all([
    db.$queryRaw<(StatementRow & { claim: string; source_id: number })[]>`
      SELECT a.id, c.key AS claim, e.key AS agent, s.key AS source, a.source_id, a.span_start, a.span_end
        FROM claim c JOIN attribution a ON a.claim_id = c.id JOIN entity e ON e.id = a.agent_id JOIN source s ON s.id = a.source_id
       WHERE c.key = ANY(${[...claims]}::text[]) AND EXISTS (SELECT 1 FROM standing_statement_derivation d WHERE d.claim_id = c.id)`,
    db.$queryRaw<{ derived: number; origin: number | null; origin_source: number | null }[]>`
      SELECT d.attribution_id AS derived, d.origin_attribution_id AS origin, d.origin_source_id AS origin_source
        FROM standing_statement_derivation d JOIN claim c ON c.id = d.claim_id
       WHERE c.key = ANY(${[...claims]}::text[])`,
  ]);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const edges = steps.flatMap((d): [number, number][] =>
    d.origin !== null
      ? [[d.derived, d.origin]]
      : statements
          .filter(
            (s) => s.source_id === d.origin_source && s.id !== d.derived && s.claim === byId.get(d.derived)?.claim,
          )
          .map((s) => [d.derived, s.id]),
  );
  const cycle = cycleThrough(
    steps.map((d) => d.derived),
    adjacency(edges),
  );
  if (!cycle) return undefined;
  return {
    claim: byId.get(cycle[0]!)!.claim,
    cycle: cycle.map((id) => {
      const s = byId.get(id)!;
      return {
        agent: s.agent,
        source: s.source,
        ...(s.span_start === null || s.span_end === null
          ? {}
          : { span: [s.span_start, s.span_end] as [number, number] }),
      };
    }),
  };
}
