/**
 * basiq/sync: incremental, pending-aware, crash-safe sync of users' transactions, accounts and
 * connections (what Plaid's /transactions/sync does server-side, done client-side for Basiq, which has
 * no change feed). No Node built-in: runs on edge runtimes too.
 * @example
 * const sync = createSync(basiq, { sink: postgresSync(pool).sink });
 * const { added, modified, removed } = await sync.user(userId);
 * @packageDocumentation
 */
export { createSync, SyncBusyError, type Sync, type SyncOptions, type SyncResult, type SyncUserOptions } from "./sync.js";
export type { SyncUsersOptions, SyncUsersProgress, SyncUsersResult } from "./users.js";
export { MemorySyncState } from "./memory-state.js";
export { storeSyncState, type StoreSyncStateOptions } from "./store-state.js";
export { matchPending, similarity } from "./pending.js";
export { rowHash } from "./hash.js";
export { DEFAULT_LOOKBACK_DAYS } from "./window.js";
export type { KnownRow, SyncAccount, SyncCheckpoint, SyncCommit, SyncConnection, SyncSink, SyncState, SyncTransaction } from "./types.js";
