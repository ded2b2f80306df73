#!/usr/bin/env node
// npm pack / npm publish: a clone that was never built is built first (dist/ is git-ignored, so a
// tarball packed without it would hold no code). An existing dist/ is packed as it is: `make
// test-package` and the release build right before packing. Build output goes to stderr, so
// `npm pack --json` stays parseable.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
if (!existsSync(join(ROOT, "dist", "index.js"))) {
  console.error("prepack: dist/ is missing; running npm run build first");
  const { status } = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", process.stderr, "inherit"] });
  process.exitCode = status ?? 1;
}
