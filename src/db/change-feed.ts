import pg from 'pg';
import type { Logger } from '../logger';

const CHANGE_CHANNEL = 'kb_change';

export type ChangeFeed = {
  /** Whether commits are heard now; false from a lost connection until listening resumes. */
  readonly listening: boolean;
  close: () => Promise<void>;
};

/**
 * Calls `onChange` for every transaction that commits a write to the knowledge base, in any process
 * (the tables' `kb_change` triggers notify at commit). While the connection is down nothing can be
 * heard, so `listening` is false; `onChange` is called when it is lost and again once listening
 * resumes, since writes may have committed in between. Written here rather than with pg-listen,
 * which stops reconnecting for good after a timeout (3 s by default): the cache must stop
 * the moment a notification can be missed, and come back by itself however long the database was away.
 */
export async function listenForChanges(
  databaseUrl: string,
  logger: Logger,
  onChange: () => void,
  retryMs = 1_000,
): Promise<ChangeFeed> {
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const release = (old: pg.Client | undefined) => {
    old?.removeAllListeners();
    old?.on('error', () => undefined);
    return old?.end().catch(() => undefined);
  };

  const lost = (error: Error) => {
    if (closed || retry) return; // a lost connection reports both 'error' and 'end'
    listening = false;
    onChange();
    logger.warn({ err: error }, 'change notifications lost; response cache off until they resume');
    void release(client);
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect().catch(lost);
    }, retryMs).unref();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'provenance-kb changes' });
    next.on('error', lost);
    next.on('end', () => lost(new Error('connection ended')));
    next.on('notification', () => onChange());
    client = next;
    await next.connect();
    await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    listening = true;
    onChange();
  };

  const close = async () => {
    closed = true;
    clearTimeout(retry);
    listening = false;
    await release(client);
  };
  // A first connection that fails is the caller's error, not one to retry behind its back.
  await connect().catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    get listening() {
      return listening;
    },
    close,
  };
}
