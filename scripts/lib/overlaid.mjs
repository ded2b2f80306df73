// A pulled spec as the SDK sees it: parsed, with its overlay from openapi/overlays/ applied.
// Shared by make generate, the examples test and the contract test, so all three read one truth.
import { parse } from "yaml";
import { applyOverlay } from "./overlay.mjs";
import { operationsOf, referenceUrl } from "./transform.mjs";

/** Parses a spec's YAML (or JSON) text, naming the spec when it is not valid. */
function parseSpec(spec) {
  let doc;
  try {
    doc = parse(spec.text, { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`spec "${spec.name}" (${spec.file}) is not valid YAML: ${error.message}`);
  }
  if (!doc || typeof doc !== "object" || typeof doc.openapi !== "string" || !doc.paths) {
    throw new Error(`spec "${spec.name}" (${spec.file}) is not an OpenAPI 3 document (no "openapi" version or "paths")`);
  }
  return doc;
}

/**
 * A pulled spec parsed, with its overlay (`{ file, doc }` from readOverlays, if any) applied:
 * the corrected spec, prose and examples still in it. Each operation keeps the reference page of
 * its raw operationId in `x-basiq-reference` (readme.io slugs follow the spec's id, not our name).
 */
export function overlaidSpec(spec, overlay) {
  const doc = parseSpec(spec);
  for (const { operationId, operation } of operationsOf(doc)) operation["x-basiq-reference"] = referenceUrl(operationId);
  return overlay ? applyOverlay(doc, overlay.doc, overlay.file) : doc;
}


/**
 * Every pinned spec of `<root>/openapi/sources.json`, read (hash-verified) from SPECS_FROM or the
 * default sources (upstream, then ../shared/openapi) without writing anything, and overlaid.
 * Resolves `[{ name, file, doc }]` in source-list order. For tests that must not depend on a pull.
 * `overlays: false` reads the specs as upstream wrote them (to measure what the overlays correct).
 */
export async function loadOverlaidSpecs(root, { from = process.env.SPECS_FROM || undefined, overlays: apply = true } = {}) {
  const { join } = await import("node:path");
  const { defaultSources, fetchSpecs } = await import("./pull.mjs");
  const { loadSources } = await import("./sources.mjs");
  const { readOverlays } = await import("./overlay.mjs");
  const sources = await loadSources(join(root, "openapi", "sources.json"));
  const specs = await fetchSpecs(sources, { from: from ?? defaultSources(sources, root), cwd: root });
  const overlays = await readOverlays(join(root, "openapi", "overlays"), Object.keys(sources.specs), root);
  return specs.map((spec) => ({ name: spec.name, file: spec.file, doc: overlaidSpec(spec, apply ? overlays[spec.name] : undefined) }));
}
