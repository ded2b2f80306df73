// The SQL of basiq/postgres. Every write is ONE statement (data-modifying CTEs), so it is atomic on
// any `query(text, params)`: a pg Pool hands each query to any connection, Neon's HTTP driver has no
// session at all, and neither can hold a BEGIN ... COMMIT across calls. Values travel as JSON text
// (`$n::jsonb`), which every driver passes the same way.

/** A user's checkpoint row. */
export const checkpoint = (s: string) => `SELECT version, checkpoint FROM ${s}.sync_state WHERE user_id = $1`;

/** What is known of the rows a window from $2 covers (every row when $2 is null; rows of accounts not in $3 too), as sync/diff reads them. */
export const known = (s: string) => `
  SELECT id, hash, status, account_id AS account, data->>'amount' AS amount, coalesce(description, '') AS description,
         coalesce(to_char(coalesce(post_date, transaction_date), 'YYYY-MM-DD'), '') AS day
  FROM ${s}.transactions
  WHERE user_id = $1 AND ($2::date IS NULL OR status = 'pending' OR coalesce(post_date, transaction_date) >= $2::date
    OR account_id NOT IN (SELECT jsonb_array_elements_text($3::jsonb)))`;

/**
 * Rows, accounts, connections and checkpoint of one user in one statement, applied only while this
 * owner holds the lease and the checkpoint is still at the expected version (`guard`); returns
 * `committed` 1, or 0 when the guard refused (nothing written).
 * $1 user, $2 owner, $3 expected version, $4 checkpoint, $5 removed ids, $6 upserted rows,
 * $7 accounts, $8 connections (null: not read this time, left as they are).
 */
export const commit = (s: string) => `
  WITH guard AS (
    UPDATE ${s}.sync_state SET version = version + 1, checkpoint = $4::jsonb, synced_at = now()
    WHERE user_id = $1 AND version = $3 AND lease_owner = $2
    RETURNING user_id
  ),
  removed AS (
    DELETE FROM ${s}.transactions t
    WHERE t.user_id = $1 AND t.id IN (SELECT jsonb_array_elements_text($5::jsonb)) AND EXISTS (SELECT 1 FROM guard)
  ),
  upserted AS (
    INSERT INTO ${s}.transactions AS t (user_id, id, account_id, connection_id, status, post_date, transaction_date, amount, description, hash, pending_transaction_id, data, synced_at)
    SELECT $1, r.id, r.account_id, r.connection_id, r.status, r.post_date, r.transaction_date, r.amount, r.description, r.hash, r.pending_transaction_id, r.data, now()
    FROM jsonb_to_recordset($6::jsonb) AS r(id text, account_id text, connection_id text, status text, post_date date, transaction_date date,
      amount numeric, description text, hash text, pending_transaction_id text, data jsonb)
    WHERE EXISTS (SELECT 1 FROM guard)
    ON CONFLICT (user_id, id) DO UPDATE SET
      account_id = EXCLUDED.account_id, connection_id = EXCLUDED.connection_id, status = EXCLUDED.status, post_date = EXCLUDED.post_date,
      transaction_date = EXCLUDED.transaction_date, amount = EXCLUDED.amount, description = EXCLUDED.description, hash = EXCLUDED.hash,
      pending_transaction_id = coalesce(EXCLUDED.pending_transaction_id, t.pending_transaction_id), data = EXCLUDED.data, synced_at = now()
  ),
  accounts_gone AS (
    DELETE FROM ${s}.accounts a
    WHERE a.user_id = $1 AND a.id NOT IN (SELECT x->>'id' FROM jsonb_array_elements($7::jsonb) x) AND EXISTS (SELECT 1 FROM guard)
  ),
  accounts AS (
    INSERT INTO ${s}.accounts AS a (user_id, id, connection_id, balance, available_funds, data, synced_at)
    SELECT $1, x->>'id', x->>'connection', nullif(x->>'balance', '')::numeric, nullif(x->>'availableFunds', '')::numeric, x, now()
    FROM jsonb_array_elements($7::jsonb) x
    WHERE EXISTS (SELECT 1 FROM guard)
    ON CONFLICT (user_id, id) DO UPDATE SET connection_id = EXCLUDED.connection_id, balance = EXCLUDED.balance,
      available_funds = EXCLUDED.available_funds, data = EXCLUDED.data, synced_at = now()
  ),
  connections_gone AS (
    DELETE FROM ${s}.connections c
    WHERE c.user_id = $1 AND $8::jsonb IS NOT NULL AND c.id NOT IN (SELECT x->>'id' FROM jsonb_array_elements($8::jsonb) x) AND EXISTS (SELECT 1 FROM guard)
  ),
  connections AS (
    INSERT INTO ${s}.connections AS c (user_id, id, status, data, synced_at)
    SELECT $1, x->>'id', x->>'status', x, now()
    FROM jsonb_array_elements(coalesce($8::jsonb, '[]'::jsonb)) x
    WHERE EXISTS (SELECT 1 FROM guard)
    ON CONFLICT (user_id, id) DO UPDATE SET status = EXCLUDED.status, data = EXCLUDED.data, synced_at = now()
  )
  SELECT count(*)::int AS committed FROM guard`;

/** Why a commit's guard refused: the row's version and lease owner now. */
export const refusal = (s: string) => `SELECT version, lease_owner FROM ${s}.sync_state WHERE user_id = $1`;

/**
 * Takes or renews the lease of $1 for owner $2 for $3 ms, timed by the database's clock (workers'
 * clocks may disagree): free, expired or already this owner's. Returns a row when taken.
 */
export const lease = (s: string) => `
  INSERT INTO ${s}.sync_state AS st (user_id, lease_owner, lease_until) VALUES ($1, $2, now() + $3::int * interval '1 millisecond')
  ON CONFLICT (user_id) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
  WHERE st.lease_owner IS NULL OR st.lease_owner = $2 OR st.lease_until <= now()
  RETURNING user_id`;

/** Frees the lease of $1 while owner $2 holds it. */
export const release = (s: string) => `UPDATE ${s}.sync_state SET lease_owner = NULL, lease_until = NULL WHERE user_id = $1 AND lease_owner = $2`;

/** Deletes every row of user $1 in every table, in one statement. */
export const forget = (s: string) => `
  WITH t AS (DELETE FROM ${s}.transactions WHERE user_id = $1),
       a AS (DELETE FROM ${s}.accounts WHERE user_id = $1),
       c AS (DELETE FROM ${s}.connections WHERE user_id = $1)
  DELETE FROM ${s}.sync_state WHERE user_id = $1`;
