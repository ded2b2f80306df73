// sync.users: many users, `concurrency` at a time (the client's limiter paces their requests).
import { BasiqError } from "../errors.js";

/** One user's sync as sync.users calls it (sync.user; declared here so users.ts imports nothing of sync.ts). */
export type SyncOne = (userId: string, options: { signal?: AbortSignal }) => Promise<{ added: unknown[]; modified: unknown[]; removed: unknown[]; requests: number }>;

/** Options of sync.users. */
export interface SyncUsersOptions {
  /** Users synced at once. @default 4 */
  concurrency?: number;
  /** Stops starting users and aborts those running (they commit nothing): every user is either fully synced or untouched. @default undefined */
  signal?: AbortSignal;
  /** Called after each user (synced, skipped or failed), with the totals so far. @default undefined */
  onProgress?: (progress: SyncUsersProgress) => void;
}

/** Totals so far, given to `onProgress`. */
export interface SyncUsersProgress {
  /** The user just finished. */
  userId: string;
  /** Users finished (synced, skipped or failed) and in all. */
  done: number;
  total: number;
  /** Transactions added, modified and removed so far. */
  added: number;
  modified: number;
  removed: number;
  /** API calls so far. */
  requests: number;
  failed: number;
}

/** What sync.users did. */
export interface SyncUsersResult {
  /** Users synced. */
  users: number;
  /** Transactions added, modified, removed, over all users. */
  added: number;
  modified: number;
  removed: number;
  /** API calls made. */
  requests: number;
  /** Users another worker was syncing (their lease was held): not synced here. */
  skipped: string[];
  /** Users whose sync failed, with the error (their previous checkpoint stays). */
  failed: Array<{ userId: string; error: BasiqError }>;
  /** Whether the signal stopped the run before every user was tried. */
  aborted: boolean;
}

/** Runs sync.user for each id, `concurrency` at a time; never rejects for one user's failure. */
export async function syncUsers(syncOne: SyncOne, userIds: Iterable<string>, options: SyncUsersOptions = {}): Promise<SyncUsersResult> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
    throw new BasiqError(`sync.users: concurrency must be an integer from 1 to 1000 (got ${String(concurrency)})`);
  }
  const ids = [...new Set(userIds)];
  const result: SyncUsersResult = { users: 0, added: 0, modified: 0, removed: 0, requests: 0, skipped: [], failed: [], aborted: false };
  let next = 0;
  let done = 0;
  const { signal, onProgress } = options;
  const report = (userId: string) => {
    done++;
    try {
      onProgress?.({ userId, done, total: ids.length, added: result.added, modified: result.modified, removed: result.removed, requests: result.requests, failed: result.failed.length });
    } catch {
      // a progress callback that throws does not stop the run
    }
  };
  const worker = async () => {
    while (next < ids.length && !signal?.aborted) {
      const userId = ids[next++]!;
      try {
        const r = await syncOne(userId, { signal });
        result.users++;
        result.added += r.added.length;
        result.modified += r.modified.length;
        result.removed += r.removed.length;
        result.requests += r.requests;
      } catch (error) {
        if (error instanceof BasiqError && error.name === "SyncBusyError") result.skipped.push(userId);
        else result.failed.push({ userId, error: error instanceof BasiqError ? error : new BasiqError(`sync: user ${userId} failed`, { cause: error }) });
      }
      report(userId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  result.aborted = signal?.aborted === true && done < ids.length;
  return result;
}
