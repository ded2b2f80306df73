#!/usr/bin/env node
// Instructions per call, steady state, under valgrind's callgrind (a count that 2 shared cores do
// not blur the way wall time is blurred): node --single-threaded runs N calls through a fake
// in-memory fetch, for N = 1300 and 3300; the difference over 2000 is one call's instructions.
// With --loopback, the calls go through the platform's fetch to the request benchmark's loopback
// server (a process of its own, outside valgrind), as `make bench`'s request rows do, for N = 800
// and 1800; this counts what the platform's fetch costs the SDK too (a signal on a Request, say).
// --concurrency N keeps N calls in flight (as make bench's "concurrency 32" rows do); 1 by default.
// Not part of make bench (needs valgrind: apt-get install -y valgrind) and dist/ (make build).
//   node scripts/bench/instructions.mjs [--loopback] [--concurrency N] [openapi-fetch|api|nolimit|ops|openapi-fetch-signal|baseline ...]
// (baseline, not run by default: basiq.api of the build in BENCH_BASELINE=<dir>, an older commit's
// worktree with its dist/ built.)
// (openapi-fetch-signal, not run by default: openapi-fetch with a signal on its Request; the
// difference to openapi-fetch over --loopback is the cost src/internal/transport/call.ts quotes.)
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { startServer } from "./lib.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");
const child = resolve(import.meta.dirname, "instructions-child.mjs");
const collected = (which, n, url) => {
  const run = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--single-threaded", "--hash-seed=1", "--random-seed=1", child, which, String(n), String(concurrency), ...(url ? [url] : [])],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const count = /Collected : (\d+)/.exec(run.stderr ?? "")?.[1];
  if (run.status !== 0 || count === undefined) throw new Error(`valgrind ${which} ${n} failed (exit ${run.status}): ${String(run.error ?? run.stderr).trim().split("\n").slice(-5).join("\n")}`);
  return Number(count);
};
const args = process.argv.slice(2);
const loopback = args.includes("--loopback");
const at = args.indexOf("--concurrency");
const concurrency = at < 0 ? 1 : Number(args[at + 1]);
if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error("--concurrency takes a whole number >= 1");
const chosen = args.filter((a, i) => a !== "--loopback" && (at < 0 || (i !== at && i !== at + 1)));
const server = loopback ? await startServer() : undefined;
const [few, many] = loopback ? [800, 1800] : [1300, 3300];
try {
  for (const which of chosen.length ? chosen : ["openapi-fetch", "api", "nolimit", "ops"]) {
    const perCall = (collected(which, many, server?.url) - collected(which, few, server?.url)) / (many - few);
    console.log(`${which}${loopback ? " (loopback)" : ""}${concurrency > 1 ? ` x${concurrency}` : ""}: ${Math.round(perCall / 1000)}K instructions per call`);
  }
} finally {
  server?.stop();
}
