// One worker process of the many-process tests and bench: its own Basiq client on a Redis store
// (node-redis or ioredis) or on its own memory. Prints "ready", waits for a line on stdin (so all
// workers start together), makes its calls, prints one JSON line of results, and exits.
// Env: BASIQ_URL, API_KEY, CALLS, REDIS_URL (absent: memory), REDIS_CLIENT ("redis" | "ioredis"),
// CLOCK_SKEW_MS (this process's clock off by that much).
// The result line counts the store's round trips (`storeCalls`).
import { Basiq } from "basiq";
import { redisStore } from "basiq/redis";
import { Redis } from "ioredis";
import { createClient } from "redis";

const { BASIQ_URL, API_KEY, REDIS_URL, REDIS_CLIENT = "redis", CLOCK_SKEW_MS } = process.env;
// A peer whose clock is wrong (issue 18 row 6): every Date.now() of this process is off by CLOCK_SKEW_MS.
if (CLOCK_SKEW_MS) {
  const real = Date.now;
  Date.now = () => real() + Number(CLOCK_SKEW_MS);
}
const calls = Number(process.env.CALLS ?? 25);
const name = process.env.WORKER_NAME ?? String(process.pid);

let redis;
let close = async () => {};
if (REDIS_URL && REDIS_CLIENT === "ioredis") {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => {}); // a stopped server is the store's problem, reported by the client's warn
  await redis.connect();
  close = async () => redis.disconnect();
} else if (REDIS_URL) {
  redis = createClient({ url: REDIS_URL });
  redis.on("error", () => {});
  await redis.connect();
  close = async () => redis.destroy();
}

// Every store round trip (each BasiqStore call is one script: EVALSHA, or EVAL the first time).
let storeCalls = 0;
if (redis) {
  for (const name of ["eval", "evalSha", "evalsha"]) {
    const original = redis[name];
    if (typeof original !== "function") continue;
    redis[name] = function (...args) {
      storeCalls++;
      return original.apply(this, args);
    };
  }
}

const warnings = [];
const logger = { error: () => {}, warn: (line) => warnings.push(line), info: () => {}, debug: () => {} };
const basiq = new Basiq({ apiKey: API_KEY, baseUrl: BASIQ_URL, maxRetries: 10, logger, logLevel: "warn", ...(redis ? { store: redisStore(redis) } : {}) });

process.stdout.write("ready\n");
await new Promise((go) => process.stdin.once("data", go));
process.stdin.pause();

const started = performance.now();
const results = await Promise.allSettled(Array.from({ length: calls }, (_, i) => basiq.ops.getUser({ params: { path: { userId: `${name}-${i}` } } })));
const ms = performance.now() - started;
const failed = results.filter((r) => r.status === "rejected");
process.stdout.write(`${JSON.stringify({ name, ok: results.length - failed.length, failed: failed.length, errors: [...new Set(failed.map((r) => String(r.reason?.message ?? r.reason)))].slice(0, 3), warnings, ms, storeCalls })}\n`);
await close();
process.exit(0);
