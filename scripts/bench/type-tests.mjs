// Type-check cost of the type-level tests, now against before issue 12 (spec overlays, typed job
// steps and webhook events): `tsc --noEmit` over test/types/*.ts of the current tree and of the
// tree at BEFORE, taken from git, alternating runs. Target: within 1.5x of before.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, ROOT } from "./lib.mjs";

/** main just before issue 12 landed its first part. */
export const BEFORE = "223be95c92e37e2846845f1f0310e8b9d5ce3a6a";
const RUNS = 5;

export async function benchTypeTests() {
  const dir = join(ROOT, "node_modules", ".bench-type-tests");
  rmSync(dir, { recursive: true, force: true });
  const before = join(dir, "before");
  mkdirSync(before, { recursive: true });
  try {
    try {
      const tar = execFileSync("git", ["archive", "--format=tar", BEFORE, "src", "generated", "test/types", "tsconfig.json"], { cwd: ROOT, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] });
      execFileSync("tar", ["-x", "-C", before], { input: tar });
    } catch (error) {
      return { skipped: `commit ${BEFORE.slice(0, 7)} is not in this clone (${String(error.stderr ?? error.message).trim().split("\n")[0]})` };
    }
    symlinkSync(join(ROOT, "node_modules"), join(before, "node_modules"), "dir");
    // Only the type tests (and what they import), under each tree's own compiler options.
    writeFileSync(join(before, "tsconfig.type-tests.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["test/types/*.ts"] }));
    writeFileSync(join(dir, "tsconfig.now.json"), JSON.stringify({ extends: "../../tsconfig.json", include: ["../../test/types/*.ts"] }));
    const configs = { before: join(before, "tsconfig.type-tests.json"), now: join(dir, "tsconfig.now.json") };
    const tsc = (who) => {
      const started = performance.now();
      try {
        execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", configs[who]], { cwd: ROOT, stdio: "pipe" });
      } catch (error) {
        throw new Error(`tsc failed on the type tests (${who}):\n${error.stdout}${error.stderr}`);
      }
      return performance.now() - started;
    };
    const samples = { before: [], now: [] };
    for (let i = 0; i < RUNS; i++) for (const who of i % 2 ? ["now", "before"] : ["before", "now"]) samples[who].push(tsc(who));
    return { beforeMs: median(samples.before), nowMs: median(samples.now) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
