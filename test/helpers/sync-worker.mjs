// One sync worker process for the crash and fleet tests: its own Basiq client (rate limit shared
// through Redis when REDIS_URL is set) syncing users into Postgres (DATABASE_URL) with basiq/postgres.
// Env: BASIQ_URL, API_KEY, DATABASE_URL, USERS (comma-separated), LEASE_MS, CONCURRENCY, REDIS_URL,
// MODE: "users" (one sync.users pass) or "fleet" (each user in a shuffled order, recording when it
// held each user). Prints one JSON line of results, then exits.
import { Basiq } from "basiq";
import { postgresSync } from "basiq/postgres";
import { redisStore } from "basiq/redis";
import { createSync } from "basiq/sync";
import pg from "pg";
import { createClient } from "redis";

const { BASIQ_URL, API_KEY, DATABASE_URL, REDIS_URL, MODE = "users" } = process.env;
const users = (process.env.USERS ?? "").split(",").filter(Boolean);
const name = process.env.WORKER_NAME ?? String(process.pid);

let redis;
if (REDIS_URL) {
  redis = createClient({ url: REDIS_URL });
  redis.on("error", () => {});
  await redis.connect();
}
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
pool.on("error", () => {});
const basiq = new Basiq({ apiKey: API_KEY, baseUrl: BASIQ_URL, maxRetries: 10, logLevel: "off", ...(redis ? { store: redisStore(redis) } : {}) });
const pgSync = postgresSync(pool);
await pgSync.migrate();
// The lease's holds as this worker saw them: from just after a grant to just before the release.
const holding = new Map();
const holds = [];
const state = {
  ...pgSync.state,
  async lease(userId, owner, ttlMs) {
    const granted = await pgSync.state.lease(userId, owner, ttlMs);
    if (granted && !holding.has(userId)) holding.set(userId, Date.now());
    return granted;
  },
  async release(userId, owner) {
    const start = holding.get(userId);
    holding.delete(userId);
    if (start !== undefined) holds.push({ userId, start, end: Date.now() });
    await pgSync.state.release(userId, owner);
  },
};
const sync = createSync(basiq, { sink: { ...pgSync.sink, state }, leaseMs: Number(process.env.LEASE_MS ?? 30_000), owner: name });

let result;
if (MODE === "fleet") {
  const order = [...users].sort(() => Math.random() - 0.5);
  const held = [];
  const skipped = [];
  const failed = [];
  let next = 0;
  const one = async () => {
    while (next < order.length) {
      const userId = order[next++];
      try {
        await sync.user(userId);
        held.push(holds.find((h) => h.userId === userId));
      } catch (error) {
        if (error?.name === "SyncBusyError") skipped.push(userId);
        else failed.push({ userId, error: String(error?.message ?? error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Number(process.env.CONCURRENCY ?? 4) }, one));
  result = { name, held, skipped, failed };
} else {
  const r = await sync.users(users, { concurrency: Number(process.env.CONCURRENCY ?? 4) });
  result = { name, users: r.users, skipped: r.skipped, failed: r.failed.map((f) => `${f.userId}: ${f.error.message}`) };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
await pool.end();
await redis?.destroy();
