import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { Basiq } from "basiq";
import { postgresSync, type Queryable } from "basiq/postgres";
import { createSandbox } from "basiq/testing";
import { createSync } from "basiq/sync";
import { describeWithPostgres, startPostgres, type PostgresServer } from "./helpers/postgres.js";
import { apiRows, consentedUser } from "./helpers/sync.js";
import { canonicalRows } from "./helpers/sync-rows.js";

/** The sink's transactions of a user, canonical by id. */
async function tableRows(db: Queryable, userId: string, schema = "basiq"): Promise<Map<string, string>> {
  const { rows } = await db.query(`SELECT data FROM "${schema}".transactions WHERE user_id = $1`, [userId]);
  return canonicalRows(rows.map((r) => (r as { data: object }).data));
}

/** The same suite on any database: PGlite in-process and a real Postgres. */
function suite(name: string, open: () => Promise<{ db: Queryable; other: () => Promise<Queryable>; close: () => Promise<void> }>) {
  describe(name, () => {
    let db: Queryable;
    let other: () => Promise<Queryable>;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, other, close } = await open());
    }, 60_000);
    afterAll(async () => close?.());

    test("migrate() creates the tables once; a second run (and one from another client at once) changes nothing", async () => {
      const a = postgresSync(db, { schema: "mig" });
      const b = postgresSync(await other(), { schema: "mig" });
      await Promise.all([a.migrate(), b.migrate()]);
      await a.migrate();
      const { rows } = await db.query(`SELECT version FROM "mig".migrations ORDER BY version`);
      expect(rows).toEqual([{ version: 1 }]);
      const columns = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'mig' AND table_name = 'transactions'`);
      const names = columns.rows.map((r) => (r as { column_name: string }).column_name);
      for (const c of ["id", "user_id", "account_id", "status", "post_date", "data", "pending_transaction_id"]) expect(names).toContain(c);
      const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'mig' ORDER BY 1`);
      expect(tables.rows.map((r) => (r as { table_name: string }).table_name)).toEqual(["accounts", "connections", "migrations", "sync_state", "transactions"]);
    });

    test("a sync writes exactly the API's rows, accounts and connections; a later unchanged sync writes no row", async () => {
      const pgSync = postgresSync(db);
      await pgSync.migrate();
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 700 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const sync = createSync(basiq, { sink: pgSync.sink });
      expect(sync.state).toBe(pgSync.state);
      const first = await sync.user(userId);
      expect(first.added).toHaveLength(700);
      expect(await tableRows(db, userId)).toEqual(await apiRows(basiq, userId));
      const accounts = await db.query(`SELECT id, balance::text FROM basiq.accounts WHERE user_id = $1 ORDER BY id`, [userId]);
      expect(accounts.rows).toHaveLength(2);
      const connections = await db.query(`SELECT status FROM basiq.connections WHERE user_id = $1`, [userId]);
      expect(connections.rows).toEqual([{ status: "active" }]);
      const second = await sync.user(userId);
      expect([second.added.length, second.modified.length, second.removed.length]).toEqual([0, 0, 0]);
      const state = await db.query(`SELECT version, lease_owner FROM basiq.sync_state WHERE user_id = $1`, [userId]);
      expect(state.rows).toEqual([{ version: 2, lease_owner: null }]);
    });

    test("a connection deleted and consented again: its rows removed, the new ones added, in one commit", async () => {
      const pgSync = postgresSync(db, { schema: "churn" });
      await pgSync.migrate();
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 300 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const sync = createSync(basiq, { sink: pgSync.sink, fullSyncEveryDays: 0 });
      await sync.user(userId);
      const [connection] = (await basiq.ops.getConnections({ params: { path: { userId } } })).data ?? [];
      await basiq.ops.deleteConnection({ params: { path: { userId, connectionId: connection!.id } } });
      await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 10 });
      const r = await sync.user(userId);
      expect(r.removed).toHaveLength(300);
      expect(r.added).toHaveLength(300);
      expect(await tableRows(db, userId, "churn")).toEqual(await apiRows(basiq, userId));
    });

    test("a commit without the lease, or from a stale checkpoint, writes nothing and says why", async () => {
      const pgSync = postgresSync(db, { schema: "guard" });
      await pgSync.migrate();
      const { state, sink } = pgSync;
      const checkpoint = { version: 1, syncedAt: "2026-11-22T00:00:00.000Z", fullAt: "2026-11-22T00:00:00.000Z", accounts: {} };
      const base = { userId: "u1", added: [], modified: [], removed: [], accounts: [], checkpoint, expectedVersion: 0 };
      await expect(sink.apply({ ...base, owner: "a" })).rejects.toThrow(/lease is gone/);
      expect(await state.lease("u1", "a", 60_000)).toBe(true);
      expect(await state.lease("u1", "b", 60_000)).toBe(false);
      await expect(sink.apply({ ...base, owner: "b" })).rejects.toThrow(/held by another worker/);
      await sink.apply({ ...base, owner: "a" });
      await expect(sink.apply({ ...base, owner: "a" })).rejects.toThrow(/version 1, expected 0/);
      expect((await state.checkpoint("u1"))?.version).toBe(1);
      await state.release("u1", "a");
      expect(await state.lease("u1", "b", 60_000)).toBe(true);
    });

    test("a dead worker's lease expires by the database's clock", async () => {
      const { state, migrate } = postgresSync(db, { schema: "lease" });
      await migrate();
      expect(await state.lease("u1", "dead", 300)).toBe(true);
      expect(await state.lease("u1", "alive", 60_000)).toBe(false);
      const started = Date.now();
      while (!(await state.lease("u1", "alive", 60_000))) {
        if (Date.now() - started > 10_000) throw new Error("the lease never expired");
        await new Promise((ok) => setTimeout(ok, 50));
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(200); // not before its TTL (lower bound only)
    });

    test("forget deletes the user's rows, accounts, connections and state", async () => {
      const pgSync = postgresSync(db, { schema: "forget" });
      await pgSync.migrate();
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 50 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const sync = createSync(basiq, { sink: pgSync.sink });
      await sync.user(userId);
      await sync.forget(userId);
      for (const table of ["transactions", "accounts", "connections", "sync_state"]) {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM "forget".${table} WHERE user_id = $1`, [userId]);
        expect([table, rows]).toEqual([table, [{ n: 0 }]]);
      }
      expect(await pgSync.state.checkpoint(userId)).toBeUndefined();
    });
  });
}

suite("postgresSync on PGlite (in-process)", async () => {
  const db = await PGlite.create();
  return { db, other: async () => db, close: () => db.close() };
});

describeWithPostgres("postgresSync on a real Postgres", () => {
  let server: PostgresServer;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await server?.stop();
  });
  const pool = () => {
    const p = new pg.Pool({ connectionString: server.url, max: 4 });
    p.on("error", () => undefined); // an idle client cut at the server's shutdown (pg's documented must-have)
    pools.push(p);
    return p;
  };
  suite("pg Pool", async () => ({ db: pool(), other: async () => pool(), close: async () => {} }));
});

test("postgresSync refuses a client without query() and a schema that is not a plain identifier", () => {
  expect(() => postgresSync({} as Queryable)).toThrow(/query\(text, params\)/);
  expect(() => postgresSync({ query: async () => ({ rows: [] }) }, { schema: 'x"; DROP' })).toThrow(/schema must be/);
});
