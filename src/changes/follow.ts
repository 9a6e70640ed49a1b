import { Repeater } from 'graphql-yoga';
import type { ChangeFeed } from '../db/change-feed';
import type { RawReader } from '../db/raw-sql';
import { type ChangeCursor, type FeedFilter, type FeedRow, readChanges } from './feed';

const PAGE = 100;

/**
 * One subscriber's changes after `from`, as they commit. It reads the log by cursor, a page at a
 * time, and reads the next only once its client has taken every change of the last: Repeater's push
 * resolves when the value is consumed, so a slow client holds one page, never a queue. Notifications
 * only wake it (`changedSince`), and what it reads after waking is what committed, in commit order,
 * so a notification missed or folded loses nothing. The generation is noted before each read: a
 * commit heard while reading wakes the next wait at once.
 */
export function followChanges<T = FeedRow>(
  db: RawReader,
  wakeups: Pick<ChangeFeed, 'generation' | 'changedSince'>,
  from: ChangeCursor,
  filter: FeedFilter,
  toEvent: (row: FeedRow) => T = (row) => row as T,
): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    let cursor = from;
    const stopped = new AbortController();
    void stop.then(() => stopped.abort());
    try {
      while (!stopped.signal.aborted) {
        const seen = wakeups.generation;
        const rows = await readChanges(db, { after: cursor }, filter, PAGE);
        for (const row of rows) {
          if (stopped.signal.aborted) break;
          await push(toEvent(row));
          cursor = row;
        }
        if (rows.length < PAGE) await Promise.race([wakeups.changedSince(seen), stop]);
      }
    } catch (error) {
      stop(error);
    }
  });
}
