// The JSDoc of every numeric option states the range src/internal/numeric-options.ts enforces, and
// its @default: the table and the docs users read cannot drift apart (read with the TypeScript
// parser, no type-check: unit tier).
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { NUMERIC_OPTIONS, type NumericOption } from "../src/internal/numeric-options.js";

const SRC = join(resolve(import.meta.dirname, ".."), "src");

/** Where each option of the table is documented: file, interface, property. */
const DOCUMENTED_AT: Record<NumericOption, [file: string, iface: string, property: string]> = {
  maxRetries: ["types.ts", "RetryOptions", "maxRetries"],
  timeoutMs: ["types.ts", "RetryOptions", "timeoutMs"],
  maxResponseBytes: ["types.ts", "RetryOptions", "maxResponseBytes"],
  "rateLimit.maxConcurrency": ["limiter.ts", "RateLimitOptions", "maxConcurrency"],
  "rateLimit.requestsPerSecond": ["limiter.ts", "RateLimitOptions", "requestsPerSecond"],
  "rateLimit.maxRateLimitWaitMs": ["limiter.ts", "RateLimitOptions", "maxRateLimitWaitMs"],
  "waitForJob timeoutMs": ["jobs.ts", "WaitForJobOptions", "timeoutMs"],
  "waitForJob intervalMs": ["jobs.ts", "WaitForJobOptions", "intervalMs"],
};

/** The JSDoc of `iface.property` in `file`, as one line of text (leading `*`s and line breaks folded). */
function jsDocOf(file: string, iface: string, property: string): string {
  const path = join(SRC, file);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  let found: string | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === iface) {
      for (const member of node.members) {
        if (member.name && ts.isIdentifier(member.name) && member.name.text === property) {
          const docs = ts.getJSDocCommentsAndTags(member).map((doc) => doc.getText());
          found = docs.join(" ").replace(/^\s*\/\*\*|\*\/\s*$/g, "").replace(/\n\s*\*/g, " ").replace(/\s+/g, " ");
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found === undefined) throw new Error(`${file}: no ${iface}.${property}`);
  return found;
}

/** A bound as the docs write it: 2_147_483_647, 10_000, 0.001, Number.MAX_SAFE_INTEGER. */
function written(n: number): string {
  if (n === Number.MAX_SAFE_INTEGER) return "Number.MAX_SAFE_INTEGER";
  return Number.isInteger(n) && n >= 10_000 ? n.toString().replace(/\B(?=(\d{3})+$)/g, "_") : String(n);
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("numeric options: the JSDoc states the enforced range and a @default", () => {
  test.each(Object.keys(NUMERIC_OPTIONS) as NumericOption[])("%s", (name) => {
    const { min, max } = NUMERIC_OPTIONS[name];
    const doc = jsDocOf(...DOCUMENTED_AT[name]);
    expect(doc).toMatch(/@default \S/);
    expect(doc).toMatch(new RegExp(`(^|[^\\d._])${literal(written(min))}(?![\\d_.])[^;]*?\\bto ${literal(written(max))}(?![\\d_])`));
  });
});
