// The types every part of sync shares: what a sync reads, what it remembers, what it hands a sink.
import type { data } from "../../generated/index.js";

type DataSchemas = data.components["schemas"];

/** A transaction as the API returns it; a posted row that replaced a pending one also carries `pendingTransactionId`. */
export type SyncTransaction = DataSchemas["TransactionData"] & {
  /** The id of the pending row this posted row replaced (see docs/sync.md, "Pending rows"). */
  pendingTransactionId?: string;
};

/** An account as GET /users/{userId}/accounts returns it (balances included). */
export type SyncAccount = DataSchemas["AccountResponseResource"];

/** A connection as GET /users/{userId}/connections returns it (its `status` tells an expired or invalid consent). */
export type SyncConnection = DataSchemas["ConnectionsData"];

/**
 * What a state remembers of one transaction: enough to tell whether it changed (`hash`), whether a
 * window covers it (`day`, `status`), and to match a posted row to the pending one it replaced.
 */
export interface KnownRow {
  id: string;
  /** Hash of the row as the API returned it. */
  hash: string;
  status: "pending" | "posted";
  /** YYYY-MM-DD of its postDate, else its transactionDate ("" when it has neither). */
  day: string;
  account: string;
  /** The amount as the API wrote it ("-12.50"). */
  amount: string;
  description: string;
}

/** A user's checkpoint: written with the user's rows, in the same transaction where the sink has one. */
export interface SyncCheckpoint {
  /** Bumped by every commit; a commit expecting another version fails (another worker committed meanwhile). */
  version: number;
  /** When the last successful sync started (client clock, ISO 8601). */
  syncedAt: string;
  /** When the last full read (every page of the history) started. */
  fullAt: string;
  /**
   * Whether this user's pending rows carry a postDate (then one `postDate` filter covers them); false
   * or undefined: pending rows are read with their own `status` filter (Basiq: postDate "is null if the record is pending").
   */
  pendingDated?: boolean;
  /** When connections were last read. */
  connectionsAt?: string;
  /** Hash of each account as last read, by id. */
  accounts: Record<string, string>;
}

/** Everything one sync of one user changes, with the checkpoint to store alongside. */
export interface SyncCommit {
  userId: string;
  /** Rows new to the sink (posted rows that replaced a pending one carry `pendingTransactionId`). */
  added: SyncTransaction[];
  /** Rows whose content changed. */
  modified: SyncTransaction[];
  /** Ids of rows gone from the API (pending rows that posted or were re-issued, and any other vanished row). */
  removed: string[];
  /** The user's accounts as read now (every one of them). */
  accounts: SyncAccount[];
  /** The user's connections, when this sync read them. */
  connections?: SyncConnection[];
  /** The checkpoint after this sync. */
  checkpoint: SyncCheckpoint;
  /** The version the checkpoint had when this sync read it (0: none); the commit fails if another was written since. */
  expectedVersion: number;
  /** The lease owner this sync holds; a state with leases refuses a commit from an owner that lost its lease. */
  owner: string;
}

/**
 * Where sync keeps checkpoints, what it knows of each row, and leases. `MemorySyncState` (default),
 * `storeSyncState(store)` (any BasiqStore: Redis), `postgresSync(db).state`.
 */
export interface SyncState {
  /** The user's checkpoint, or undefined before the first successful sync. */
  checkpoint(userId: string): Promise<SyncCheckpoint | undefined>;
  /**
   * The rows a window starting at `fromDay` (YYYY-MM-DD) covers: every pending row, every row whose day
   * is on or after it, and every row of an account not in `accounts` (the user's accounts now: a
   * deleted connection takes its rows with it); every row when `fromDay` is undefined.
   */
  known(userId: string, fromDay: string | undefined, accounts: readonly string[]): Promise<KnownRow[]>;
  /** Applies a commit to what the state knows and stores its checkpoint, atomically. */
  commit(commit: SyncCommit): Promise<void>;
  /** Takes (or renews) the user's lease for `owner` for `ttlMs`; false when another owner holds it. */
  lease(userId: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Frees the lease while `owner` holds it. */
  release(userId: string, owner: string): Promise<void>;
  /** Deletes everything held for the user (rows, checkpoint, lease). */
  forget(userId: string): Promise<void>;
}

/**
 * Where synced rows go. A sink that carries its own `state` (postgresSync's) writes rows and checkpoint in
 * one transaction: createSync then uses that state and never commits it apart. Any other sink is applied
 * first and the state committed after, so a crash between the two replays the same changes: such a sink
 * must be idempotent (upsert added/modified by id, delete removed ids).
 */
export interface SyncSink {
  /** The state this sink commits in the same transaction as the rows. @default undefined */
  readonly state?: SyncState;
  /** Applies one user's changes (and, with `state`, its checkpoint) atomically. */
  apply(commit: SyncCommit): Promise<void>;
  /** Deletes the user's rows (with `state`: its checkpoint too). */
  forget(userId: string): Promise<void>;
}
