// generated/request-schemas.ts: what each operation accepts (its query and header parameters and
// its request body) as self-contained JSON-Schema-like data, so basiq/testing can validate the
// requests it answers at runtime without the spec files (the sandbox ships in the package).
import { operationsOf } from "./transform.mjs";

/** The schema keywords a request validator reads; everything else (prose, samples, x-*) is left out. */
const KEYWORDS = new Set([
  "type", "format", "enum", "required", "properties", "items", "additionalProperties", "nullable",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
  "minItems", "maxItems", "oneOf", "anyOf", "allOf",
]);

/** Resolves a local `#/...` reference in `doc`. */
function resolve(doc, ref) {
  return ref.replace(/^#\//, "").split("/").reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

/**
 * A schema with its $refs inlined and only validation keywords kept. A reference met again inside
 * itself (a recursive schema) becomes `{}` (anything), so the output is always finite.
 */
function inline(doc, node, seen = new Set()) {
  if (Array.isArray(node)) return node.map((item) => inline(doc, item, seen));
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    if (seen.has(node.$ref)) return {};
    return inline(doc, resolve(doc, node.$ref) ?? {}, new Set([...seen, node.$ref]));
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEYWORDS.has(key)) continue;
    if (key === "properties") out.properties = Object.fromEntries(Object.entries(value ?? {}).map(([name, schema]) => [name, inline(doc, schema, seen)]));
    else if (key === "additionalProperties" && typeof value === "boolean") out[key] = value;
    else out[key] = typeof value === "object" ? inline(doc, value, seen) : value;
  }
  return out;
}

/** The media types a body is read as, in the order the sandbox prefers them. */
const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

/** One operation's request: `{ parameters: [{ in, name, required, schema }], body?: { type, required, schema } }`. */
function requestOf(doc, pathItem, operation) {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
    .map((p) => (p?.$ref ? resolve(doc, p.$ref) : p))
    .filter((p) => p && (p.in === "query" || p.in === "header"))
    .map((p) => ({ in: p.in, name: p.name, required: p.required === true, schema: inline(doc, p.schema ?? {}) }));
  let body = operation.requestBody;
  if (body?.$ref) body = resolve(doc, body.$ref);
  const type = BODY_TYPES.find((t) => body?.content?.[t]);
  const out = { parameters };
  if (type) out.body = { type, required: body.required === true, schema: inline(doc, body.content[type].schema ?? {}) };
  return out;
}

/** The TypeScript of generated/request-schemas.ts (data typed by src/testing/request-schema.ts) for the overlaid specs `[{ spec, doc }]`. */
export function requestSchemasTs(overlaid, header) {
  const rows = [];
  for (const { doc } of overlaid) {
    for (const { method, path, operation } of operationsOf(doc)) {
      rows.push(`  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: ${JSON.stringify(requestOf(doc, doc.paths[path], operation))},`);
    }
  }
  // Only data: its types (and the validator that reads it) are in src/testing/, written once.
  return `${header}
import type { OperationRequest } from "../src/testing/request-schema.js";

/** Every operation's request, keyed by "METHOD /path/template" (the sandbox's route keys). */
export const requestSchemas: Record<string, OperationRequest> = {
${rows.join("\n")}
};
`;
}
