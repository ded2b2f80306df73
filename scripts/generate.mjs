#!/usr/bin/env node
// make generate: pulled specs in openapi/, corrected by openapi/overlays/ -> generated/*.ts and
// docs/operations.md. Each spec must match its pin (so the header's hash is true); files are
// rewritten only when their bytes change, all or nothing.
//   node scripts/generate.mjs [--sources openapi/sources.json] [--specs openapi] [--out generated] [--docs <out>/../docs]
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { writeAllOrNothing } from "./lib/files.mjs";
import { generateAll } from "./lib/generate.mjs";
import { readOverlays } from "./lib/overlay.mjs";
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
  const opts = options({ sources: { type: "string" }, specs: { type: "string" }, out: { type: "string" }, docs: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const sources = await loadSources(sourcesPath);
  const specs = await readPulled(sources, resolve(opts.specs ?? dirname(sourcesPath)));
  const overlays = await readOverlays(join(dirname(sourcesPath), "overlays"), Object.keys(sources.specs));
  const out = resolve(opts.out ?? "generated");
  const started = performance.now();
  const { generated, docs } = await generateAll(specs, overlays);
  const changed = await writeAllOrNothing(out, generated);
  const docsChanged = await writeAllOrNothing(resolve(opts.docs ?? join(out, "..", "docs")), docs);
  changed.push(...docsChanged.map((name) => `docs/${name}`));
  const ms = Math.round(performance.now() - started);
  const count = Object.keys(generated).length + Object.keys(docs).length;
  console.log(`generated ${count} files in ${ms} ms (${changed.length} changed${changed.length ? `: ${changed.join(", ")}` : ""})`);
});
