import type { Viewer } from '../auth/api-keys';
import type { ChangeFeed } from '../db/change-feed';
import type { RawReader } from '../db/raw-sql';
import type { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';

/** Built afresh for every request. */
export type Context = {
  prisma: PrismaClient;
  /** Hand-written reads: faster than Prisma's `$queryRaw` outside a transaction. */
  sql: RawReader;
  logger: Logger;
  /** The API key's owner and role; null for an anonymous request. */
  viewer: Viewer | null;
  /** Whether requests without a key may read (configuration: KB_ANONYMOUS_READ). */
  anonymousRead: boolean;
  /** Wakes subscribers when any process commits (one listening connection per instance); absent, no subscriptions. */
  changes: ChangeFeed | undefined;
};

/** Who the change log names for this request's writes. */
export const actorOf = (ctx: Context) => (ctx.viewer ? ctx.viewer.owner : 'anonymous');
