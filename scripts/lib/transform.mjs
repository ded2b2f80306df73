// Spec transforms applied before generation: the project carries the specs' facts (names, types),
// not their sentences, so prose is stripped; each operation gains a link to its reference page.

/** Keys whose value is prose or sample data in OpenAPI 3.0/3.1. */
const PROSE_KEYS = new Set(["description", "summary", "example", "examples"]);

/**
 * Objects whose keys are names chosen by the spec author, not OpenAPI keywords. A property
 * called `description` (transactions have one) lives in such a map and must survive.
 */
const NAME_MAPS = new Set([
  "paths", "webhooks", "properties", "patternProperties", "definitions", "schemas", "responses",
  "parameters", "headers", "content", "securitySchemes", "requestBodies", "links", "callbacks",
  "variables", "mapping", "encoding", "scopes", "pathItems",
]);

/** A deep copy of `node` without prose keys (names inside NAME_MAPS are kept). */
export function stripProse(node, parentKey = "") {
  if (Array.isArray(node)) return node.map((item) => stripProse(item));
  if (node === null || typeof node !== "object") return node;
  const namesHere = NAME_MAPS.has(parentKey);
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!namesHere && PROSE_KEYS.has(key)) continue;
    // Inside a name map the key is a name: its value is an ordinary object again.
    out[key] = stripProse(value, namesHere ? "" : key);
  }
  return out;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of a spec as `{ operationId, method, path, operation }`, in document order. */
export function operationsOf(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      if (typeof operation.operationId !== "string" || operation.operationId === "") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId; basiq.ops needs one per operation`);
      }
      out.push({ operationId: operation.operationId, method, path, operation });
    }
  }
  return out;
}

/** Basiq's reference page for an operation (readme.io slugs are the lower-cased operationId). */
export function referenceUrl(operationId) {
  return `https://api.basiq.io/reference/${operationId.toLowerCase()}`;
}

/**
 * Sets each operation's `summary` to a `@see` link: openapi-typescript prints `summary` as the
 * first JSDoc line, so editors show the link on hover of every path and operation.
 * Mutates and returns `doc` (call it on the stripped copy).
 */
export function addReferenceLinks(doc) {
  for (const { operationId, operation } of operationsOf(doc)) {
    operation.summary = `@see ${operation["x-basiq-reference"] ?? referenceUrl(operationId)}`;
  }
  return doc;
}

/**
 * Prints an overlay's `x-basiq-doc` on a parameter as its JSDoc line (openapi-typescript prints
 * `summary` as a plain comment): how a bare `id` path parameter says what it is, while the spec's
 * own prose stays stripped. Mutates and returns `doc`.
 */
export function addParameterDocs(doc) {
  for (const item of Object.values(doc.paths ?? {})) {
    const lists = [item?.parameters, ...HTTP_METHODS.map((method) => item?.[method]?.parameters)];
    for (const parameter of lists.flat()) {
      if (typeof parameter?.["x-basiq-doc"] === "string") parameter.summary = parameter["x-basiq-doc"];
    }
  }
  return doc;
}
