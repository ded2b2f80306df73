#!/usr/bin/env node
// make check-generated: pull (verified) and generate in memory, then fail with a readable summary
// when generated/ differs. Reads nothing but openapi/sources.json and the spec source; writes nothing.
//   node scripts/check-generated.mjs [--sources openapi/sources.json] [--out generated] [--from <folder|url>]
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { diffFiles } from "./lib/diff.mjs";
import { generateFiles } from "./lib/generate.mjs";
import { defaultSources, fetchSpecs } from "./lib/pull.mjs";
import { loadSources } from "./lib/sources.mjs";

async function readTsFiles(dir) {
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith(".ts"));
  const files = {};
  for (const name of names) files[name] = await readFile(join(dir, name), "utf8");
  return files;
}

run(async () => {
  const opts = options({ sources: { type: "string" }, out: { type: "string" }, from: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const out = resolve(opts.out ?? "generated");
  const sources = await loadSources(sourcesPath);
  const from = opts.from ?? process.env.SPECS_FROM ?? defaultSources(sources, resolve(dirname(sourcesPath), ".."));
  const specs = await fetchSpecs(sources, { from, log: (line) => console.error(line) });
  const differences = diffFiles(await readTsFiles(out), await generateFiles(specs));
  if (differences.length > 0) {
    throw new Error(`generated/ is out of date with the pinned specs (${differences.length} files):\n${differences.join("\n")}\n` +
      "Run `make pull generate` and commit generated/ (never edit it by hand: change scripts/ instead).");
  }
  console.log(`generated/ matches the ${specs.length} pinned specs`);
});
