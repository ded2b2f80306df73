#!/usr/bin/env node
// make pull: copy or download every spec in openapi/sources.json into openapi/, each verified
// against its pinned sha256. All or nothing: one bad spec and no file is written.
//   node scripts/pull.mjs [--sources openapi/sources.json] [--dir openapi] [--from <folder|url>]
// SPECS_FROM (or --from) picks the source; by default upstream at the pinned ref, then ../shared/openapi.
import { dirname, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { writeAllOrNothing } from "./lib/files.mjs";
import { defaultSources, fetchSpecs } from "./lib/pull.mjs";
import { loadSources } from "./lib/sources.mjs";

run(async () => {
  const opts = options({ sources: { type: "string" }, dir: { type: "string" }, from: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const dir = resolve(opts.dir ?? dirname(sourcesPath));
  const sources = await loadSources(sourcesPath);
  const root = resolve(dirname(sourcesPath), "..");
  const from = opts.from ?? process.env.SPECS_FROM ?? defaultSources(sources, root);
  const specs = await fetchSpecs(sources, { from, log: (line) => console.error(line) });
  const changed = await writeAllOrNothing(dir, Object.fromEntries(specs.map((s) => [s.file, s.bytes])));
  console.log(`pulled ${specs.length} specs from ${specs[0].source} (all hashes verified; ${changed.length} files changed)`);
});
