import { PothosValidationError } from '@pothos/core';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Spread into every connection field. Pothos clamps an oversized page silently; a client asking for
 * 1000 rows and getting 100 would take them for all there is, so the request is refused instead.
 */
export const pageLimits = {
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: (args: { first?: number | null; last?: number | null }) => {
    for (const arg of ['first', 'last'] as const) {
      const size = args[arg];
      if (typeof size === 'number' && size > MAX_PAGE_SIZE) throw new PothosValidationError(`${arg} must be at most ${MAX_PAGE_SIZE}, got ${size}`);
    }
    return MAX_PAGE_SIZE;
  },
};
