// Crash safety: a sync killed at any moment leaves the previous checkpoint, and the next normal sync
// converges to exactly the API's rows. Against a real Postgres, the worker is a child process
// SIGKILLed at random moments; on PGlite (in-process, where nothing can be SIGKILLed) the same churn runs
// with syncs aborted at random moments and a database that fails statements at random (before, or after
// they ran: the connection dying before the answer).
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { Basiq } from "basiq";
import { postgresSync, type Queryable } from "basiq/postgres";
import { createSandbox, type Sandbox } from "basiq/testing";
import { createSync, type Sync } from "basiq/sync";
import { serveFetch } from "../scripts/lib/serve.mjs";
import { describeWithPostgres, startPostgres, type PostgresServer } from "./helpers/postgres.js";
import { apiRows, consentedUser } from "./helpers/sync.js";
import { canonicalRows, expectSameRows } from "./helpers/sync-rows.js";
import { startSyncWorker } from "./helpers/sync-workers.js";

const API_KEY = "crash-key";

/** A seeded PRNG for the kill moments, so a failing run can be replayed (the seed is printed on failure). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Churn between runs: one user's connection deleted and consented again (all its rows replaced). */
async function churn(sandbox: Sandbox, basiq: Basiq, userId: string): Promise<void> {
  const [connection] = (await basiq.ops.getConnections({ params: { path: { userId } } })).data ?? [];
  if (connection) await basiq.ops.deleteConnection({ params: { path: { userId, connectionId: connection.id } } });
  await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 10 });
}

/** Every user's table rows equal the API's list; no id twice. */
async function expectConverged(db: Queryable, basiq: Basiq, userIds: string[]): Promise<void> {
  for (const userId of userIds) {
    const { rows } = await db.query(`SELECT data FROM basiq.transactions WHERE user_id = $1`, [userId]);
    expectSameRows(canonicalRows(rows.map((r) => (r as { data: object }).data)), await apiRows(basiq, userId), `user ${userId}: `); // canonicalRows throws on a duplicate id
  }
  const dup = await db.query(`SELECT user_id, id FROM basiq.transactions GROUP BY 1, 2 HAVING count(*) > 1`);
  expect(dup.rows).toEqual([]);
}

/** A normal sync of every user, waiting out leases a killed worker left (they expire after LEASE_MS). */
async function syncAll(sync: Sync, userIds: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  let left = userIds;
  while (left.length > 0) {
    const r = await sync.users(left);
    expect(r.failed.map((f) => f.error.message)).toEqual([]);
    left = r.skipped;
    if (Date.now() > deadline) throw new Error(`leases never freed: ${left.join(", ")}`);
    if (left.length > 0) await new Promise((ok) => setTimeout(ok, 200));
  }
}

describeWithPostgres("a sync worker SIGKILLed at random moments (real Postgres)", () => {
  let server: PostgresServer;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ connectionString: server.url, max: 4 });
    pool.on("error", () => undefined);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  test("after every kill, a normal sync holds exactly the API's rows, none twice", async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const sandbox = createSandbox({ today: "2026-11-22", transactions: 1500 });
    const served = await serveFetch(sandbox.fetch);
    try {
      const basiq = new Basiq({ apiKey: API_KEY, baseUrl: served.url });
      const userIds: string[] = [];
      for (let i = 0; i < 3; i++) userIds.push(await consentedUser(sandbox, basiq, `u${i}@example.com`));
      const env = { BASIQ_URL: served.url, API_KEY, DATABASE_URL: server.url, USERS: userIds.join(","), LEASE_MS: "1000", CONCURRENCY: "3" };
      const pgSync = postgresSync(pool);
      await pgSync.migrate();
      const sync = createSync(basiq, { sink: pgSync.sink, leaseMs: 1000 });

      // How long one uninterrupted worker takes: kills are drawn within it.
      const started = Date.now();
      const clean = await (await startSyncWorker(env)).done;
      expect([clean.code, clean.stderr]).toEqual([0, ""]);
      const wallMs = Date.now() - started;
      await expectConverged(pool, basiq, userIds);

      const kills: number[] = [];
      let killed = 0;
      // Rounds until 4 kills landed while a worker ran (a worker that finished first proves nothing), at most 16.
      for (let round = 0; round < 16 && (round < 6 || killed < 4); round++) {
        await churn(sandbox, basiq, userIds[round % userIds.length]!);
        const killAt = Math.floor(random() * wallMs * 0.9);
        kills.push(killAt);
        const worker = await startSyncWorker(env);
        const timer = setTimeout(() => worker.child.kill("SIGKILL"), killAt);
        const outcome = await worker.done;
        clearTimeout(timer);
        if (outcome.signal === "SIGKILL") killed++;
        await syncAll(sync, userIds);
        try {
          await expectConverged(pool, basiq, userIds);
        } catch (error) {
          throw new Error(`diverged after a kill at ${killAt} ms (round ${round}, seed ${seed}, kills ${kills.join(",")}): ${(error as Error).message}`);
        }
      }
      expect(killed).toBeGreaterThanOrEqual(4);
    } finally {
      await served.close();
    }
  }, 120_000);
});

describe("a sync aborted and failed at random moments (PGlite in-process)", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  }, 60_000);
  afterAll(async () => db?.close());

  test("after every interrupted run, a normal sync holds exactly the API's rows, none twice", async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const sandbox = createSandbox({ today: "2026-11-22", transactions: 1500 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const userIds: string[] = [];
    for (let i = 0; i < 3; i++) userIds.push(await consentedUser(sandbox, basiq, `u${i}@example.com`));
    // A database whose statements fail at random: before they run, or after (the answer lost).
    let failRate = 0;
    const flaky: Queryable = {
      async query(text, params) {
        const roll = random();
        if (roll < failRate / 2) throw new Error("connection lost before the statement");
        const result = await db.query(text, params);
        if (roll < failRate) throw new Error("connection lost after the statement");
        return result;
      },
    };
    const reliable = postgresSync(db);
    await reliable.migrate();
    const crashing = createSync(basiq, { sink: postgresSync(flaky).sink, leaseMs: 1000 });
    const sync = createSync(basiq, { sink: reliable.sink, leaseMs: 1000 });
    for (let round = 0; round < 8; round++) {
      await churn(sandbox, basiq, userIds[round % userIds.length]!);
      failRate = random() * 0.5;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error("killed")), Math.floor(random() * 60));
      const r = await crashing.users(userIds, { signal: controller.signal, concurrency: 3 });
      clearTimeout(timer);
      for (const f of r.failed) expect(f.error.name === "AbortError" || /connection lost|lease|committed by another/.test(f.error.message)).toBe(true);
      failRate = 0;
      await syncAll(sync, userIds);
      await expectConverged(db, basiq, userIds);
    }
  }, 120_000);
});
