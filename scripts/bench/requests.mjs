// Per-request client CPU and wall time against a 2 KB account list on loopback: raw fetch, raw
// openapi-fetch, basiq.api (with and without its rate limiter) and basiq.ops, sequential and at
// concurrency 32. Rounds rotate the contenders in one process. A contender's time is its median
// over rounds; its ratio to openapi-fetch is paired: each round's ratio (the two measured in the
// same round, seconds apart), then the median and spread of those ratios. On 2 shared cores one
// contender's median moves by a third between runs while a round's pair moves together.
//
// BENCH_BASELINE=<dir> adds "basiq.api @ baseline": the basiq.api of another build of this
// package (a worktree of an older commit with its dist/ built), imported from <dir>/dist/index.js,
// with basiq.api's per-round ratio to it. make bench runs without it.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { Basiq } from "basiq";
import { median, percentile, startServer } from "./lib.mjs";

const ROUNDS = 21;
const SEQUENTIAL = 300;
const CONCURRENT = 1000;
const CONCURRENCY = 32;
/** Calls per contender and mode before the rounds. */
const WARM_UP = 3000;

/** The baseline build named by BENCH_BASELINE: its Basiq class and a label (its commit, when a git checkout). */
async function baselineBuild(dir) {
  const { Basiq: Baseline } = await import(pathToFileURL(join(dir, "dist", "index.js")).href);
  let commit = "";
  try {
    commit = execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {} // not a git checkout: the label says only "baseline"
  return { Baseline, label: commit ? `basiq.api @ baseline ${commit}` : "basiq.api @ baseline" };
}

/** The median and spread of paired ratios a[i] / b[i]. */
function pairedRatio(a, b) {
  const ratios = a.map((v, i) => v / b[i]);
  return { median: median(ratios), q1: percentile(ratios, 25), q3: percentile(ratios, 75), min: Math.min(...ratios), max: Math.max(...ratios) };
}

export async function benchRequests() {
  const server = await startServer();
  const url = `${server.url}/users/u1/accounts`;
  const headers = { Authorization: "Bearer bench-token", Accept: "application/json" };
  const raw = createClient({ baseUrl: server.url, headers });
  const basiq = new Basiq({ apiKey: "bench", baseUrl: server.url });
  const unlimited = new Basiq({ apiKey: "bench", baseUrl: server.url, rateLimit: false });
  const params = { params: { path: { userId: "u1" } } };
  // Listed so that rotation keeps openapi-fetch, basiq.api and the baseline next to each other.
  const contenders = {
    "raw fetch": async () => (await fetch(url, { headers })).json(),
    "openapi-fetch": async () => (await raw.GET("/users/{userId}/accounts", params)).data,
    "basiq.api": async () => (await basiq.api.GET("/users/{userId}/accounts", params)).data,
  };
  let baseline;
  if (process.env.BENCH_BASELINE) {
    const { Baseline, label } = await baselineBuild(process.env.BENCH_BASELINE);
    const old = new Baseline({ apiKey: "bench", baseUrl: server.url });
    contenders[label] = async () => (await old.api.GET("/users/{userId}/accounts", params)).data;
    baseline = label;
  }
  contenders["basiq.api, rateLimit: false"] = async () => (await unlimited.api.GET("/users/{userId}/accounts", params)).data;
  contenders["basiq.ops"] = () => basiq.ops.getAccounts(params);

  async function measure(call, total, concurrency) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next++ < total) {
        const body = await call();
        if (!body?.data?.length) throw new Error("empty answer");
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallUs: (wall * 1000) / total, cpuUs: (used.user + used.system) / total };
  }

  const names = Object.keys(contenders);
  const results = {};
  try {
    for (const [mode, total, concurrency] of [["sequential", SEQUENTIAL, 1], [`concurrency ${CONCURRENCY}`, CONCURRENT, CONCURRENCY]]) {
      const samples = Object.fromEntries(names.map((n) => [n, { wall: [], cpu: [] }]));
      // Warm-up (sockets, token, JIT): V8 goes on optimizing the request path for thousands of calls
      // (figures in instructions.mjs), and the concurrency rows reach code (the limiter's queues) the
      // sequential ones do not. A round inside that warm-up would count the compiler's work too: its
      // threads' CPU is in process.cpuUsage.
      for (const name of names) await measure(contenders[name], WARM_UP, concurrency);
      for (let round = 0; round < ROUNDS; round++) {
        const order = names.map((_, i) => names[(i + round) % names.length]); // rotate who goes first
        for (const name of order) {
          globalThis.gc?.();
          const { wallUs, cpuUs } = await measure(contenders[name], total, concurrency);
          samples[name].wall.push(wallUs);
          samples[name].cpu.push(cpuUs);
        }
      }
      const base = samples["openapi-fetch"];
      const row = (n, against) => ({
        wallUs: median(samples[n].wall),
        cpuUs: median(samples[n].cpu),
        wall: pairedRatio(samples[n].wall, against.wall),
        cpu: pairedRatio(samples[n].cpu, against.cpu),
      });
      results[mode] = { contenders: Object.fromEntries(names.map((n) => [n, row(n, base)])), rounds: ROUNDS };
      if (baseline) results[mode].headVsBaseline = { label: baseline, ...row("basiq.api", samples[baseline]) };
    }
  } finally {
    server.stop();
  }
  return results;
}
