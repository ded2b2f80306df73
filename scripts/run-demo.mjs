#!/usr/bin/env node
// make demo / npm run demo: bundles scripts/demo.mjs with the SDK's source (esbuild, well under a
// second; no type declarations, dist/ untouched) into a temp folder and runs it, so the demo shows
// the source as it is now without a silent full build first.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "basiq-demo-"));
try {
  const started = performance.now();
  const outfile = join(dir, "demo.mjs");
  await build({
    entryPoints: [join(ROOT, "scripts/demo.mjs")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    alias: { basiq: join(ROOT, "src/index.ts"), "basiq/testing": join(ROOT, "src/testing/index.ts") },
  });
  console.log(`(demo bundled from src/ with esbuild in ${Math.round(performance.now() - started)} ms)\n`);
  const { status } = spawnSync(process.execPath, [outfile], { stdio: "inherit" });
  process.exitCode = status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
