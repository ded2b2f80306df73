// Validates every response example of a spec against its own response schema, with Ajv 8: real
// responses look like the examples, so a schema an example breaks types users' code wrongly.
// OpenAPI 3.0 schemas are JSON Schema draft-04/07 plus a few keywords; `nullable: true` is mapped
// to a null type, and OpenAPI-only keywords (discriminator, xml, example...) are left out.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { HTTP_METHODS } from "./transform.mjs";

/** Keywords OpenAPI 3.0 adds to a Schema Object that JSON Schema does not have (or must not see). */
const OPENAPI_ONLY = new Set(["nullable", "discriminator", "xml", "externalDocs", "example", "deprecated", "readOnly", "writeOnly"]);
/** Maps whose keys are names, not keywords (a property may be called `example` or `nullable`). */
const NAME_MAPS = new Set(["properties", "patternProperties", "definitions", "schemas"]);

/** An OpenAPI 3.0 Schema Object (and everything under it) as JSON Schema. */
export function toJsonSchema(node, parentKey = "") {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item));
  if (node === null || typeof node !== "object") return node;
  const namesHere = NAME_MAPS.has(parentKey);
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!namesHere && (OPENAPI_ONLY.has(key) || key.startsWith("x-"))) continue;
    out[key] = toJsonSchema(value, namesHere ? "" : key);
  }
  if (namesHere || node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // A nullable $ref or composition: null, or whatever the schema itself allows.
  return { anyOf: [out, { type: "null" }] };
}

/** `#/components/...` refs made absolute against the id under which the components are registered. */
function rebase(schema, id) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${id}#/`));
}

/** Resolves a local `#/components/<kind>/<name>` reference object (one level, as the specs use them). */
function deref(doc, node) {
  if (typeof node?.$ref !== "string") return node;
  return node.$ref.replace(/^#\//, "").split("/").reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

/** Every response example of a spec: `{ where, schema, value }`, in document order. */
function responseExamples(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        const response = deref(doc, raw);
        for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
          if (!media?.schema) continue;
          const where = `${operation.operationId} ${method.toUpperCase()} ${path} ${status} ${mediaType}`;
          if (media.example !== undefined) out.push({ where: `${where} (example)`, schema: media.schema, value: media.example });
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            const resolved = deref(doc, example);
            if (resolved && "value" in resolved) out.push({ where: `${where} examples.${name}`, schema: media.schema, value: resolved.value });
          }
        }
      }
    }
  }
  return out;
}

/** Format names a document uses that ajv-formats does not know (e.g. "phone"): accepted, not checked. */
function unknownFormats(node, known, found = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => unknownFormats(item, known, found));
  else if (node && typeof node === "object") {
    if (typeof node.format === "string" && !known.has(node.format)) found.add(node.format);
    Object.values(node).forEach((value) => unknownFormats(value, known, found));
  }
  return found;
}

/**
 * Validates every response example of the overlaid specs `[{ name, doc }]`. Resolves
 * `{ total, failures: [{ spec, where, errors }] }`, each error as `<instancePath> <message>`.
 */
export function checkExamples(specs) {
  let total = 0;
  const failures = [];
  for (const { name, doc } of specs) {
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    const known = new Set(Object.keys(ajv.formats));
    for (const format of unknownFormats(doc, known)) ajv.addFormat(format, true);
    const id = `https://basiq.invalid/${name}`;
    ajv.addSchema({ $id: id, components: toJsonSchema(doc.components ?? {}) });
    for (const example of responseExamples(doc)) {
      total++;
      const validate = ajv.compile(rebase(toJsonSchema(example.schema), id));
      if (!validate(example.value)) {
        failures.push({ spec: name, where: example.where, errors: validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`) });
      }
    }
  }
  return { total, failures };
}
