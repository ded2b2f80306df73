#!/usr/bin/env node
// make generate: pulled specs in openapi/ -> generated/*.ts. Each spec must match its pin (so the
// header's hash is true); files are rewritten only when their bytes change, all or nothing.
//   node scripts/generate.mjs [--sources openapi/sources.json] [--specs openapi] [--out generated]
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { writeAllOrNothing } from "./lib/files.mjs";
import { generateFiles } from "./lib/generate.mjs";
import { loadSources, sha256 } from "./lib/sources.mjs";

/** Reads the pulled specs of `sources` from `dir`, each checked against its pin. */
async function readPulled(sources, dir) {
  const specs = [];
  for (const [name, pin] of Object.entries(sources.specs)) {
    const bytes = await readFile(join(dir, pin.file)).catch(() => {
      throw new Error(`${join(dir, pin.file)} is missing: run \`make pull\` first`);
    });
    const actual = sha256(bytes);
    if (actual !== pin.sha256) {
      throw new Error(`${join(dir, pin.file)} (spec "${name}") has sha256 ${actual}, not the pinned ${pin.sha256}: run \`make pull\` (or \`make update-specs\` to move the pin)`);
    }
    specs.push({ name, file: pin.file, sha256: actual, text: bytes.toString("utf8") });
  }
  return specs;
}

run(async () => {
  const opts = options({ sources: { type: "string" }, specs: { type: "string" }, out: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const sources = await loadSources(sourcesPath);
  const specs = await readPulled(sources, resolve(opts.specs ?? dirname(sourcesPath)));
  const started = performance.now();
  const files = await generateFiles(specs);
  const changed = await writeAllOrNothing(resolve(opts.out ?? "generated"), files);
  const ms = Math.round(performance.now() - started);
  console.log(`generated ${Object.keys(files).length} files in ${ms} ms (${changed.length} changed${changed.length ? `: ${changed.join(", ")}` : ""})`);
});
