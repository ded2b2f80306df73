// Checks a value against a request schema of generated/request-schemas.ts (the OpenAPI 3.0 subset
// the specs' requests use): the first problem found, named by its path ("filters[0].name"), or
// undefined when the value fits. A small validator of our own: the package ships no JSON Schema
// library, and the requests use a dozen keywords.
import type { RequestSchema } from "./request-schema.js";

/** What a value is, in the schema's words ("integer" for whole numbers). */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Blob) return "file";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  "date-time": (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
};

const show = (value: unknown) => (value instanceof Blob ? "a file" : JSON.stringify(value) ?? String(value));

/** True when `value` has the schema's `type` (integer counts as number; a file is a binary string). */
function hasType(schema: RequestSchema, value: unknown): boolean {
  const kind = kindOf(value);
  if (kind === "null") return schema.nullable === true || schema.type === "null";
  if (schema.type === undefined) return true;
  if (schema.type === "number") return kind === "number" || kind === "integer";
  if (schema.type === "string" && schema.format === "binary") return kind === "file" || kind === "string";
  return schema.type === kind;
}

/** A value that does not fit: the field (its path, as Basiq's `source.parameter`), a sentence, and the code. */
export interface Problem {
  parameter: string;
  detail: string;
  code: "parameter-not-valid" | "parameter-not-supplied";
}

const fail = (path: string, text: string, code: Problem["code"] = "parameter-not-valid"): Problem =>
  ({ parameter: path || "body", detail: `${path || "The request body"} ${text}`, code });

/** The first way `value` does not fit `schema`, naming its path ("" for the value itself); undefined when it fits. */
export function problem(schema: RequestSchema, value: unknown, path: string): Problem | undefined {
  if (!hasType(schema, value)) return fail(path, `must be ${schema.type === "integer" ? "an integer" : `a${/^[aeiou]/.test(schema.type ?? "") ? "n" : ""} ${schema.type}`}, not ${show(value)}`);
  if (value === null) return undefined;
  if (schema.enum && !schema.enum.includes(value)) return fail(path, `must be one of ${schema.enum.map(show).join(", ")}, not ${show(value)}`);
  if (typeof value === "string") {
    const format = schema.format ? FORMATS[schema.format] : undefined;
    if (format && !format(value)) return fail(path, `must be a ${schema.format} (${schema.format === "date" ? "YYYY-MM-DD" : "ISO 8601"}), not ${show(value)}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) return fail(path, `must have at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return fail(path, `must have at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return fail(path, `must match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return fail(path, `must be at least ${schema.minimum}, not ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) return fail(path, `must be at most ${schema.maximum}, not ${value}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return fail(path, `must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return fail(path, `must have at most ${schema.maxItems} items`);
    if (schema.items) {
      for (const [i, item] of value.entries()) {
        const found = problem(schema.items, item, `${path}[${i}]`);
        if (found) return found;
      }
    }
  }
  if (kindOf(value) === "object") {
    const record = value as Record<string, unknown>;
    const prefix = path ? `${path}.` : "";
    for (const name of schema.required ?? []) if (record[name] === undefined) return fail(`${prefix}${name}`, "is required", "parameter-not-supplied");
    for (const [name, child] of Object.entries(record)) {
      const declared = schema.properties?.[name];
      if (declared) {
        const found = child === undefined ? undefined : problem(declared, child, `${prefix}${name}`);
        if (found) return found;
      } else if (schema.additionalProperties === false) return fail(`${prefix}${name}`, "is not a field of this request");
    }
  }
  for (const part of schema.allOf ?? []) {
    const found = problem(part, value, path);
    if (found) return found;
  }
  // oneOf is read as anyOf: the specs write oneOf where branches overlap (reportRequest's filter
  // value is "a date" or "a string"), and Basiq accepts a value either branch takes.
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.every((choice) => problem(choice, value, path) !== undefined)) {
    return fail(path, `must be ${choices.map((c) => c.type ?? "a value").join(" or ")}, not ${show(value)}`);
  }
  return undefined;
}

/**
 * A query or header value (always text on the wire) read as its schema's type: integers and
 * numbers from their decimal text, booleans from true/false; anything else stays text (and then
 * fails the type check, naming the parameter).
 */
export function fromText(schema: RequestSchema, text: string): unknown {
  if ((schema.type === "integer" || schema.type === "number") && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (schema.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}
