// The hand-kept spec source list (openapi/sources.json) and how a spec is read from a source.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

/** Hex sha256 of a buffer or string. */
export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

const NAME_RE = /^[a-z][a-z0-9-]*$/;
const FILE_RE = /^[A-Za-z0-9._-]+\.ya?ml$/;
const HASH_RE = /^[0-9a-f]{64}$/;

/**
 * Reads and validates a sources file:
 * `{ upstream, ref, specs: { <name>: { file, sha256 } } }`.
 * Throws an Error naming the file and the bad entry.
 */
export async function loadSources(path) {
  let json;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the spec source list ${path}: ${error.message}`);
  }
  const bad = (what) => new Error(`${path}: ${what}`);
  if (typeof json.upstream !== "string" || !/^https?:\/\//.test(json.upstream)) {
    throw bad('"upstream" must be an http(s) base URL');
  }
  if (typeof json.ref !== "string" || json.ref === "") throw bad('"ref" must be a git ref');
  if (!json.specs || typeof json.specs !== "object" || Object.keys(json.specs).length === 0) {
    throw bad('"specs" must map spec names to { file, sha256 }');
  }
  for (const [name, spec] of Object.entries(json.specs)) {
    if (!NAME_RE.test(name)) throw bad(`spec name "${name}" must be lower-case letters, digits and dashes`);
    if (!FILE_RE.test(spec?.file ?? "")) throw bad(`spec "${name}": "file" must be a .yml/.yaml file name`);
    if (!HASH_RE.test(spec?.sha256 ?? "")) throw bad(`spec "${name}": "sha256" must be 64 lower-case hex digits`);
  }
  return json;
}

/** True when a source names a URL rather than a local folder. */
function isUrl(source) {
  return /^https?:\/\//i.test(source);
}

/** The upstream raw-file base at a ref, e.g. `<upstream>/<ref>`. */
export function upstreamAt(sources, ref = sources.ref) {
  return `${sources.upstream.replace(/\/+$/, "")}/${ref}`;
}

/** A source that could not be reached at all (as opposed to one that answered badly). */
export class UnreachableError extends Error {}

/**
 * Reads one spec file from a folder or a base URL.
 * Throws UnreachableError when the source cannot be reached, Error for a missing file.
 */
export async function readSpec(source, file, { cwd = process.cwd(), timeoutMs = 30_000 } = {}) {
  if (isUrl(source)) {
    const url = `${source.replace(/\/+$/, "")}/${file}`;
    let response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new UnreachableError(`${url} is unreachable (${error.cause?.code ?? error.name}: ${error.cause?.message ?? error.message})`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${url} answered HTTP ${response.status}`);
    }
    return Buffer.from(await response.arrayBuffer());
  }
  const folder = isAbsolute(source) ? source : resolve(cwd, source);
  try {
    return await readFile(join(folder, file));
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new Error(`${join(folder, file)} does not exist`);
    }
    throw error;
  }
}
