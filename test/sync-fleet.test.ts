// The fleet: 4 worker processes, 200 users, one Postgres, one Redis (the rate limit shared through
// it), one sandbox with a rate limit. Every user is synced, no user by two workers at once (each
// worker records when it held each user; intervals of one user never overlap across workers), and
// the tables equal the sandbox's lists. A worker records when it held each user from inside the lease
// (after it was granted, before it was released), so an overlap is two real holds, not timing slack.
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import pg from "pg";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { describeWithPostgres, startPostgres, type PostgresServer } from "./helpers/postgres.js";
import { describeWithRedis, startRedis, type RedisServer } from "./helpers/redis.js";
import { apiRows } from "./helpers/sync.js";
import { canonicalRows, expectSameRows } from "./helpers/sync-rows.js";
import { startSyncWorker } from "./helpers/sync-workers.js";

const USERS = Number(process.env.FLEET_USERS ?? 200);
const WORKERS = 4;
const API_KEY = "fleet-key";

interface FleetResult {
  name: string;
  held: Array<{ userId: string; start: number; end: number }>;
  skipped: string[];
  failed: Array<{ userId: string; error: string }>;
}

describeWithPostgres("a fleet of sync workers", () => {
  describeWithRedis("on one Postgres and one Redis", () => {
    let postgres: PostgresServer;
    let redis: RedisServer;
    beforeAll(async () => {
      [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([postgres?.stop(), redis?.stop()]);
    });

    test(`${WORKERS} workers, ${USERS} users: every user synced, none by two workers at once, tables equal the sandbox`, async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 40, rateLimit: { requestsPerSecond: 400, burst: 40 } });
      const { url, close } = await sandbox.listen({ port: 0 });
      const pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
      pool.on("error", () => undefined);
      try {
        const basiq = new Basiq({ apiKey: API_KEY, baseUrl: url, maxRetries: 10 });
        const userIds: string[] = [];
        for (let i = 0; i < USERS; i++) {
          const user = await basiq.ops.createUser({ body: { email: `fleet${i}@example.com` } });
          sandbox.consent(user.id);
          userIds.push(user.id);
        }
        await sandbox.advance({ days: 1 }); // every consent's job finishes
        const env = { BASIQ_URL: url, API_KEY, DATABASE_URL: postgres.url, REDIS_URL: redis.url, USERS: userIds.join(","), MODE: "fleet", CONCURRENCY: "4" };
        const workers = await Promise.all(Array.from({ length: WORKERS }, (_, i) => startSyncWorker({ ...env, WORKER_NAME: `w${i}` }, 90_000)));
        const outcomes = await Promise.all(workers.map((w) => w.done));
        for (const o of outcomes) expect([o.code, o.stderr]).toEqual([0, ""]);
        const results = outcomes.map((o) => o.result as FleetResult);
        expect(results.flatMap((r) => r.failed)).toEqual([]);

        // Every user synced by at least one worker.
        const held = results.flatMap((r) => r.held.map((h) => ({ ...h, worker: r.name })));
        expect(new Set(held.map((h) => h.userId))).toEqual(new Set(userIds));
        // Never two workers on one user at once: the intervals of each user do not overlap.
        const byUser = new Map<string, typeof held>();
        for (const h of held) byUser.set(h.userId, [...(byUser.get(h.userId) ?? []), h]);
        const overlaps: string[] = [];
        for (const [userId, list] of byUser) {
          list.sort((a, b) => a.start - b.start);
          for (let i = 1; i < list.length; i++) if (list[i]!.start < list[i - 1]!.end) overlaps.push(`${userId}: ${list[i - 1]!.worker} and ${list[i]!.worker}`);
        }
        expect(overlaps).toEqual([]);
        // The work was shared: the lease kept others off (skips) and more than one worker synced users.
        expect(results.filter((r) => r.held.length > 0).length).toBeGreaterThan(1);
        expect(results.reduce((n, r) => n + r.skipped.length, 0) + held.length).toBe(WORKERS * USERS);

        // The tables equal the sandbox; every lease is free.
        for (const userId of userIds) {
          const { rows } = await pool.query(`SELECT data FROM basiq.transactions WHERE user_id = $1`, [userId]);
          expectSameRows(canonicalRows(rows.map((r) => (r as { data: object }).data)), await apiRows(basiq, userId), `user ${userId}: `);
        }
        const { rows: leases } = await pool.query(`SELECT count(*)::int AS held FROM basiq.sync_state WHERE lease_owner IS NOT NULL`);
        expect(leases).toEqual([{ held: 0 }]);
        const { rows: synced } = await pool.query(`SELECT count(*)::int AS n FROM basiq.sync_state WHERE checkpoint IS NOT NULL`);
        expect(synced).toEqual([{ n: USERS }]);
      } finally {
        await pool.end();
        await close();
      }
    }, 120_000);
  });
});
