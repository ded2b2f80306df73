#!/usr/bin/env node
// Instructions per call, steady state, under valgrind's callgrind (a count that 2 shared cores do
// not blur the way wall time is blurred): node --single-threaded runs N calls through a fake
// in-memory fetch, for N = 1300 and 3300; the difference over 2000 is one call's instructions.
// With --loopback, the calls go through the platform's fetch to the request benchmark's loopback
// server (a process of its own, outside valgrind), as `make bench`'s request rows do, for N = 800
// and 1800; this counts what the platform's fetch costs the SDK too (a signal on a Request, say).
// --concurrency N keeps N calls in flight (as make bench's "concurrency 32" rows do); 1 by default.
// Each figure is given twice: all instructions, and those outside V8's optimizing compiler
// (TurboFan, which --single-threaded runs on the main thread: Runtime_CompileOptimized, inclusive,
// read by callgrind_annotate). V8 is still optimizing the request path between the two counts:
// basiq.api over loopback at concurrency 32 has 112 functions optimized by call 800, 236 by 1800,
// 312 by 5000 (`node --single-threaded --trace-opt scripts/bench/instructions-child.mjs api <N> 32
// http://127.0.0.1:<port of scripts/bench/server.mjs> | grep -c "completed optimizing"`). There the
// compiler is about 60% of a call's count (2501K, 930K outside it, in one run) and moves by ±10%
// between runs of the same build; the count outside it is the code's own.
// Not part of make bench (needs valgrind: apt-get install -y valgrind) and dist/ (make build).
//   node scripts/bench/instructions.mjs [--loopback] [--concurrency N] [openapi-fetch|api|nolimit|ops|openapi-fetch-signal|baseline ...]
// (baseline, not run by default: basiq.api of the build in BENCH_BASELINE=<dir>, an older commit's
// worktree with its dist/ built.)
// (openapi-fetch-signal, not run by default: openapi-fetch with a signal on its Request; the
// difference to openapi-fetch over --loopback is the cost src/internal/transport/call.ts quotes.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "./lib.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");
const child = resolve(import.meta.dirname, "instructions-child.mjs");
/** Instructions of one run: all of them, and those outside the optimizing compiler. */
const collected = (which, n, url) => {
  const out = join(work, `${which}.${n}.out`);
  const run = spawnSync("valgrind", ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath, "--single-threaded", "--hash-seed=1", "--random-seed=1", child, which, String(n), String(concurrency), ...(url ? [url] : [])],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  const count = /Collected : (\d+)/.exec(run.stderr ?? "")?.[1];
  if (run.status !== 0 || count === undefined) throw new Error(`valgrind ${which} ${n} failed (exit ${run.status}): ${String(run.error ?? run.stderr).trim().split("\n").slice(-5).join("\n")}`);
  const annotated = spawnSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", out], { encoding: "utf8", maxBuffer: 256 << 20 });
  const compiler = /^\s*([\d,]+) .*Runtime_CompileOptimized/m.exec(annotated.stdout ?? "")?.[1];
  if (annotated.status !== 0 || compiler === undefined) throw new Error(`callgrind_annotate ${out} failed or found no Runtime_CompileOptimized (exit ${annotated.status})`);
  rmSync(out);
  return { all: Number(count), outside: Number(count) - Number(compiler.replaceAll(",", "")) };
};
const args = process.argv.slice(2);
const loopback = args.includes("--loopback");
const at = args.indexOf("--concurrency");
const concurrency = at < 0 ? 1 : Number(args[at + 1]);
if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error("--concurrency takes a whole number >= 1");
const chosen = args.filter((a, i) => a !== "--loopback" && (at < 0 || (i !== at && i !== at + 1)));
const CONTENDERS = ["openapi-fetch", "api", "nolimit", "ops", "openapi-fetch-signal", "baseline"];
const unknown = chosen.filter((name) => !CONTENDERS.includes(name));
if (unknown.length) throw new Error(`unknown contender ${unknown.join(", ")}: choose from ${CONTENDERS.join(", ")} (and the flags --loopback, --concurrency N)`);
if (chosen.includes("baseline") && !process.env.BENCH_BASELINE) throw new Error("baseline needs BENCH_BASELINE=<dir>: a worktree of an older commit with its dist/ built");
const work = mkdtempSync(join(tmpdir(), "basiq-instructions-"));
const server = loopback ? await startServer() : undefined;
const [few, many] = loopback ? [800, 1800] : [1300, 3300];
try {
  for (const which of chosen.length ? chosen : ["openapi-fetch", "api", "nolimit", "ops"]) {
    const [a, b] = [collected(which, few, server?.url), collected(which, many, server?.url)];
    const perCall = (key) => Math.round((b[key] - a[key]) / (many - few) / 1000);
    console.log(`${which}${loopback ? " (loopback)" : ""}${concurrency > 1 ? ` x${concurrency}` : ""}: ${perCall("all")}K instructions per call, ${perCall("outside")}K outside the optimizing compiler`);
  }
} finally {
  server?.stop();
  rmSync(work, { recursive: true, force: true });
}
