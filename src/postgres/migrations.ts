// The tables of basiq/postgres, as versioned migrations. Each runs as one DO block: one statement,
// so atomic on any driver (a pooled connection, Neon's HTTP driver), serialised across processes by a
// transaction-scoped advisory lock, and skipped once its version is recorded (idempotent).

/** One migration: its version, what it does, and its DDL for a schema (an already-quoted identifier). */
export interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/** Key of the advisory lock migrations take (any constant; "basiq" in ASCII). */
const MIGRATION_LOCK = 0x6261736971;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "transactions, accounts, connections, sync_state",
    sql: (s) => `
      CREATE TABLE ${s}.transactions (
        user_id text NOT NULL,
        id text NOT NULL,
        account_id text NOT NULL,
        connection_id text,
        status text NOT NULL,
        post_date date,
        transaction_date date,
        amount numeric,
        description text,
        hash text NOT NULL,
        pending_transaction_id text,
        data jsonb NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, id)
      );
      CREATE INDEX transactions_user_post_date ON ${s}.transactions (user_id, post_date);
      CREATE TABLE ${s}.accounts (
        user_id text NOT NULL,
        id text NOT NULL,
        connection_id text,
        balance numeric,
        available_funds numeric,
        data jsonb NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, id)
      );
      CREATE TABLE ${s}.connections (
        user_id text NOT NULL,
        id text NOT NULL,
        status text,
        data jsonb NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, id)
      );
      CREATE TABLE ${s}.sync_state (
        user_id text PRIMARY KEY,
        version integer NOT NULL DEFAULT 0,
        checkpoint jsonb,
        lease_owner text,
        lease_until timestamptz,
        synced_at timestamptz
      );`,
  },
];

/** The statement that applies `migration` to `schema` unless its version is recorded. */
export function migrationStatement(schema: string, migration: Migration): string {
  return `DO $basiq$ BEGIN
    PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK});
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
    IF NOT EXISTS (SELECT 1 FROM ${schema}.migrations WHERE version = ${migration.version}) THEN
      ${migration.sql(schema)}
      INSERT INTO ${schema}.migrations (version, name) VALUES (${migration.version}, '${migration.name.replace(/'/g, "''")}');
    END IF;
  END $basiq$`;
}
