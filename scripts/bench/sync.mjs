// make bench, sync section: (a) an incremental sync of 1,000 unchanged users against a rate-limited
// sandbox: requests per user and wall time vs the ideal (requests / rate); (b) the naive re-read of
// every page for the same users; (c) the Postgres sink's rows/s vs a hand-written batched
// INSERT ... ON CONFLICT of the same rows (alternating rounds, medians); (d) the first sync of a
// 10,000-transaction user: peak heap over the rows' own size (a child process, so nothing else counts).
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Basiq } from "basiq";
import { postgresSync } from "basiq/postgres";
import { createSync } from "basiq/sync";
import { createSandbox } from "basiq/testing";
import { median, runNode } from "./lib.mjs";

const USERS = 1000;
/** The sandbox's rate limit: low enough that it, not this 2-core machine, bounds the run. */
const RATE = 250;

/** The sandbox of (a) and (b), in a process of its own (so its work is not counted as the client's): prints { url, ids }. */
async function sandboxChild() {
  const sandbox = createSandbox({ today: "2026-11-22", transactions: 120, pageSize: 30, rateLimit: { requestsPerSecond: RATE, burst: 20 } });
  const { url } = await sandbox.listen({ port: 0 });
  const basiq = new Basiq({ apiKey: "bench", fetch: sandbox.fetch, maxRetries: 10, rateLimit: { requestsPerSecond: RATE } });
  const ids = [];
  for (let i = 0; i < USERS; i += 50) {
    const made = await Promise.all(Array.from({ length: Math.min(50, USERS - i) }, (_, j) => basiq.ops.createUser({ body: { email: `b${i + j}@example.com` } })));
    for (const user of made) {
      sandbox.consent(user.id);
      ids.push(user.id);
    }
  }
  await sandbox.advance({ days: 1 }); // every consent's job finishes
  process.stdout.write(`${JSON.stringify({ url, ids })}\n`);
}

/** (a) and (b): 1,000 users synced once; then the incremental sync and the naive re-read, against the sandbox process. */
async function incremental() {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, "--sandbox-child"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const { url, ids } = await new Promise((ok, fail) => {
      let out = "";
      child.stdout.on("data", (c) => { out += c; if (out.includes("\n")) ok(JSON.parse(out.split("\n")[0])); });
      child.once("exit", (code) => fail(new Error(`the sandbox process exited (${code})`)));
    });
    const basiq = new Basiq({ apiKey: "bench", baseUrl: url, maxRetries: 10, rateLimit: { requestsPerSecond: RATE } });
    const sync = createSync(basiq);
    const first = await sync.users(ids, { concurrency: 16 });
    if (first.failed.length) throw new Error(`first sync failed: ${first.failed[0].error.message}`);
    let refused = 0;
    basiq.on("rate-limited", () => refused++);
    let t = performance.now();
    const again = await sync.users(ids, { concurrency: 16 });
    const syncSeconds = (performance.now() - t) / 1000;
    if (again.failed.length || again.added + again.modified + again.removed > 0) throw new Error("the incremental sync of unchanged users changed something");
    t = performance.now();
    let naiveRequests = 0;
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const userId = ids[next++];
        await basiq.ops.getAccounts({ params: { path: { userId } } });
        naiveRequests++;
        for await (const _ of basiq.pages("/users/{userId}/transactions", { params: { path: { userId }, query: { limit: 30 } } })) naiveRequests++;
      }
    }));
    const naiveSeconds = (performance.now() - t) / 1000;
    return { sync: { requests: again.requests, seconds: syncSeconds, ideal: again.requests / RATE, refused }, naive: { requests: naiveRequests, seconds: naiveSeconds, ideal: naiveRequests / RATE } };
  } finally {
    child.kill();
  }
}

const freePort = () => new Promise((ok) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => ok(port));
  });
});

/** A temporary Postgres cluster on a loopback port (Debian's postgresql), or undefined when not installed. */
async function startPostgres() {
  const base = "/usr/lib/postgresql";
  const version = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a)[0] : undefined;
  if (!version) return undefined;
  const bin = join(base, version, "bin");
  const who = process.getuid?.() === 0 ? { uid: Number(execFileSync("id", ["-u", "postgres"])), gid: Number(execFileSync("id", ["-g", "postgres"])) } : {};
  const dir = mkdtempSync(join(tmpdir(), "basiq-bench-pg-"));
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid);
  execFileSync(join(bin, "initdb"), ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust", "--no-sync", "--locale=C"], { ...who, stdio: "pipe" });
  const port = await freePort();
  const child = spawn(join(bin, "postgres"), ["-D", join(dir, "data"), "-h", "127.0.0.1", "-p", String(port), "-k", dir, "-c", "fsync=off"], { ...who, stdio: ["ignore", "ignore", "pipe"] });
  await new Promise((ok, fail) => {
    let log = "";
    child.stderr.on("data", (c) => { log += c; if (log.includes("ready to accept connections")) ok(); });
    child.once("exit", () => fail(new Error(`postgres exited: ${log.slice(-300)}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGINT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** (c): the same rows through the sink and through a hand-written batched upsert, alternating rounds. */
async function sinkThroughput() {
  const server = await startPostgres();
  if (!server) return { skipped: "postgresql is not installed" };
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  pool.on("error", () => {});
  try {
    const sandbox = createSandbox({ today: "2026-11-22", transactions: 2000, pageSize: 500 });
    const basiq = new Basiq({ apiKey: "bench", fetch: sandbox.fetch });
    const user = await basiq.ops.createUser({ body: { email: "sink@example.com" } });
    await basiq.waitForJob(sandbox.consent(user.id).jobId, { intervalMs: 10 });
    const rows = [];
    for await (const row of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: user.id } } })) rows.push(row);
    const pgSync = postgresSync(pool);
    await pgSync.migrate();
    const USERS_PER_ROUND = 10;
    const checkpoint = { version: 1, syncedAt: new Date().toISOString(), fullAt: new Date().toISOString(), accounts: {} };
    const viaSink = async () => {
      await pool.query("TRUNCATE basiq.transactions, basiq.sync_state");
      const t = performance.now();
      for (let u = 0; u < USERS_PER_ROUND; u++) {
        const userId = `u${u}`;
        await pgSync.state.lease(userId, "bench", 60_000);
        await pgSync.sink.apply({ userId, added: rows, modified: [], removed: [], accounts: [], checkpoint, expectedVersion: 0, owner: "bench" });
      }
      return (USERS_PER_ROUND * rows.length) / ((performance.now() - t) / 1000);
    };
    // What one would write by hand: one INSERT ... SELECT FROM unnest(...) ON CONFLICT per user, same columns.
    const cols = ["id", "account_id", "connection_id", "status", "post_date", "transaction_date", "amount", "description", "hash", "data"];
    const types = ["text", "text", "text", "text", "date", "date", "numeric", "text", "text", "jsonb"];
    const sql = `INSERT INTO basiq.transactions (user_id, ${cols.join(", ")})
      SELECT $1, * FROM unnest(${types.map((ty, i) => `$${i + 2}::${ty}[]`).join(", ")})
      ON CONFLICT (user_id, id) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`;
    const day = (v) => (v ? String(v).slice(0, 10) : null);
    const byHand = async () => {
      await pool.query("TRUNCATE basiq.transactions, basiq.sync_state");
      const t = performance.now();
      for (let u = 0; u < USERS_PER_ROUND; u++) {
        const arrays = [rows.map((r) => r.id), rows.map((r) => r.account), rows.map((r) => r.connection), rows.map((r) => r.status), rows.map((r) => day(r.postDate)),
          rows.map((r) => day(r.transactionDate)), rows.map((r) => r.amount), rows.map((r) => r.description), rows.map((r) => r.id), rows.map((r) => JSON.stringify(r))];
        await pool.query(sql, [`u${u}`, ...arrays]);
      }
      return (USERS_PER_ROUND * rows.length) / ((performance.now() - t) / 1000);
    };
    const sink = [];
    const hand = [];
    await viaSink();
    await byHand(); // warm-up
    for (let round = 0; round < 5; round++) {
      sink.push(await viaSink());
      hand.push(await byHand());
    }
    return { rows: rows.length * USERS_PER_ROUND, sink: median(sink), hand: median(hand) };
  } finally {
    await pool.end();
    await server.stop();
  }
}

/** Entry of the child process of (d): prints { peakHeapMb, rowsMb, seconds }. */
async function memoryChild() {
  const sandbox = createSandbox({ today: "2026-11-22", transactions: 10_000, pageSize: 500 });
  const basiq = new Basiq({ apiKey: "bench", fetch: sandbox.fetch });
  const user = await basiq.ops.createUser({ body: { email: "big@example.com" } });
  await basiq.waitForJob(sandbox.consent(user.id).jobId, { intervalMs: 10 });
  const sizeOfRows = JSON.stringify(await (async () => {
    const all = [];
    for await (const row of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: user.id } } })) all.push(row);
    return all;
  })()).length;
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const t = performance.now();
  const r = await createSync(basiq).user(user.id);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(timer);
  process.stdout.write(`${JSON.stringify({ rows: r.added.length, peakHeapMb: (peak - base) / 2 ** 20, rowsMb: sizeOfRows / 2 ** 20, seconds: (performance.now() - t) / 1000 })}\n`);
}

if (process.argv[2] === "--memory-child") await memoryChild();
if (process.argv[2] === "--sandbox-child") await sandboxChild();

/** The sync section's figures. */
export async function benchSync() {
  const a = await incremental();
  const c = await sinkThroughput();
  const d = await runNode(new URL(import.meta.url).pathname, ["--memory-child"]);
  return { a, c, d, users: USERS, rate: RATE };
}
