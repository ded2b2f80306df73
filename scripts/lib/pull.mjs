// Reads every listed spec from a source (a folder or a base URL) and checks it against its pin.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UnreachableError, readSpec, sha256, upstreamAt } from "./sources.mjs";

/**
 * Where `make pull` reads from when SPECS_FROM is unset: upstream at the pinned ref, then the
 * read-only mirror beside the project. Falling back is safe because every file is checked
 * against its pinned sha256 either way.
 */
export function defaultSources(sources, root) {
  const list = [upstreamAt(sources)];
  const mirror = resolve(root, "..", "shared", "openapi");
  if (existsSync(mirror)) list.push(mirror);
  return list;
}

/**
 * Reads all specs of `sources` from the first of `from` (one source or a list) that is reachable.
 * With `verify`, every hash must match its pin. Resolves `[{ name, file, sha256, text, source }]`.
 * Throws one Error listing every spec that failed, and the way out.
 */
export async function fetchSpecs(sources, { from, verify = true, cwd = process.cwd(), log = () => {} }) {
  const candidates = Array.isArray(from) ? from : [from];
  for (const [index, source] of candidates.entries()) {
    try {
      return await fetchAll(sources, source, { verify, cwd });
    } catch (error) {
      const next = candidates[index + 1];
      if (!(error instanceof UnreachableError) || next === undefined) throw error;
      log(`${error.message}; reading ${next} instead`);
    }
  }
  throw new Error("no spec source given");
}

async function fetchAll(sources, source, { verify, cwd }) {
  const entries = Object.entries(sources.specs);
  const results = await Promise.allSettled(
    entries.map(([, spec]) => readSpec(source, spec.file, { cwd })),
  );
  const unreachable = results.find((r) => r.status === "rejected" && r.reason instanceof UnreachableError);
  if (unreachable) throw unreachable.reason;

  const problems = [];
  const specs = [];
  results.forEach((result, i) => {
    const [name, pin] = entries[i];
    if (result.status === "rejected") {
      problems.push(`spec "${name}" (${pin.file}): ${result.reason.message}`);
      return;
    }
    const actual = sha256(result.value);
    if (verify && actual !== pin.sha256) {
      problems.push(`spec "${name}" (${pin.file}) from ${source}: sha256 mismatch\n    expected ${pin.sha256}\n    actual   ${actual}`);
      return;
    }
    specs.push({ name, file: pin.file, sha256: actual, text: result.value.toString("utf8"), bytes: result.value, source });
  });
  if (problems.length > 0) {
    const wayOut = verify
      ? "Nothing was written. If the new spec is intended, run `make update-specs` to move the pin and regenerate; otherwise point SPECS_FROM at a source with the pinned files."
      : "Nothing was written. Check SPECS_FROM (a folder or a base URL holding the listed files).";
    throw new Error(`make pull: ${problems.length} of ${entries.length} specs failed:\n  ${problems.join("\n  ")}\n${wayOut}`);
  }
  return specs;
}
