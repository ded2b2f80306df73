import { describe, expect, test } from "@jest/globals";
import { BasiqError, safeReturnPath } from "basiq";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/scripts.js";

const BASE = "https://app.example/basiq/callback?jobIds=j1&state=x";
const ORIGIN = "https://app.example";

/** Where a browser goes with `Location: <path>` from `base` (the WHATWG parser, as browsers and `Response.redirect` use it). */
const landsOn = (path: string, base = BASE) => new URL(path, base).origin;

/** The check the README's callback used before safeReturnPath. */
const oldCheck = (state: string) => (state.startsWith("/") && !state.startsWith("//") ? state : "/");

/** Each is a way out of the site that a prefix check misses, or a near miss of one. */
const HOSTILE = [
  "/\\evil.example",
  "/\\/evil.example",
  "/\\\\evil.example",
  "/\t/evil.example",
  "/\r/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "\t//evil.example",
  " //evil.example",
  "/./\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "//evil.example",
  "///evil.example",
  "https://evil.example/",
  "https:evil.example",
  "javascript:alert(1)",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%09/evil.example",
  "/%0d%0a/evil.example",
  "/%0aLocation:%20https://evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/%E0%A4%A", // malformed percent-encoding
  `/${"a".repeat(3000)}`,
];

describe("safeReturnPath", () => {
  test("the README's old prefix check let every WHATWG quirk through to evil.example (the open redirect this replaces)", () => {
    const escaped = ["/\\evil.example", "/\\/evil.example", "/\t/evil.example", "/\r/evil.example", "/\n/evil.example"]
      .filter((state) => landsOn(oldCheck(state)) === "https://evil.example");
    expect(escaped).toHaveLength(5);
  });

  test("never yields a path that leaves the site, for each known trick (backslash, TAB/CR/LF, dot segments, encoded variants)", () => {
    for (const state of HOSTILE) {
      const path = safeReturnPath(state, BASE);
      expect({ state, origin: landsOn(path) }).toEqual({ state, origin: ORIGIN });
      // A path-absolute reference: it lands on whatever origin it is resolved against, never names one.
      expect({ state, origin: landsOn(path, "https://other.example/") }).toEqual({ state, origin: "https://other.example" });
    }
    expect(HOSTILE.map((state) => safeReturnPath(state, BASE)).filter((path) => path !== "/")).toEqual([]);
  });

  test("keeps a path of your own site, its query and fragment (normalised, percent-encoded ASCII)", () => {
    expect(safeReturnPath("/settings/banks", BASE)).toBe("/settings/banks");
    expect(safeReturnPath("/onboarding/step-3?tab=banks#top", BASE)).toBe("/onboarding/step-3?tab=banks#top");
    expect(safeReturnPath("/a/./b/../c", BASE)).toBe("/a/c");
    expect(safeReturnPath("/café au lait", BASE)).toBe("/caf%C3%A9%20au%20lait");
    expect(safeReturnPath("/a%2Fb", BASE)).toBe("/a%2Fb");
    expect(safeReturnPath("/\uff0f\uff0fevil.example", BASE)).toBe("/%EF%BC%8F%EF%BC%8Fevil.example"); // fullwidth solidus: not a slash in a path
    expect(safeReturnPath("/\ud800x", BASE)).toBe("/%EF%BF%BDx"); // a lone surrogate becomes U+FFFD, as the parser does
  });

  test("gives the fallback for a missing state, and refuses a fallback or base that is not your own site", () => {
    expect(safeReturnPath(undefined, BASE)).toBe("/");
    expect(safeReturnPath(null, BASE)).toBe("/");
    expect(safeReturnPath("", BASE)).toBe("/");
    expect(safeReturnPath(42 as never, BASE)).toBe("/");
    expect(safeReturnPath("//evil.example", BASE, "/home")).toBe("/home");
    expect(safeReturnPath("/x", new URL(BASE))).toBe("/x");
    expect(() => safeReturnPath("/x", BASE, "//evil.example")).toThrow(BasiqError);
    expect(() => safeReturnPath("/x", BASE, "https://evil.example")).toThrow(/fallback must be a path of your own site/);
    expect(() => safeReturnPath("/x", "/relative")).toThrow(/base must be an absolute http\(s\) URL/);
    expect(() => safeReturnPath("/x", "javascript:alert(1)")).toThrow(BasiqError);
  });

  test("the README's Consent callback returns the user through safeReturnPath, not a prefix check", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const callback = readme.slice(readme.indexOf("export async function basiqCallback"), readme.indexOf("```", readme.indexOf("export async function basiqCallback")));
    expect(callback).toContain("Response.redirect(new URL(safeReturnPath(state, request.url), request.url), 303)");
    expect(callback).not.toMatch(/startsWith\("\/"\)/);
  });

  test("property: whatever the state, the path lands on the base's origin and names no host", () => {
    const pieces = fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", ".", "..", "%2F", "%2f", "%5C", "%09", "%0A", "%2e", "%",
      "evil.example", "@", ":", "?", "#", "https:", "\u3002", "\uff0f", "\u0000", "\u2028", "\ud800", "a");
    const states = fc.oneof(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")), fc.string({ unit: "binary", maxLength: 40 }));
    fc.assert(fc.property(states, fc.constantFrom(BASE, "http://127.0.0.1:3000/cb", "https://app.example"), (state, base) => {
      const path = safeReturnPath(state, base);
      const origin = new URL(base).origin;
      return new URL(path, base).origin === origin && new URL(path, "https://other.example").origin === "https://other.example"
        && /^\/(?![/\\])[\x21-\x7e]*$/.test(path);
    }), { numRuns: 5_000 });
  });
});
