#!/usr/bin/env node
// make check-generated: pull (verified) and generate in memory, then fail with a readable summary
// when generated/ or docs/operations.md differs. Reads nothing but openapi/sources.json, the
// overlays and the spec source; writes nothing.
//   node scripts/check-generated.mjs [--sources openapi/sources.json] [--out generated] [--docs <out>/../docs] [--from <folder|url>]
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { diffFiles } from "./lib/diff.mjs";
import { generateAll } from "./lib/generate.mjs";
import { readOverlays } from "./lib/overlay.mjs";
import { defaultSources, fetchSpecs } from "./lib/pull.mjs";
import { loadSources } from "./lib/sources.mjs";

async function readFiles(dir, extension) {
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith(extension));
  const files = {};
  for (const name of names) files[name] = await readFile(join(dir, name), "utf8");
  return files;
}

run(async () => {
  const opts = options({ sources: { type: "string" }, out: { type: "string" }, docs: { type: "string" }, from: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const out = resolve(opts.out ?? "generated");
  const docsDir = resolve(opts.docs ?? join(out, "..", "docs"));
  const sources = await loadSources(sourcesPath);
  const from = opts.from ?? process.env.SPECS_FROM ?? defaultSources(sources, resolve(dirname(sourcesPath), ".."));
  const specs = await fetchSpecs(sources, { from, log: (line) => console.error(line) });
  const overlays = await readOverlays(join(dirname(sourcesPath), "overlays"), Object.keys(sources.specs));
  const { generated, docs } = await generateAll(specs, overlays);
  const committedDocs = Object.fromEntries(Object.entries(await readFiles(docsDir, ".md")).filter(([name]) => name in docs));
  const differences = [
    ...diffFiles(await readFiles(out, ".ts"), generated),
    ...diffFiles(committedDocs, docs).map((line) => line.replace(/^(\s+\w+\s+)/, "$1docs/")),
  ];
  if (differences.length > 0) {
    throw new Error(`generated/ is out of date with the pinned specs (${differences.length} files) and openapi/overlays/:\n${differences.join("\n")}\n` +
      "Run `make pull generate` and commit generated/ and docs/operations.md (never edit them by hand: change openapi/overlays/ or scripts/ instead).");
  }
  console.log(`generated/ matches the ${specs.length} pinned specs with their ${Object.keys(overlays).length} overlays, and so does docs/operations.md`);
});
