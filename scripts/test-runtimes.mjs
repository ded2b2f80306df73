#!/usr/bin/env node
// make test-runtimes: the smoke suite (test/runtimes/smoke.mjs) in Node 20/22/24 (ESM, and
// CommonJS on 20), Deno, Bun, Cloudflare's workerd and Vercel's edge-runtime, each against the
// embedded sandbox on a loopback port. A line per runtime; a runtime that cannot start fails.
// Needs dist/ (make build). Loopback only; every run is bounded by RUN_TIMEOUT_MS.
// The runtimes are not root dev dependencies (they are large, and Node builds are per platform):
// they live in the nested package test/runtimes/engines, installed here with `npm ci` from its own
// lockfile the first time and whenever that lockfile changes.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { serveFetch } from "./lib/serve.mjs";
import { deliverTo } from "../test/runtimes/webhooks.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const SMOKE = join(ROOT, "test", "runtimes");
const ENGINES = join(SMOKE, "engines");
const BIN = (...parts) => join(ENGINES, "node_modules", ...parts);
const INSTALL_TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 60_000;
const TRANSACTIONS = 1200; // three pages of 500

// Deno's npm launcher is a Node script that runs the real binary: killing only the launcher would
// leave the runtime holding our pipes. Each run gets its own process group, killed as a whole.
const GROUPS = process.platform !== "win32";

/** SIGKILL to the child and everything it started. */
function killTree(child) {
  try {
    if (GROUPS) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // already gone
  }
}

/** Runs a command; resolves its exit code and output, killing it at the deadline. */
function run(command, args, { env = {}, timeoutMs = RUN_TIMEOUT_MS } = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: GROUPS });
    let out = "";
    child.stdout.on("data", (chunk) => { out += chunk; });
    child.stderr.on("data", (chunk) => { out += chunk; });
    const timer = setTimeout(() => killTree(child), timeoutMs);
    child.on("error", (error) => { clearTimeout(timer); done({ code: -1, out: `${out}${error.message}` }); });
    child.on("close", (code) => { clearTimeout(timer); done({ code: code ?? -1, out }); });
  });
}

/** `npm ci` in test/runtimes/engines unless node_modules there was installed from this very lockfile. */
function installEngines() {
  const lock = readFileSync(join(ENGINES, "package-lock.json"));
  const stamp = join(ENGINES, "node_modules", ".installed-lock-sha256");
  const digest = createHash("sha256").update(lock).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  console.log("installing the runtimes (npm ci --prefix test/runtimes/engines)");
  execFileSync("npm", ["ci", "--prefix", ENGINES, "--no-audit", "--no-fund", "--loglevel=error"], { stdio: "inherit", timeout: INSTALL_TIMEOUT_MS, shell: process.platform === "win32" });
  writeFileSync(stamp, digest);
}

/**
 * The Node `major` build for this platform: the optional dependency node<major>-<os>-<cpu> of the
 * engines package (npm installs only the one matching this machine). Null when none is locked for
 * this platform (the registry serves no such build), so the run is skipped rather than failed.
 */
function nodeBuild(major) {
  const os = process.platform === "win32" ? "win" : process.platform;
  const alias = `node${major}-${os}-${process.arch}`;
  const { optionalDependencies } = JSON.parse(readFileSync(join(ENGINES, "package.json"), "utf8"));
  if (!optionalDependencies[alias]) return null;
  const manifest = JSON.parse(readFileSync(BIN(alias, "package.json"), "utf8"));
  return { bin: BIN(alias, manifest.bin.node), version: manifest.version };
}

/** The last JSON line a smoke run printed, or a failure describing what it printed instead. */
function parseResult(code, out) {
  const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  try {
    return JSON.parse(line);
  } catch {
    return { ok: false, checks: [{ name: "start", ok: false, detail: `exit ${code}: ${out.trim().split("\n").slice(-3).join(" | ") || "no output"}` }] };
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Bundles test/runtimes/worker.mjs with the built package, as a Worker deploy would. */
async function bundleWorker(dir) {
  const outfile = join(dir, "worker.js");
  await build({ entryPoints: [join(SMOKE, "worker.mjs")], bundle: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], outfile, logLevel: "silent" });
  return outfile;
}

async function runWorkerd(dir, target) {
  const port = await freePort();
  await bundleWorker(dir);
  // globalOutbound allows "local" addresses: by default a Worker may not reach loopback.
  await writeFile(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .smoke), (name = "loopback", network = (allow = ["local", "public", "private"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const smoke :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2024-09-23",
  globalOutbound = "loopback",
);
`);
  // The package's main export is the path of this platform's binary (what wrangler runs).
  const workerd = createRequire(join(ENGINES, "package.json"))("workerd").default;
  const child = spawn(workerd, ["serve", join(dir, "config.capnp")], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], detached: GROUPS });
  let log = "";
  child.stdout.on("data", (c) => { log += c; });
  child.stderr.on("data", (c) => { log += c; });
  try {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    for (;;) { // bounded by the deadline
      try {
        const response = await fetch(`http://127.0.0.1:${port}/?${target}`, { signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        const out = await response.text();
        // Then the webhook handler inside the Worker, over real HTTP: signed deliveries to POST /webhook.
        const result = parseResult(0, out);
        result.checks.push(...await deliverTo(`http://127.0.0.1:${port}/webhook`, `http://127.0.0.1:${port}/webhook-runs`)
          .catch((error) => [{ name: "webhook handler", ok: false, detail: error.message }]));
        return { code: 0, out: JSON.stringify(result) };
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) return { code: child.exitCode ?? -1, out: `${log}${error.message}` };
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    killTree(child);
  }
}

async function runEdgeRuntime(dir, target) {
  const outfile = join(dir, "edge.js");
  await build({ entryPoints: [join(SMOKE, "worker.mjs")], bundle: true, format: "iife", platform: "neutral", mainFields: ["module", "main"], outfile, logLevel: "silent" });
  const require = createRequire(join(ENGINES, "package.json"));
  const { EdgeRuntime } = await import(pathToFileURL(require.resolve("edge-runtime")).href);
  const { readFile } = await import("node:fs/promises");
  const runtime = new EdgeRuntime({ initialCode: await readFile(outfile, "utf8") });
  let timer;
  try {
    const response = await Promise.race([
      runtime.dispatchFetch(`http://edge.local/?${target}`),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("edge-runtime did not answer in time")), RUN_TIMEOUT_MS); }),
    ]);
    await response.waitUntil();
    return { code: 0, out: await response.text() };
  } finally {
    clearTimeout(timer); // a pending deadline would hold the process open for a minute after the run
  }
}

async function main() {
  installEngines();
  const sandbox = createSandbox({ transactions: TRANSACTIONS });
  const server = await serveFetch(sandbox.fetch);
  const setup = new Basiq({ apiKey: "runtime-setup", fetch: sandbox.fetch });
  const { id: userId } = await setup.ops.createUser({ body: { email: "runtimes@example.com" } });
  await setup.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
  const env = { BASIQ_SMOKE_URL: server.url, BASIQ_SMOKE_USER: userId, BASIQ_SMOKE_COUNT: String(TRANSACTIONS) };
  const target = new URLSearchParams({ base: server.url, user: userId, count: String(TRANSACTIONS) }).toString();
  const dir = await mkdtemp(join(tmpdir(), "basiq-runtimes-"));
  const entry = join(SMOKE, "entry.mjs");

  const runtimes = [
    ["node 20 (ESM)", () => run(process.execPath, [entry], { env })],
    ["node 20 (CJS)", () => run(process.execPath, [join(SMOKE, "entry.cjs")], { env })],
    ...[22, 24].map((major) => {
      const node = nodeBuild(major);
      return [`node ${node?.version ?? major}`, node ? () => run(node.bin, [entry], { env }) : null];
    }),
    ["deno", () => run(BIN(".bin", "deno"), ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", entry], { env })],
    ["bun", () => run(BIN(".bin", "bun"), [entry], { env })],
    ["workerd", () => runWorkerd(dir, target)],
    ["edge-runtime", () => runEdgeRuntime(dir, target)],
  ];

  let failed = 0;
  let skipped = 0;
  try {
    for (const [name, start] of runtimes) {
      if (!start) {
        skipped++;
        console.log(`SKIP  ${name.padEnd(14)} no build of it for ${process.platform}-${process.arch} in test/runtimes/engines`);
        continue;
      }
      sandbox.fault({ method: "GET", path: `/users/${userId}`, status: 503 }); // the retried GET
      const from = sandbox.requests.length;
      const started = performance.now();
      const { code, out } = await start().catch((error) => ({ code: -1, out: error.message }));
      const result = parseResult(code, out);
      // The server's view: this runtime's GET met the scripted 503 and was retried to a 200.
      const gets = sandbox.requests.slice(from).filter((r) => r.method === "GET" && r.path === `/users/${userId}`).map((r) => r.status);
      if (gets.join(",") !== "503,200") result.checks.push({ name: "server saw 503 then 200", ok: false, detail: `saw ${gets.join(",") || "nothing"}` });
      const ok = result.checks.every((c) => c.ok);
      const ms = Math.round(performance.now() - started);
      if (!ok) failed++;
      const detail = result.checks.map((c) => `${c.ok ? "ok" : "FAIL"} ${c.name}${c.ok ? "" : ` (${c.detail})`}`).join(", ");
      console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(14)} ${String(ms).padStart(6)} ms  ${detail}`);
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`${runtimes.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`test-runtimes: ${error.stack ?? error}`);
  process.exitCode = 1;
});
