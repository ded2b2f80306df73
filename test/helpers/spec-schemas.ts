// Validates response bodies against the specs as the SDK sees them (pulled, hash-checked, with
// openapi/overlays/ applied: scripts/lib/overlaid.mjs) with Ajv 8: an operation's response schema
// for a status and content type, its $refs resolved inside its own spec.
import { Ajv, type ValidateFunction } from "ajv";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import addFormatsModule from "ajv-formats";
import { toJsonSchema } from "../../scripts/lib/examples.mjs";
import { loadOverlaidSpecs } from "../../scripts/lib/overlaid.mjs";
import { ROOT } from "./scripts.js";

// ajv-formats is CommonJS: its default export arrives as the module or as the function.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>; components?: unknown };

/** OpenAPI 3.0 ignores every keyword beside a `$ref` (Ajv applies them): drop them, as the spec means. */
function refsAlone(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(refsAlone);
    return;
  }
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === "string") {
    for (const key of Object.keys(record)) if (key !== "$ref") delete record[key];
    return;
  }
  Object.values(record).forEach(refsAlone);
}

/** Formats the specs use that ajv-formats does not know ("money", "phone"...): accepted, not checked. */
function unknownFormats(node: unknown, known: Set<string>, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => unknownFormats(item, known, found));
  else if (node && typeof node === "object") {
    const format = (node as { format?: unknown }).format;
    if (typeof format === "string" && !known.has(format)) found.add(format);
    Object.values(node).forEach((value) => unknownFormats(value, known, found));
  }
  return found;
}

/** openapi/ itself when `make pull` already put every pinned spec there (hashes are checked again on reading). */
function pulled(): string | undefined {
  const dir = join(ROOT, "openapi");
  const { specs } = JSON.parse(readFileSync(join(dir, "sources.json"), "utf8")) as { specs: Record<string, { file: string }> };
  return Object.values(specs).every(({ file }) => existsSync(join(dir, file))) ? dir : undefined;
}

/**
 * Where tests read the specs: SPECS_FROM, else openapi/ when `make pull` filled it, else
 * ../shared/openapi; never upstream by default. (The default sources try raw.githubusercontent.com
 * first: in the unit tier its refused connects left 7 TLS sockets "connecting" for good, the open
 * handle that kept jest's worker from exiting after the summary.)
 */
export function localSpecs(): string {
  return process.env.SPECS_FROM || pulled() || join(ROOT, "..", "shared", "openapi");
}

/** A validator lookup: `(spec, method, path, status, contentType)`, undefined where the spec declares no schema. */
export type SpecValidators = (spec: string, method: string, path: string, status: number, contentType: string) => ValidateFunction | undefined;

/** Loads the overlaid specs and returns a cached validator lookup over them. */
export async function specValidators(): Promise<SpecValidators> {
  const specs = (await loadOverlaidSpecs(ROOT, { from: localSpecs() })) as Array<{ name: string; doc: Doc }>;
  const byName = new Map<string, { ajv: Ajv; id: string; doc: Doc }>();
  for (const { name, doc } of specs) {
    refsAlone(doc);
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    for (const format of unknownFormats(doc, new Set(Object.keys(ajv.formats)))) ajv.addFormat(format, true);
    const id = `https://basiq.invalid/${name}`;
    ajv.addSchema({ $id: id, components: toJsonSchema(doc.components ?? {}) });
    byName.set(name, { ajv, id, doc });
  }
  const cache = new Map<string, ValidateFunction | undefined>();
  return (spec, method, path, status, contentType) => {
    const key = `${spec} ${method} ${path} ${status} ${contentType}`;
    if (!cache.has(key)) {
      const entry = byName.get(spec);
      const schema = entry?.doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.[contentType]?.schema;
      const rebased = schema && JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"$ref":"#/', `"$ref":"${entry!.id}#/`));
      cache.set(key, rebased ? entry!.ajv.compile(rebased) : undefined);
    }
    return cache.get(key);
  };
}
