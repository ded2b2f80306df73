/**
 * basiq/postgres: basiq/sync's state and sink in Postgres, on anything with
 * `query(text, params) -> { rows }`: node-postgres `Pool` or `Client`, PGlite (Postgres in WebAssembly),
 * Neon's serverless Pool. Imports no driver and no Node built-in: the client is yours.
 * @example
 * import pg from "pg";
 * const pgSync = postgresSync(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await pgSync.migrate();
 * const sync = createSync(basiq, { sink: pgSync.sink });
 * @packageDocumentation
 */
import { BasiqError } from "../errors.js";
import type { KnownRow, SyncCheckpoint, SyncCommit, SyncSink, SyncState } from "../sync/types.js";
import { rowHash } from "../sync/hash.js";
import { MIGRATIONS, migrationStatement } from "./migrations.js";
import * as sql from "./statements.js";

/** What basiq/postgres needs of a database client: pg's Pool/Client, PGlite and Neon's Pool all have it. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link postgresSync}. */
export interface PostgresSyncOptions {
  /** The schema holding the tables (created by migrate()): lower-case letters, digits and `_`. @default "basiq" */
  schema?: string;
}

/** State, sink and migrations of one schema. */
export interface PostgresSync {
  /** Checkpoints and leases in `<schema>.sync_state`; what is known of each row read from `<schema>.transactions`. */
  readonly state: SyncState;
  /** Writes a user's transactions, accounts, connections and checkpoint in one statement (one transaction). */
  readonly sink: SyncSink;
  /** Creates or upgrades the tables: versioned (`<schema>.migrations`), idempotent, safe to run from many processes at once. */
  migrate(): Promise<void>;
  /** The schema, as given. */
  readonly schema: string;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

const dayOrNull = (value: string | null | undefined) => {
  const day = (value ?? "").slice(0, 10);
  return DAY_RE.test(day) ? day : null;
};

/** A failed statement as a BasiqError: what was being done, and the driver's message (never the values sent). */
function failed(what: string, error: unknown): BasiqError {
  const message = error instanceof Error ? error.message : String(error);
  return new BasiqError(`postgresSync: ${what} failed: ${message.slice(0, 300)}`, { cause: error });
}

/**
 * Sync state and sink in Postgres. Run `migrate()` once (at deploy or start) before syncing.
 * A commit is one statement: rows deleted and upserted (batched: one statement per user, whatever
 * its number of rows), accounts and connections replaced, checkpoint advanced: all or nothing, so a
 * crash or kill at any point leaves the previous checkpoint. It writes only while its worker holds the
 * user's lease (`sync_state.lease_owner`, expiring by the database's clock) and the checkpoint is the one
 * it read, so two workers never both commit one user.
 */
export function postgresSync(db: Queryable, options: PostgresSyncOptions = {}): PostgresSync {
  if (!db || typeof (db as Queryable).query !== "function") {
    throw new BasiqError("postgresSync(db) needs a client with query(text, params): a pg Pool or Client, a PGlite instance or a Neon Pool");
  }
  const schemaName = options.schema ?? "basiq";
  if (typeof schemaName !== "string" || !SCHEMA_RE.test(schemaName)) {
    throw new BasiqError(`postgresSync: schema must be lower-case letters, digits and _ (at most 63, not starting with a digit), got ${JSON.stringify(schemaName)}`);
  }
  const s = `"${schemaName}"`;
  const run = async <R>(what: string, text: string, params: unknown[]): Promise<R[]> => {
    try {
      return (await db.query(text, params)).rows as R[];
    } catch (error) {
      throw failed(what, error);
    }
  };

  async function commit(c: SyncCommit): Promise<void> {
    const rows = [...c.added, ...c.modified].map((t) => ({
      id: t.id, account_id: t.account, connection_id: t.connection ?? null, status: t.status,
      post_date: dayOrNull(t.postDate), transaction_date: dayOrNull(t.transactionDate),
      amount: Number.isFinite(Number(t.amount)) ? t.amount : null, description: t.description ?? null,
      hash: rowHash(t), pending_transaction_id: t.pendingTransactionId ?? null, data: withoutPendingId(t),
    }));
    const params = [c.userId, c.owner, c.expectedVersion, JSON.stringify(withoutVersion(c.checkpoint)), JSON.stringify(c.removed),
      JSON.stringify(rows), JSON.stringify(c.accounts), c.connections ? JSON.stringify(c.connections) : null];
    const [result] = await run<{ committed: number }>(`committing user ${c.userId}`, sql.commit(s), params);
    if (result?.committed === 1) return;
    const [now] = await run<{ version: number; lease_owner: string | null }>(`reading user ${c.userId}'s state`, sql.refusal(s), [c.userId]);
    if (now && now.version !== c.expectedVersion) {
      throw new BasiqError(`sync: user ${c.userId} was committed by another sync meanwhile (checkpoint version ${now.version}, expected ${c.expectedVersion}); nothing of this sync was written`);
    }
    throw new BasiqError(`sync: user ${c.userId}'s lease is ${now?.lease_owner ? "held by another worker" : "gone (forgotten or expired and freed)"}; nothing of this sync was written`);
  }

  const state: SyncState = {
    async checkpoint(userId) {
      const [row] = await run<{ version: number; checkpoint: Omit<SyncCheckpoint, "version"> | string | null }>(`reading user ${userId}'s checkpoint`, sql.checkpoint(s), [userId]);
      if (!row?.checkpoint) return undefined;
      const stored = typeof row.checkpoint === "string" ? JSON.parse(row.checkpoint) as Omit<SyncCheckpoint, "version"> : row.checkpoint;
      return { ...stored, version: row.version };
    },
    async known(userId, fromDay, accounts) {
      return run<KnownRow>(`reading user ${userId}'s rows`, sql.known(s), [userId, fromDay ?? null, JSON.stringify(accounts)]);
    },
    commit,
    async lease(userId, owner, ttlMs) {
      return (await run(`leasing user ${userId}`, sql.lease(s), [userId, owner, Math.round(ttlMs)])).length === 1;
    },
    async release(userId, owner) {
      await run(`releasing user ${userId}`, sql.release(s), [userId, owner]);
    },
    async forget(userId) {
      await run(`forgetting user ${userId}`, sql.forget(s), [userId]);
    },
  };
  const sink: SyncSink = { state, apply: commit, forget: state.forget };
  return {
    state,
    sink,
    schema: schemaName,
    async migrate() {
      for (const migration of MIGRATIONS) await run(`migration ${migration.version} (${migration.name})`, migrationStatement(s, migration), []);
    },
  };
}

/** The row as the API returned it (sync's `pendingTransactionId` lives in its own column). */
function withoutPendingId<T extends { pendingTransactionId?: string }>(row: T): Omit<T, "pendingTransactionId"> {
  const { pendingTransactionId: _, ...data } = row;
  return data;
}

/** The checkpoint without its version (the version is sync_state.version, bumped by the commit itself). */
function withoutVersion(checkpoint: SyncCheckpoint): Omit<SyncCheckpoint, "version"> {
  const { version: _, ...rest } = checkpoint;
  return rest;
}
