// Turns pulled specs into the committed TypeScript of generated/: one raw `paths` file per spec
// (openapi-typescript), the operation table behind basiq.ops, and an index that merges them.
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { operationsDoc } from "./operations-doc.mjs";
import { overlaidSpec } from "./overlaid.mjs";
import { requestSchemasTs } from "./request-schemas.mjs";
import { addParameterDocs, addReferenceLinks, operationsOf, stripProse } from "./transform.mjs";

const BODY_KINDS = [
  ["application/json", "json"],
  ["application/x-www-form-urlencoded", "form"],
  ["multipart/form-data", "multipart"],
];

/** How an operation's request body is encoded on the wire, or undefined when it takes none. */
function bodyKind(doc, operation) {
  let body = operation.requestBody;
  if (body?.$ref) body = doc.components?.requestBodies?.[body.$ref.split("/").pop()];
  const types = Object.keys(body?.content ?? {});
  if (types.length === 0) return undefined;
  for (const [type, kind] of BODY_KINDS) if (types.includes(type)) return kind;
  return "json";
}

/**
 * True when the operation's first 2xx response declares no body (testMessage's 201, every 204):
 * the client must then accept an empty success rather than call it a truncated response.
 */
function answersEmpty(doc, operation) {
  const code = Object.keys(operation.responses ?? {}).filter((c) => /^2\d\d$/.test(c)).sort()[0];
  if (code === undefined) return false;
  let response = operation.responses[code];
  if (response?.$ref) response = doc.components?.responses?.[response.$ref.split("/").pop()];
  return Object.keys(response?.content ?? {}).length === 0;
}

const BLOB = ts.factory.createTypeReferenceNode("Blob");
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

/**
 * `format: binary` is a file on the wire (createStatement's `statement`): type it as Blob so a
 * caller passes a File or Blob, not a string (openapi-typescript's documented transform).
 */
function binaryAsBlob(schema) {
  if (schema.format !== "binary") return undefined;
  return schema.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
}

/** The TypeScript of one spec: raw `paths`, `components` and `operations`. */
async function specToTs(spec, doc) {
  const ast = await openapiTS(doc, { silent: true, transform: binaryAsBlob });
  return `// generated from ${spec.file} sha256 ${spec.sha256}, do not edit\n\n${astToString(ast)}`;
}

/** Fails on a (method, path) or operationId declared by two specs: the merged client needs both unique. */
function checkDisjoint(parsed) {
  const pathOwner = new Map();
  const idOwner = new Map();
  for (const { spec, doc } of parsed) {
    for (const path of Object.keys(doc.paths)) {
      if (pathOwner.has(path)) {
        throw new Error(`specs "${pathOwner.get(path)}" and "${spec.name}" both declare ${path}; merged \`paths\` needs each path in one spec (extend scripts/lib/generate.mjs to merge path items)`);
      }
      pathOwner.set(path, spec.name);
    }
    for (const { operationId } of operationsOf(doc)) {
      if (idOwner.has(operationId)) {
        throw new Error(`operationId "${operationId}" is declared by specs "${idOwner.get(operationId)}" and "${spec.name}"; basiq.ops needs it unique`);
      }
      idOwner.set(operationId, spec.name);
    }
  }
}

function operationTableTs(parsed, header) {
  const rows = [];
  for (const { spec, doc } of parsed) {
    for (const { operationId, method, path, operation } of operationsOf(doc)) {
      const body = bodyKind(doc, operation);
      const fields = [`spec: "${spec.name}"`, `method: "${method.toUpperCase()}"`, `path: ${JSON.stringify(path)}`];
      if (body) fields.push(`body: "${body}"`);
      if (answersEmpty(doc, operation)) fields.push("empty: true");
      // An overlay's x-basiq-idempotent: a POST Basiq documents as safe to repeat (retried like a GET).
      if (operation["x-basiq-idempotent"] === true) fields.push("idempotent: true");
      // x-basiq-token-endpoint: POST /token (API-key auth, its own rate-limit bucket, its 403 refusal).
      if (operation["x-basiq-token-endpoint"] === true) fields.push("tokenEndpoint: true");
      // x-basiq-daily-quota: an operation Basiq counts against a daily quota (a 429 is not waited out).
      if (operation["x-basiq-daily-quota"] === true) fields.push("dailyQuota: true");
      rows.push(`  ${operationId}: { ${fields.join(", ")} },`);
    }
  }
  return `${header}
/**
 * Every operation of every spec: operationId -> spec, HTTP method, path, request body encoding,
 * \`empty\` when its success response declares no body; from the overlays, \`idempotent\` for a POST safe
 * to repeat (retried after a 5xx like a GET), \`tokenEndpoint\` for POST /token and \`dailyQuota\` for
 * the operations Basiq counts against a daily quota.
 */
export const operationTable = {
${rows.join("\n")}
} as const;
`;
}

function indexTs(parsed, header) {
  const names = parsed.map(({ spec }) => spec.name);
  const ident = (name) => name.replace(/-(.)/g, (_, c) => c.toUpperCase());
  const imports = names.map((name) => `import type * as ${ident(name)} from "./${name}.js";`).join("\n");
  const merge = (member) => names.map((name) => `${ident(name)}.${member}`).join(" &\n  ");
  return `${header}
${imports}

export type { ${names.map(ident).join(", ")} };

/** The \`paths\` of every spec in one type (the specs share no path, so the intersection is exact). */
export type paths = ${merge("paths")};

/** The \`operations\` of every spec in one type, keyed by operationId. */
export type operations = ${merge("operations")};
`;
}

/**
 * Generates every file from specs `[{ name, file, sha256, text }]` (in source-list order) and
 * their overlays (`{ <name>: { file, doc } }`). Resolves `{ generated, docs }`: generated/'s
 * `{ "<name>.ts", "operations.ts", "index.ts", "request-schemas.ts" }` and docs/'s `{ "operations.md" }`.
 * Deterministic: the same specs and overlays give the same bytes.
 */
export async function generateAll(specs, overlays = {}) {
  const overlaid = specs.map((spec) => ({ spec, doc: overlaidSpec(spec, overlays[spec.name]) }));
  const parsed = overlaid.map(({ spec, doc }) => ({ spec, doc: addParameterDocs(addReferenceLinks(stripProse(doc))) }));
  checkDisjoint(parsed);
  const files = {};
  for (const { spec, doc } of parsed) files[`${spec.name}.ts`] = await specToTs(spec, doc);
  // No per-spec hashes here: a change to one spec must rewrite only that spec's file.
  const header = "// generated from openapi/sources.json, do not edit\n";
  files["operations.ts"] = operationTableTs(parsed, header);
  files["index.ts"] = indexTs(parsed, header);
  files["request-schemas.ts"] = requestSchemasTs(overlaid, header);
  return { generated: files, docs: { "operations.md": operationsDoc(overlaid) } };
}
