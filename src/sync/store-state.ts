// A SyncState on any BasiqStore (redisStore: shared by every worker on that Redis). One value per
// user holds its checkpoint and what is known of each row; leases are the store's locks (with TTL).
import { BasiqError } from "../errors.js";
import type { BasiqStore } from "../store.js";
import { knownRow } from "./diff.js";
import { staleCommit } from "./memory-state.js";
import type { KnownRow, SyncCheckpoint, SyncCommit, SyncState } from "./types.js";
import { knownFilter } from "./window.js";

/** Options of {@link storeSyncState}. */
export interface StoreSyncStateOptions {
  /** Prefix of its keys (after the store's own). @default "sync:" */
  prefix?: string;
  /**
   * How long a user's state is kept after its last sync, in days (every store value expires): a user
   * not synced for longer is read in full again. @default 400
   */
  ttlDays?: number;
}

/** One row as stored: [id, hash, status, day, account, amount, description]. */
type Packed = [string, string, "pending" | "posted", string, string, string, string];

interface Stored {
  checkpoint: SyncCheckpoint;
  rows: Packed[];
}

const pack = (r: KnownRow): Packed => [r.id, r.hash, r.status, r.day, r.account, r.amount, r.description];
const unpack = ([id, hash, status, day, account, amount, description]: Packed): KnownRow => ({ id, hash, status, day, account, amount, description });

/**
 * A SyncState kept in `store`. Commits are read-modify-write on the user's value: two workers are kept
 * apart by the lease (taken before a sync, renewed while it runs), and a commit checks that the lease is
 * still this worker's and the checkpoint the one it read.
 * @example const sync = createSync(basiq, { state: storeSyncState(redisStore(redis)) });
 */
export function storeSyncState(store: BasiqStore, options: StoreSyncStateOptions = {}): SyncState {
  const prefix = options.prefix ?? "sync:";
  const ttlDays = options.ttlDays ?? 400;
  if (!Number.isFinite(ttlDays) || ttlDays <= 0) throw new BasiqError(`storeSyncState: ttlDays must be a finite number of days > 0 (got ${ttlDays})`);
  const ttlMs = ttlDays * 86_400_000;
  const dataKey = (userId: string) => `${prefix}user:${userId}`;
  const leaseKey = (userId: string) => `${prefix}lease:${userId}`;
  const read = async (userId: string): Promise<Stored | undefined> => {
    const text = await store.get(dataKey(userId));
    return text === undefined ? undefined : (JSON.parse(text) as Stored);
  };
  return {
    async checkpoint(userId) {
      return (await read(userId))?.checkpoint;
    },
    async known(userId, fromDay, accounts) {
      return ((await read(userId))?.rows ?? []).map(unpack).filter(knownFilter(fromDay, accounts));
    },
    async commit(commit: SyncCommit) {
      const holder = await store.get(leaseKey(commit.userId));
      if (holder !== undefined && holder !== commit.owner) {
        throw new BasiqError(`sync: user ${commit.userId} is leased by another worker; this sync lost its lease and wrote nothing`);
      }
      const stored = await read(commit.userId);
      const version = stored?.checkpoint.version ?? 0;
      if (version !== commit.expectedVersion) throw staleCommit(commit.userId, commit.expectedVersion, version);
      const rows = new Map((stored?.rows ?? []).map((p) => [p[0], p]));
      for (const id of commit.removed) rows.delete(id);
      for (const row of [...commit.added, ...commit.modified]) rows.set(row.id, pack(knownRow(row)));
      await store.set(dataKey(commit.userId), JSON.stringify({ checkpoint: commit.checkpoint, rows: [...rows.values()] } satisfies Stored), ttlMs);
    },
    async lease(userId, owner, leaseMs) {
      if (await store.lock(leaseKey(userId), owner, leaseMs)) return true;
      // Renewal: the store's lock has no "extend", so a holder re-sets its own value.
      if ((await store.get(leaseKey(userId))) !== owner) return false;
      await store.set(leaseKey(userId), owner, leaseMs);
      return true;
    },
    async release(userId, owner) {
      await store.unlock(leaseKey(userId), owner);
    },
    async forget(userId) {
      const stored = await store.get(dataKey(userId));
      if (stored !== undefined) await store.deleteIf(dataKey(userId), stored);
      const holder = await store.get(leaseKey(userId));
      if (holder !== undefined) await store.unlock(leaseKey(userId), holder);
    },
  };
}
