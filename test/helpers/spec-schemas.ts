// Validates response bodies against the pulled OpenAPI specs (openapi/*.yml) with Ajv: each
// operation's response schema for a status and content type, $refs resolved inside its own spec.
import { Ajv, type ValidateFunction } from "ajv";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, runScript } from "./scripts.js";

const sources = JSON.parse(readFileSync(join(ROOT, "openapi", "sources.json"), "utf8")) as { specs: Record<string, { file: string }> };

/**
 * Spec defects the validator works around, each with its reason. GET /jobs/{jobId} answers
 * `oneOf: [job, StatementJobs, ReportsJob]` whose properties are all optional, so every job
 * matches more than one branch and `oneOf` can never pass: it is read as `anyOf`.
 */
const ONE_OF_AS_ANY_OF = new Set(["core GET /jobs/{jobId}"]);

/** Pulls the pinned specs when a fresh clone has none yet (what `make pull` does). */
export async function ensureSpecs(): Promise<void> {
  if (Object.values(sources.specs).every(({ file }) => existsSync(join(ROOT, "openapi", file)))) return;
  const pulled = await runScript("pull", []);
  if (pulled.code !== 0) throw new Error(`could not pull the specs:\n${pulled.stderr}`);
}

/** OpenAPI 3.0 ignores every keyword beside a `$ref` (Ajv applies them): drop them, as the spec means. */
function refsAlone(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(refsAlone);
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === "string") {
    for (const key of Object.keys(record)) if (key !== "$ref") delete record[key];
    return;
  }
  Object.values(record).forEach(refsAlone);
}

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/** A validator per spec; `validator(spec, method, path, status, contentType)` is undefined when no schema is declared. */
export function specValidators() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S+$/i);
  for (const name of ["int64", "double", "binary", "money", "percent", "phone", "integer", "boolean", ""]) ajv.addFormat(name, true);
  const docs: Record<string, { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>> }> = {};
  for (const [spec, { file }] of Object.entries(sources.specs)) {
    const doc = parse(readFileSync(join(ROOT, "openapi", file), "utf8"));
    refsAlone(doc);
    docs[spec] = doc;
    ajv.addSchema(doc, `spec-${spec}`);
  }
  const cache = new Map<string, ValidateFunction | undefined>();
  return (spec: string, method: string, path: string, status: number, contentType: string): ValidateFunction | undefined => {
    const key = `${spec} ${method} ${path} ${status} ${contentType}`;
    if (cache.has(key)) return cache.get(key);
    const response = docs[spec]?.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
    let validate: ValidateFunction | undefined;
    const schema = response?.content?.[contentType]?.schema;
    if (schema) {
      const ref = `spec-${spec}#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", contentType, "schema")}`;
      validate = ONE_OF_AS_ANY_OF.has(`${spec} ${method} ${path}`) && Array.isArray(schema.oneOf)
        ? ajv.compile({ anyOf: (schema.oneOf as Array<{ $ref: string }>).map((s) => ({ $ref: `spec-${spec}${s.$ref}` })) })
        : ajv.compile({ $ref: ref });
    }
    cache.set(key, validate);
    return validate;
  };
}
