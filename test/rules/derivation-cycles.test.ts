import fc from 'fast-check';
import { cycleThrough } from '../../src/rules/derivation-cycles';

// The cycle finder against a brute-force search, on random graphs: it returns a cycle through a start
// exactly when one exists, made of the graph's own edges.
const reaches = (next: (n: number) => number[], from: number, to: number) => {
  const seen = new Set<number>();
  for (let frontier = next(from); frontier.length; ) {
    if (frontier.includes(to)) return true;
    frontier.forEach((n) => seen.add(n));
    frontier = frontier.flatMap(next).filter((n) => !seen.has(n));
  }
  return false;
};

test('cycleThrough finds a cycle through a start exactly when there is one', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(12), fc.nat(12)), { maxLength: 30 }),
      fc.uniqueArray(fc.nat(12), { minLength: 1, maxLength: 4 }),
      (edges, starts) => {
        const next = (n: number) => edges.filter(([from]) => from === n).map(([, to]) => to);
        const cycle = cycleThrough(starts, next);
        const onCycle = starts.some((s) => reaches(next, s, s));
        expect(cycle !== undefined).toBe(onCycle);
        if (!cycle) return;
        expect(starts).toContain(cycle[0]);
        expect(cycle.at(-1)).toBe(cycle[0]);
        for (let i = 0; i + 1 < cycle.length; i++) expect(next(cycle[i]!)).toContain(cycle[i + 1]);
      },
    ),
    { numRuns: 500 },
  );
});

test('a chain of 100,000 derivations is walked without overflowing the stack', () => {
  const next = (n: number) => (n < 100_000 ? [n + 1] : [0]);
  expect(cycleThrough([0], next)).toHaveLength(100_002);
  expect(cycleThrough([0], (n) => (n < 100_000 ? [n + 1] : []))).toBeUndefined();
});
