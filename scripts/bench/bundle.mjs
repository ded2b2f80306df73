// Bundle size of the main entry (esbuild, minified, neutral platform, gzip) against
// openapi-fetch + p-retry alone, with the largest inputs of the SDK's bundle.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "./lib.mjs";

async function bundle(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "ts" },
    bundle: true, minify: true, write: false, metafile: true, format: "esm", platform: "neutral",
    mainFields: ["module", "main"], logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

export async function benchBundle() {
  return {
    sdk: await bundle('export * from "./src/index.ts";'),
    clientOnly: await bundle('export { Basiq } from "./src/index.ts";'),
    baseline: await bundle('export { default as createClient } from "openapi-fetch"; export { default as pRetry } from "p-retry";'),
  };
}
