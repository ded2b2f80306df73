#!/usr/bin/env node
// make update-specs: pull every spec without the pin check, record the new hashes in
// openapi/sources.json and regenerate. Only changed specs get new files. Everything is generated
// in memory first, so a spec that fails to generate changes nothing. One exception: when an
// overlay action no longer matches the new spec (upstream changed what it corrects), the pins and
// specs still move, generated/ is left as it was, and the exit code is 3 with the action named, so
// the regenerate workflow opens its pull request with the problem in its body.
//   node scripts/update-specs.mjs [--sources openapi/sources.json] [--dir openapi] [--out generated] [--from <folder|url>]
// Default source: upstream at SPECS_REF (default "main"); when SPECS_REF is a commit, it becomes the pinned ref.
import { dirname, join, resolve } from "node:path";
import { options, run } from "./lib/cli.mjs";
import { writeAllOrNothing, writeFileAtomic } from "./lib/files.mjs";
import { generateAll } from "./lib/generate.mjs";
import { OverlayError, readOverlays } from "./lib/overlay.mjs";
import { fetchSpecs } from "./lib/pull.mjs";
import { loadSources, upstreamAt } from "./lib/sources.mjs";

run(async () => {
  const opts = options({ sources: { type: "string" }, dir: { type: "string" }, out: { type: "string" }, docs: { type: "string" }, from: { type: "string" } });
  const sourcesPath = resolve(opts.sources ?? "openapi/sources.json");
  const sources = await loadSources(sourcesPath);
  const ref = process.env.SPECS_REF ?? "main";
  const explicit = opts.from ?? process.env.SPECS_FROM;
  // No mirror fallback here: the mirror holds the old pins, and updating from it would record nothing new.
  const specs = await fetchSpecs(sources, { from: explicit ?? upstreamAt(sources, ref), verify: false });

  const moved = specs.filter((spec) => spec.sha256 !== sources.specs[spec.name].sha256);
  const overlays = await readOverlays(join(dirname(sourcesPath), "overlays"), Object.keys(sources.specs));
  const out = resolve(opts.out ?? "generated");
  const result = await generateAll(specs, overlays).catch((error) => {
    if (error instanceof OverlayError) return error;
    throw error;
  });
  await writeAllOrNothing(resolve(opts.dir ?? dirname(sourcesPath)), Object.fromEntries(specs.map((s) => [s.file, s.bytes])));
  const changed = [];
  if (!(result instanceof OverlayError)) {
    changed.push(...await writeAllOrNothing(out, result.generated));
    changed.push(...(await writeAllOrNothing(resolve(opts.docs ?? join(out, "..", "docs")), result.docs)).map((name) => `docs/${name}`));
  }

  const next = structuredClone(sources);
  for (const spec of moved) next.specs[spec.name].sha256 = spec.sha256;
  if (!explicit && /^[0-9a-f]{40}$/.test(ref)) next.ref = ref;
  if (JSON.stringify(next) !== JSON.stringify(sources)) {
    await writeFileAtomic(sourcesPath, `${JSON.stringify(next, null, 2)}\n`);
  }
  for (const spec of moved) console.log(`moved pin of "${spec.name}" (${spec.file}): ${sources.specs[spec.name].sha256} -> ${spec.sha256}`);
  console.log(`${moved.length} of ${specs.length} specs changed; generated files rewritten: ${changed.length ? changed.join(", ") : "none"}`);
  if (result instanceof OverlayError) {
    process.stderr.write(`an overlay no longer applies, so generated/ was NOT regenerated (the pins moved):\n  ${result.message}\n` +
      "Correct or drop that action in openapi/overlays/ (its description cites the evidence to re-check), then run `make generate`.\n");
    process.exitCode = 3;
  }
});
