// Property coverage of a response: which properties its schema declares (walked through $refs,
// allOf, oneOf/anyOf and arrays) the body fills, and which it leaves out or empty. A property is
// filled when present and neither null, "" nor an empty list or object.
import { loadOverlaidSpecs } from "../../scripts/lib/overlaid.mjs";
import { ROOT } from "./scripts.js";
import { localSpecs } from "./spec-schemas.js";

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[] };
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>> };

/** Filled and empty property paths ("data[].links.self") of one body. */
export interface Coverage {
  filled: Set<string>;
  empty: Set<string>;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0);

/** Loads the overlaid specs; returns `(spec, method, path, status, body) => Coverage | undefined`. */
export async function coverageOf(from: string = localSpecs()) {
  const specs = (await loadOverlaidSpecs(ROOT, { from })) as Array<{ name: string; doc: Doc }>;
  const docs = new Map(specs.map(({ name, doc }) => [name, doc]));
  return (spec: string, method: string, path: string, status: number, body: unknown): Coverage | undefined => {
    const doc = docs.get(spec)!;
    const schema = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.["application/json"]?.schema;
    if (!schema) return undefined;
    const resolve = (s: Schema, depth = 0): Schema => (s.$ref && depth < 20 ? resolve(s.$ref.replace(/^#\//, "").split("/").reduce((at: any, k) => at?.[k], doc) ?? {}, depth + 1) : s);
    const out: Coverage = { filled: new Set(), empty: new Set() };
    const walk = (raw: Schema, value: unknown, at: string, depth: number) => {
      if (depth > 12) return;
      const s = resolve(raw);
      if (Array.isArray(value)) {
        if (s.items) for (const item of value) walk(s.items, item, `${at}[]`, depth + 1);
        return;
      }
      if (value === null || typeof value !== "object") return;
      const branches = [...(s.allOf ?? [])];
      const choices = s.oneOf ?? s.anyOf;
      if (choices) {
        // The branch the value fits best: most of its properties present.
        const score = (c: Schema) => Object.keys(resolve(c).properties ?? {}).filter((k) => k in (value as object)).length;
        branches.push([...choices].sort((a, b) => score(b) - score(a))[0]!);
      }
      for (const branch of branches) walk(branch, value, at, depth + 1);
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        const key = at ? `${at}.${name}` : name;
        const v = (value as Record<string, unknown>)[name];
        if (isEmpty(v)) {
          if (!out.filled.has(key)) out.empty.add(key);
        } else {
          out.filled.add(key);
          out.empty.delete(key);
          walk(child, v, key, depth + 1);
        }
      }
    };
    walk(schema, body, "", 0);
    return out;
  };
}
