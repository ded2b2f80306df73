import { describe, expect, test } from "@jest/globals";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./helpers/scripts.js";

/** Every module path the bundle of an entry pulls in, as esbuild resolves it for a neutral platform. */
async function bundleInputs(entry: string) {
  const result = await build({
    entryPoints: [join(ROOT, entry)], bundle: true, write: false, metafile: true, format: "esm", platform: "neutral",
    mainFields: ["module", "main"], logLevel: "silent",
  });
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  return { inputs: Object.keys(result.metafile.inputs), imports, code: result.outputFiles[0]!.text };
}

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe("the main entry's bundle", () => {
  test("imports no Node built-in module, directly or through its dependencies", async () => {
    const { imports, code } = await bundleInputs("src/index.ts");
    expect(imports.filter((path) => path.startsWith("node:") || builtins.has(path))).toEqual([]);
    expect(code).not.toMatch(/\brequire\(["']|from ["']node:/);
  });

  test("uses no Node-only global unguarded (Buffer never; process only after `typeof process`)", async () => {
    const { code } = await bundleInputs("src/index.ts");
    expect(code).not.toMatch(/\bBuffer\b/);
    // Bare `process` (not `host.process`, not in a comment) only on lines that first check it exists.
    const bare = code.split("\n").filter((line) => /(^|[^.\w$])process\b/.test(line.replace(/\/\/.*$/, "")));
    expect(bare.filter((line) => !line.includes('typeof process === "object"'))).toEqual([]);
  });

  test("basiq/testing is edge-safe too", async () => {
    const { imports } = await bundleInputs("src/testing/index.ts");
    expect(imports.filter((path) => path.startsWith("node:") || builtins.has(path))).toEqual([]);
  });

  test("basiq/redis is edge-safe (for Upstash) and imports no Redis library: the user's client is passed in", async () => {
    const { imports } = await bundleInputs("src/redis/index.ts");
    expect(imports.filter((path) => path.startsWith("node:") || builtins.has(path))).toEqual([]);
    expect(imports.filter((path) => /redis/i.test(path) && !path.startsWith("src/"))).toEqual([]);
  });

  test("basiq/otel imports only @opentelemetry/api (its optional peer) and no Node built-in; the main entry carries none of it", async () => {
    const result = await build({ entryPoints: [join(ROOT, "src/otel/index.ts")], bundle: true, write: false, metafile: true, format: "esm", platform: "neutral", external: ["@opentelemetry/api"], logLevel: "silent" });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    expect([...new Set(imports)]).toEqual(["@opentelemetry/api"]);
    const { inputs, imports: mainImports } = await bundleInputs("src/index.ts");
    expect(inputs.filter((path) => path.includes("src/otel/") || path.includes("@opentelemetry"))).toEqual([]);
    expect(mainImports.filter((path) => path.includes("@opentelemetry"))).toEqual([]);
  });

  test("the main entry carries no Redis code (it lives in basiq/redis only)", async () => {
    const { inputs, code } = await bundleInputs("src/index.ts");
    expect(inputs.filter((path) => path.includes("src/redis/"))).toEqual([]);
    expect(code).not.toMatch(/redis\.call|EVALSHA/);
  });
});
