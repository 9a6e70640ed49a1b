import { PothosValidationError } from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import {
  type DefaultConnectionArguments,
  type PageInfoShape,
  resolveCursorConnection,
  resolveOffsetConnection,
} from '@pothos/plugin-relay';
import { InputValidationError } from '@pothos/plugin-validation';
import type { Page } from '../analysis/paged-sql';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * An oversized page: an InputValidationError, so that a field whose union offers it answers it as its
 * typed result (the field's neighbours unharmed); elsewhere a request error with its own code.
 */
class PageTooLargeError extends InputValidationError {
  constructor(arg: 'first' | 'last', size: number) {
    const message = `${arg} must be at most ${MAX_PAGE_SIZE}, got ${size}`;
    super({ issues: [{ message, path: [arg] }] });
    this.message = message;
    Object.assign(this.extensions, { code: 'PAGE_TOO_LARGE' });
  }
}

/**
 * Spread into every connection field. Pothos clamps an oversized page silently; a client asking for
 * 1000 rows and getting 100 would take them for all there is, so the request is refused instead.
 */
export const pageLimits = {
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: (args: { first?: number | null; last?: number | null }) => {
    for (const arg of ['first', 'last'] as const) {
      const size = args[arg];
      if (typeof size === 'number' && size > MAX_PAGE_SIZE) throw new PageTooLargeError(arg, size);
    }
    return MAX_PAGE_SIZE;
  },
};

/**
 * A connection over a hand-written SQL page (offset cursors, as Relay allows for computed lists):
 * `load` returns the rows of one page and the total, `toNodes` turns the rows into nodes in one batch.
 */
export async function offsetConnection<Row, Node>(
  args: DefaultConnectionArguments,
  load: (page: { limit: number; offset: number }) => Promise<Page<Row>>,
  toNodes: (rows: Row[]) => Promise<Node[]> | Node[],
) {
  pageLimits.maxSize(args);
  let totalCount = 0;
  const connection = await resolveOffsetConnection(
    { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    async (page) => {
      const result = await load(page);
      totalCount = result.total;
      return toNodes(result.rows);
    },
  );
  return { ...emptyCursorsNull(connection), totalCount };
}

/** One page of a Prisma findMany by id cursor, as the prisma plugin's connections page. */
export type PrismaWindow = { cursor?: { id: number }; skip: number; take: number };

/**
 * A connection over a Prisma model whose filter the caller has already computed. The prisma plugin's
 * own connection calls its resolver only when edges are selected, so a key looked up for the filter
 * (an unknown entity's NotFoundError) would answer or not depending on the selection; a field whose
 * arguments name records resolves them first and pages with this instead.
 */
export async function prismaPage<Node extends { id: number }>(
  args: DefaultConnectionArguments,
  page: (window: PrismaWindow) => Promise<Node[]>,
  count: () => Promise<number>,
) {
  pageLimits.maxSize(args);
  const connection = await resolveCursorConnection<Promise<Node[]>>(
    {
      args,
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      toCursor: (node) => formatPrismaCursor(node, 'id'),
    },
    async ({ before, after, limit, inverted }) => {
      const id = cursorId(before ?? after);
      const window = { cursor: id === undefined ? undefined : { id }, skip: id === undefined ? 0 : 1 };
      // Prisma returns a backward page in ascending order; the relay helper expects it nearest first.
      return inverted ? (await page({ ...window, take: -limit })).toReversed() : page({ ...window, take: limit });
    },
  );
  return { ...emptyCursorsNull(connection), totalCount: count };
}

/** An empty page has no cursors: null, as the prisma plugin's connections say, not '' or an offset. */
export function emptyCursorsNull<C extends { edges: readonly unknown[]; pageInfo: PageInfoShape }>(connection: C): C {
  if (!connection.edges.length) Object.assign(connection.pageInfo, { startCursor: null, endCursor: null });
  return connection;
}

/** The record id a Prisma-style cursor names (as the prisma plugin's connections write them). */
export const cursorId = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined;
  const id = parsePrismaCursor(cursor);
  if (!Number.isSafeInteger(id)) throw new PothosValidationError(`Invalid cursor: ${cursor}`);
  return id as number;
};
