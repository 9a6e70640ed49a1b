import pg from 'pg';
import type { Logger } from '../logger';

const CHANGE_CHANNEL = 'kb_change';

export type ChangeFeed = {
  /** Whether commits are heard now; false from a lost connection until listening resumes. */
  readonly listening: boolean;
  /** How many times `onChange` has been called: a reader notes it before it reads. */
  readonly generation: number;
  /**
   * Resolves once the generation has passed `seen` (at once if it has already). Every waiter shares
   * one promise per generation, so a thousand idle subscribers hold no more than one.
   */
  changedSince: (seen: number) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Calls `onChange` for every transaction that commits a write to the knowledge base, in any process
 * (the tables' `kb_change` triggers notify at commit), and wakes the readers waiting in
 * `changedSince`: one listening connection per process, fanned out to the response cache and every
 * subscriber. While the connection is down nothing can be
 * heard, so `listening` is false; `onChange` is called when it is lost and again once listening
 * resumes, since writes may have committed in between. Written here rather than with pg-listen,
 * which stops reconnecting for good after a timeout (3 s by default): the cache must stop
 * the moment a notification can be missed, and come back by itself however long the database was away.
 */
export async function listenForChanges(
  databaseUrl: string,
  logger: Logger,
  onChange: () => void = () => undefined,
  retryMs = 1_000,
): Promise<ChangeFeed> {
  let client: pg.Client | undefined;
  let listening = false;
  let generation = 0;
  let wake = () => undefined as void;
  const nextChange = () => new Promise<void>((resolve) => (wake = resolve));
  let next = nextChange();
  const changed = () => {
    generation++;
    wake();
    next = nextChange();
    onChange();
  };
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
    changed();
    logger.warn(
      { err: error },
      'change notifications lost; response cache off and subscribers unwoken until they resume',
    );
    void release(client);
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect().catch(lost);
    }, retryMs).unref();
  };

  const connect = async () => {
    const connection = new pg.Client({ connectionString: databaseUrl, application_name: 'provenance-kb changes' });
    connection.on('error', lost);
    connection.on('end', () => lost(new Error('connection ended')));
    connection.on('notification', changed);
    client = connection;
    await connection.connect();
    await connection.query(`LISTEN ${CHANGE_CHANNEL}`);
    listening = true;
    changed();
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
    get generation() {
      return generation;
    },
    changedSince: (seen) => (seen < generation ? Promise.resolve() : next),
    close,
  };
}
