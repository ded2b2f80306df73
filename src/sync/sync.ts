// createSync: one user's incremental sync (read a window, diff it against what the state knows,
// match posted rows to the pending rows they replaced, commit rows and checkpoint together), under a lease.
import type { Basiq } from "../client.js";
import { BasiqError } from "../errors.js";
import { field, filter } from "../filter.js";
import { rowHash } from "./hash.js";
import { type Changes, diff } from "./diff.js";
import { holdLease, syncAborted } from "./lease.js";
import { MemorySyncState } from "./memory-state.js";
import type { KnownRow, SyncAccount, SyncCheckpoint, SyncConnection, SyncSink, SyncState, SyncTransaction } from "./types.js";
import { DEFAULT_LOOKBACK_DAYS, pendingDated, windowStart } from "./window.js";
import { type SyncUsersOptions, type SyncUsersResult, syncUsers } from "./users.js";

/** Options of {@link createSync}. */
export interface SyncOptions {
  /** Checkpoints, known rows and leases. @default the sink's own state, else new MemorySyncState() */
  state?: SyncState;
  /** Where rows go (postgresSync(db).sink: rows and checkpoint in one transaction). @default undefined (changes are only returned) */
  sink?: SyncSink;
  /** Days of posted rows re-read by each later sync (before the last sync's start). @default 31 (Basiq: a pre-authorisation stays pending up to 31 days) */
  lookbackDays?: number;
  /** Read a user's whole history again when the last full read is this many days old (catches changes outside the window), or false. @default 30 */
  fullSyncEveryDays?: number | false;
  /** Read connections again when they are this many hours old (they are also read whenever an account changed). @default 24 */
  connectionsEveryHours?: number;
  /** How long a lease lasts without renewal; a dead worker's user is free again after it. Renewed every third of it. @default 30_000 */
  leaseMs?: number;
  /** This worker's lease owner name. @default a random id */
  owner?: string;
  /** `limit` of each transactions page (Basiq's largest is 500). @default 500 */
  pageSize?: number;
}

/** Options of {@link Sync.user}. */
export interface SyncUserOptions {
  /** Aborts the sync: nothing is committed, the previous checkpoint stays. @default undefined */
  signal?: AbortSignal;
  /** Called after each page of transactions read. @default undefined */
  onProgress?: (progress: { userId: string; pages: number; transactions: number }) => void;
}

/** What one sync of one user changed. */
export interface SyncResult {
  userId: string;
  /** Rows new since the last sync (a posted row that replaced a pending one carries `pendingTransactionId`). */
  added: SyncTransaction[];
  /** Rows whose content changed. */
  modified: SyncTransaction[];
  /** Ids of rows gone (pending rows that posted or were re-issued under a new id, and any other vanished row). */
  removed: string[];
  /** The user's accounts, with balances, as read now. */
  accounts: SyncAccount[];
  /** The user's connections (their `status`), when this sync read them. */
  connections: SyncConnection[] | undefined;
  /** API calls this sync made (pages of transactions, accounts, connections). */
  requests: number;
  /** Whether this sync read the whole history (first sync, or the periodic full read). */
  full: boolean;
}

/** A sync of users' data: see {@link createSync}. */
export interface Sync {
  /** Syncs one user: the changes since its last successful sync. Rejects with SyncBusyError while another worker holds its lease. */
  user(userId: string, options?: SyncUserOptions): Promise<SyncResult>;
  /** Syncs many users, `concurrency` at a time, through the client's limiter; a failure is listed, not thrown. */
  users(userIds: Iterable<string>, options?: SyncUsersOptions): Promise<SyncUsersResult>;
  /** Deletes the user's rows and state (consent revoked or expired: CDR asks for deletion). */
  forget(userId: string): Promise<void>;
  /** The state in use. */
  readonly state: SyncState;
}

/** sync.user while another worker holds the user's lease: nothing was read or written. */
export class SyncBusyError extends BasiqError {
  override name = "SyncBusyError";
  constructor(readonly userId: string) {
    super(`sync: user ${userId} is being synced by another worker (its lease is held); try again after it, or after the lease expires`);
  }
}

const TRANSACTIONS = "/users/{userId}/transactions";

function checkNumber(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new BasiqError(`createSync: ${name} must be a finite number from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

const randomOwner = () => `worker-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
const hoursSince = (iso: string | undefined, now: number) => (iso ? (now - Date.parse(iso)) / 3_600_000 : Infinity);

/**
 * Incremental, pending-aware sync of users' data into `sink` (Plaid's /transactions/sync, for an API
 * without a change feed). The first sync reads the whole history; later ones read a window of
 * `lookbackDays` plus every open pending row: an unchanged user costs one page of transactions and
 * one read of accounts.
 * @example
 * const pg = postgresSync(pool); await pg.migrate();
 * const sync = createSync(basiq, { sink: pg.sink });
 * const { added, removed } = await sync.user(userId);
 */
export function createSync(basiq: Basiq, options: SyncOptions = {}): Sync {
  const sink = options.sink;
  if (sink?.state && options.state && options.state !== sink.state) {
    throw new BasiqError("createSync: this sink commits its own state in the same transaction; pass its `state` (or none), not another one");
  }
  const state = sink?.state ?? options.state ?? new MemorySyncState();
  const lookbackDays = checkNumber("lookbackDays", options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS, 0, 3650);
  const fullEvery = options.fullSyncEveryDays === false ? Infinity : checkNumber("fullSyncEveryDays", options.fullSyncEveryDays ?? 30, 0, 3650);
  const connectionsEvery = checkNumber("connectionsEveryHours", options.connectionsEveryHours ?? 24, 0, 87_600);
  const leaseMs = checkNumber("leaseMs", options.leaseMs ?? 30_000, 1_000, 3_600_000);
  const pageSize = checkNumber("pageSize", options.pageSize ?? 500, 1, 500);
  const owner = options.owner ?? randomOwner();

  async function run(userId: string, signal: AbortSignal, onProgress: SyncUserOptions["onProgress"]): Promise<SyncResult> {
    const started = Date.now();
    const before = await state.checkpoint(userId);
    let requests = 0;
    const accounts = (await basiq.ops.getAccounts({ params: { path: { userId } }, signal })).data;
    requests++;
    const accountIds = accounts.map((a) => a.id);
    // A full read: the first sync, the periodic one, and when an account appeared (a new connection
    // brings its whole history, older than any window).
    const full = !before || (started - Date.parse(before.fullAt)) / 86_400_000 >= fullEvery || accountIds.some((id) => !(id in before.accounts));

    // The window: everything on a full read; else lookbackDays before the last sync and every open pending row.
    let from: string | undefined;
    let known: KnownRow[];
    if (full) {
      known = await state.known(userId, undefined, accountIds);
    } else {
      const base = windowStart(before!, lookbackDays, []);
      known = await state.known(userId, base, accountIds);
      from = windowStart(before!, lookbackDays, known);
      if (from < base) known = await state.known(userId, from, accountIds);
    }
    const accountHashes = Object.fromEntries(accounts.map((a) => [a.id, rowHash(a)]));
    const accountsChanged = !before || Object.keys(accountHashes).length !== Object.keys(before.accounts).length ||
      Object.entries(accountHashes).some(([id, hash]) => before.accounts[id] !== hash);
    // Pending rows have no postDate (Basiq: "null if the record is pending"), so a postDate window misses
    // them: they are read by status too, unless no refresh happened since the last sync. Basiq deletes and
    // re-imports pending rows only on a refresh, and a refresh updates the accounts (lastUpdated, balances,
    // available funds): accounts identical to the last sync's mean the pending rows are too.
    const pendingByStatus = from !== undefined && before?.pendingDated !== true && accountsChanged;
    const reads = from === undefined ? [undefined]
      : pendingByStatus ? [filter(field("transaction.postDate").gteq(from)), filter(field("transaction.status").eq("pending"))]
      : [filter(field("transaction.postDate").gteq(from))];
    // Whether the reads cover every pending row (so a known one missing from them is gone).
    const pendingCovered = from === undefined || pendingByStatus || before?.pendingDated === true;
    const read = new Map<string, SyncTransaction>();
    let pages = 0;
    for (const query of reads) {
      const init = { params: { path: { userId }, query: { limit: pageSize, ...(query === undefined ? {} : { filter: query }) } }, signal };
      for await (const page of basiq.pages(TRANSACTIONS, init)) {
        requests++;
        pages++;
        for (const row of page.data) read.set(row.id, row);
        onProgress?.({ userId, pages, transactions: read.size });
      }
    }

    let connections: SyncConnection[] | undefined;
    if (accountsChanged || hoursSince(before?.connectionsAt, started) >= connectionsEvery) {
      connections = (await basiq.ops.getConnections({ params: { path: { userId } }, signal })).data;
      requests++;
    }
    if (signal.aborted) throw syncAborted(signal, userId);

    const changes: Changes = diff(read, known, from, new Set(accountIds), pendingCovered);
    const startedAt = new Date(started).toISOString();
    const checkpoint: SyncCheckpoint = {
      version: (before?.version ?? 0) + 1,
      syncedAt: startedAt,
      fullAt: full ? startedAt : before!.fullAt,
      pendingDated: pendingDated(read.values(), before?.pendingDated),
      connectionsAt: connections ? startedAt : before?.connectionsAt,
      accounts: accountHashes,
    };
    const commit = { userId, ...changes, accounts, connections, checkpoint, expectedVersion: before?.version ?? 0, owner };
    await apply(commit, signal);
    return { userId, ...changes, accounts, connections, requests, full };
  }

  async function apply(commit: Parameters<SyncSink["apply"]>[0], signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw syncAborted(signal, commit.userId); // an abort before the commit writes nothing
    try {
      if (sink) await sink.apply(commit);
      if (!sink?.state) await state.commit(commit);
    } catch (error) {
      if (error instanceof BasiqError) throw error;
      throw new BasiqError(`sync: committing user ${commit.userId} failed (${error instanceof Error ? error.message : String(error)}); its previous checkpoint stays`, { cause: error });
    }
  }

  const sync: Sync = {
    state,
    async user(userId, { signal, onProgress } = {}) {
      if (typeof userId !== "string" || userId === "") throw new BasiqError("sync.user(userId) needs the id of a Basiq user (a non-empty string)");
      if (signal?.aborted) throw syncAborted(signal, userId);
      return holdLease(state, userId, owner, leaseMs, signal, () => new SyncBusyError(userId), (leaseSignal) => run(userId, leaseSignal, onProgress));
    },
    users(userIds, usersOptions) {
      return syncUsers((userId, o) => sync.user(userId, o), userIds, usersOptions);
    },
    async forget(userId) {
      if (typeof userId !== "string" || userId === "") throw new BasiqError("sync.forget(userId) needs the id of a Basiq user (a non-empty string)");
      if (sink) await sink.forget(userId);
      if (!sink?.state) await state.forget(userId);
    },
  };
  return sync;
}
