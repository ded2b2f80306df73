// Type-check cost: `tsc --noEmit` on a consumer file making 20 typed calls with basiq, against the
// same file on openapi-fetch with one small spec; plus the size of the shipped .d.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import openapiTS, { astToString } from "openapi-typescript";
import { median, ROOT } from "./lib.mjs";

const RUNS = 5;

export async function benchTypes() {
  // Inside the package, so "basiq" resolves through its own exports to dist/*.d.ts, as for users.
  const dir = join(ROOT, "node_modules", ".bench-types");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, "small-spec.ts"), astToString(await openapiTS(new URL(`file://${join(ROOT, "test", "fixtures", "specs", "alpha.yml")}`), { silent: true })));
    const calls = (line) => Array.from({ length: 20 }, (_, i) => line(i)).join("\n");
    writeFileSync(join(dir, "basiq-consumer.ts"), `import { Basiq } from "basiq";
const basiq = new Basiq({ apiKey: "k" });
export async function run(userId: string) {
${calls((i) => (i % 2 ? `  const r${i} = await basiq.ops.getTransactions({ params: { path: { userId }, query: { limit: ${i} } } }); r${i}.data[0]?.amount;` : `  const r${i} = await basiq.api.GET("/users/{userId}/accounts", { params: { path: { userId } } }); r${i}.data?.data[0]?.balance;`))}
}
`);
    writeFileSync(join(dir, "raw-consumer.ts"), `import createClient from "openapi-fetch";
import type { paths } from "./small-spec.js";
const client = createClient<paths>({ baseUrl: "https://example.com" });
export async function run(widgetId: string) {
${calls((i) => `  const r${i} = await client.GET("/widgets/{widgetId}", { params: { path: { widgetId } } }); r${i}.data?.description;`)}
}
`);
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [] };
    for (const who of ["basiq", "raw"]) writeFileSync(join(dir, `tsconfig.${who}.json`), JSON.stringify({ compilerOptions, files: [`${who}-consumer.ts`] }));
    const tsc = (who) => {
      const started = performance.now();
      try {
        execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${who}.json`], { cwd: dir, stdio: "pipe" });
      } catch (error) {
        throw new Error(`tsc failed on the ${who} consumer:\n${error.stdout}${error.stderr}`);
      }
      return performance.now() - started;
    };
    const samples = { basiq: [], raw: [] };
    for (let i = 0; i < RUNS; i++) for (const who of i % 2 ? ["basiq", "raw"] : ["raw", "basiq"]) samples[who].push(tsc(who));
    const dts = readFileSync(join(ROOT, "dist", "index.d.ts"));
    return {
      basiqMs: median(samples.basiq), rawMs: median(samples.raw),
      dtsBytes: statSync(join(ROOT, "dist", "index.d.ts")).size, dtsGzip: gzipSync(dts).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
