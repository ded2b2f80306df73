// OpenAPI Overlay 1.0 (https://spec.openapis.org/overlay/v1.0.0.html): an ordered list of actions,
// each a JSONPath target (RFC 9535, evaluated by json-p3) with `update` or `remove`. The overlays in
// openapi/overlays/ are the one place corrections to Basiq's specs and our operation names live.
// Stricter than the spec in two ways, on purpose: every action must say why (`description`, its
// evidence), and an action whose target matches nothing fails, naming the file and the action, so
// an upstream change that moves what an overlay corrects is seen at once instead of silently lost.
import p3 from "json-p3";
import { parse } from "yaml";

const { jsonpath } = p3;

/** An overlay that is malformed, or an action that no longer applies. */
export class OverlayError extends Error {}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const clone = (value) => structuredClone(value);

/** How an action is named in messages: its position and its description. */
function label(file, index, action) {
  return `${file}: action ${index + 1} (target ${action?.target}${action?.description ? `; "${action.description}"` : ""})`;
}

/**
 * Parses and checks an Overlay 1.0 document (YAML or JSON text). Throws OverlayError naming
 * `file` and the offending action.
 */
export function parseOverlay(text, file) {
  let doc;
  try {
    doc = parse(text);
  } catch (error) {
    throw new OverlayError(`${file} is not valid YAML: ${error.message}`);
  }
  if (!isObject(doc) || typeof doc.overlay !== "string" || !/^1\.0\.\d+$/.test(doc.overlay)) {
    throw new OverlayError(`${file} is not an Overlay 1.0 document (it needs \`overlay: 1.0.0\`)`);
  }
  if (!isObject(doc.info) || typeof doc.info.title !== "string" || typeof doc.info.version !== "string") {
    throw new OverlayError(`${file}: \`info\` needs a \`title\` and a \`version\``);
  }
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) throw new OverlayError(`${file}: \`actions\` must list at least one action`);
  doc.actions.forEach((action, index) => {
    const where = label(file, index, action);
    if (!isObject(action) || typeof action.target !== "string" || !action.target.startsWith("$")) {
      throw new OverlayError(`${where}: \`target\` must be a JSONPath starting with "$"`);
    }
    if (typeof action.description !== "string" || action.description.trim() === "") {
      throw new OverlayError(`${where}: every action needs a \`description\` citing its evidence (an example or a docs page)`);
    }
    if (action.remove !== undefined && typeof action.remove !== "boolean") throw new OverlayError(`${where}: \`remove\` must be true or false`);
    if (action.remove !== true && action.update === undefined) throw new OverlayError(`${where}: an action needs \`update\` or \`remove: true\``);
  });
  return doc;
}

/** Merges `update` into the object `target` in place: objects recursively, anything else replaced. */
function merge(target, update) {
  for (const [key, value] of Object.entries(update)) {
    if (isObject(value) && isObject(target[key])) merge(target[key], value);
    else target[key] = clone(value);
  }
}

/** The nodes `target` selects in `doc`, each as `{ value, parent, key }`. */
function select(doc, target, where) {
  let nodes;
  try {
    nodes = jsonpath.query(target, doc).nodes;
  } catch (error) {
    throw new OverlayError(`${where}: the target is not valid JSONPath (${error.message})`);
  }
  return nodes.map((node) => {
    const path = node.location;
    let parent = doc;
    for (const key of path.slice(0, -1)) parent = parent[key];
    return { value: node.value, parent: path.length ? parent : undefined, key: path.at(-1) };
  });
}

/**
 * Applies `overlay` (a parsed Overlay document) to `doc` in place, action by action, and returns
 * `doc`. `file` names the overlay in errors. Updating an object merges into it (nested objects
 * recursively; arrays and primitives are replaced, as the spec says a primitive array can only be
 * replaced whole); updating an array appends the value; `remove` deletes the node from its parent.
 */
export function applyOverlay(doc, overlay, file) {
  overlay.actions.forEach((action, index) => {
    const where = label(file, index, action);
    const nodes = select(doc, action.target, where);
    if (nodes.length === 0) {
      throw new OverlayError(`${where} matches nothing in the spec: upstream changed what this action corrects; check the spec and update or drop the action`);
    }
    const primitive = nodes.find(({ value }) => value === null || typeof value !== "object");
    if (primitive) {
      // Overlay 1.0: "The result of the target JSONPath expression MUST be zero or more objects or arrays".
      throw new OverlayError(`${where}: selects a ${primitive.value === null ? "null" : typeof primitive.value} at ${String(primitive.key)}; target its containing object instead`);
    }
    if (action.remove === true) {
      // Highest array index first, so removing one element does not shift the next one's index.
      const ordered = [...nodes].sort((a, b) => (typeof b.key === "number" && typeof a.key === "number" ? b.key - a.key : 0));
      for (const { parent, key } of ordered) {
        if (parent === undefined) throw new OverlayError(`${where}: the document root cannot be removed`);
        if (Array.isArray(parent)) parent.splice(key, 1);
        else delete parent[key];
      }
      return;
    }
    for (const { value } of nodes) {
      if (Array.isArray(value)) value.push(clone(action.update));
      else if (isObject(action.update)) merge(value, action.update);
      else throw new OverlayError(`${where}: an update of an object must be an object to merge`);
    }
  });
  return doc;
}

/**
 * Reads `<dir>/<name>.overlay.yaml` for each spec name that has one. Resolves
 * `{ <name>: { file, doc } }` (file as given relative to `root`, for messages).
 */
export async function readOverlays(dir, names, root = process.cwd()) {
  const { readFile } = await import("node:fs/promises");
  const { join, relative } = await import("node:path");
  const overlays = {};
  for (const name of names) {
    const path = join(dir, `${name}.overlay.yaml`);
    const text = await readFile(path, "utf8").catch((error) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) continue;
    const file = relative(root, path) || path;
    overlays[name] = { file, doc: parseOverlay(text, file) };
  }
  return overlays;
}
