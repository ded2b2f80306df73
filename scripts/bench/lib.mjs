// Shared plumbing for the benchmarks: the server process, medians, child runs.
import { spawn, execFile } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Starts scripts/bench/server.mjs (or `file`); resolves its base URL and a stop function. */
export function startServer(env = {}, file = "server.mjs") {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, file)], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", (chunk) => ok({ url: `http://127.0.0.1:${String(chunk).trim()}`, stop: () => child.kill() }));
    child.once("error", fail);
  });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Runs `node <file> ...args` and resolves the JSON it prints last. */
export function runNode(file, args = [], env = {}) {
  return new Promise((ok, fail) => {
    execFile(process.execPath, ["--expose-gc", file, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 24, timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`${file} failed: ${stderr || error.message}`));
      ok(JSON.parse(stdout.trim().split("\n").pop()));
    });
  });
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
export const ratio = (value, base) => `${(value / base).toFixed(2)}x`;
