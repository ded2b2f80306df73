// Many processes on one API key: 1, 4 and 8 worker processes x 250 getUser calls against the
// rate-limited loopback server (40 req/s, burst 10), without and with `Retry-After`, each worker its
// own client, with process-local state and on one Redis store (Debian's redis-server on a free
// loopback port, no persistence), side by side. Figures per row: POST /token calls, failed calls,
// 429s per 100 requests, wall / ideal, and the store's round trips per request (every script call
// the workers' Redis clients made, over every request the server saw).
// The workers are test/helpers/store-worker.mjs (the many-process tests use them too).
// While tuning, rows can be picked: BENCH_FLEETS=1,8 (fleet sizes), BENCH_STATE=local|redis,
// BENCH_RETRY_AFTER=0|1 (without or with Retry-After); make bench sets none of them.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { ROOT, startServer } from "./lib.mjs";

const FLEETS = [1, 4, 8];
const CALLS = 250;
const RATE = 40;
const BURST = 10;

const REDIS_SERVER = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "redis-server")).find((path) => existsSync(path));

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.once("error", fail);
  });
}

async function startRedis() {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("redis-server did not start within 10 s")), 10_000);
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("Ready to accept connections")) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once("exit", (code) => fail(new Error(`redis-server exited (${code})`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Starts the workers, lets them go at once, and resolves their result lines (bounded: 5 minutes). */
function runWorkers(env, count) {
  const workers = Array.from({ length: count }, (_, i) => spawn(process.execPath, [join(ROOT, "test/helpers/store-worker.mjs")], {
    cwd: ROOT,
    env: { ...process.env, ...env, CALLS: String(CALLS), WORKER_NAME: `w${i}`, REDIS_CLIENT: i % 2 ? "ioredis" : "redis" },
    stdio: ["pipe", "pipe", "inherit"],
  }));
  const lines = workers.map((child) => {
    const seen = [];
    let buffered = "";
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop();
      for (const line of parts) seen.push(line);
      child.emit("lines", seen);
    });
    return (predicate) => new Promise((ok, fail) => {
      const timer = setTimeout(() => { child.kill(); fail(new Error("a worker took over 5 minutes")); }, 300_000);
      const check = () => {
        const found = seen.find(predicate);
        if (found !== undefined) { clearTimeout(timer); ok(found); }
      };
      child.on("lines", check);
      child.once("exit", () => setTimeout(() => { check(); clearTimeout(timer); fail(new Error("a worker exited without a result")); }, 50));
      check();
    });
  });
  return {
    ready: Promise.all(lines.map((wait) => wait((line) => line === "ready"))),
    go: () => workers.forEach((child) => child.stdin.end("go\n")),
    results: () => Promise.all(lines.map((wait) => wait((line) => line.startsWith("{")).then(JSON.parse))),
  };
}

export async function benchProcesses() {
  if (!REDIS_SERVER) return { skipped: "no redis-server on PATH (apt-get install -y redis-server)" };
  const only = process.env.BENCH_FLEETS?.split(",").map(Number); // e.g. "4", while tuning
  const states = { local: "process-local state", redis: "Redis store" };
  if (process.env.BENCH_STATE && !states[process.env.BENCH_STATE]) throw new Error(`BENCH_STATE must be local or redis, not "${process.env.BENCH_STATE}"`);
  const names = process.env.BENCH_STATE ? [states[process.env.BENCH_STATE]] : Object.values(states);
  const retryAfters = process.env.BENCH_RETRY_AFTER ? [process.env.BENCH_RETRY_AFTER === "1"] : [false, true];
  const rows = [];
  for (const retryAfter of retryAfters) {
    const server = await startServer({ RATE: String(RATE), BURST: String(BURST), RETRY_AFTER: retryAfter ? "1" : "0" }, "limited-server.mjs");
    try {
      for (const workers of FLEETS.filter((n) => !only || only.includes(n))) {
        for (const name of names) {
          const redis = name === "Redis store" ? await startRedis() : undefined; // a fresh store per row
          try {
            const run = runWorkers({ BASIQ_URL: server.url, API_KEY: "bench-key", ...(redis ? { REDIS_URL: redis.url } : {}) }, workers);
            await run.ready;
            await new Promise((resolve) => setTimeout(resolve, (BURST / RATE) * 1000)); // let the bucket refill
            await fetch(`${server.url}/reset`, { method: "POST" });
            const started = performance.now();
            run.go();
            const results = await run.results();
            const wallS = (performance.now() - started) / 1000;
            const { requests, refused, mints } = await (await fetch(`${server.url}/stats`)).json();
            const storeCalls = results.reduce((n, r) => n + (r.storeCalls ?? 0), 0);
            rows.push({ name, workers, retryAfter, mints, failed: results.reduce((n, r) => n + r.failed, 0), per100: (100 * refused) / requests, requests, ratio: wallS / ((workers * CALLS) / RATE), storePerRequest: redis ? storeCalls / requests : undefined });
          } finally {
            redis?.stop();
          }
        }
      }
    } finally {
      server.stop();
    }
  }
  return { rows, calls: CALLS, rate: RATE, burst: BURST };
}
