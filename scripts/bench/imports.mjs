// Import time of the main entry: cold imports in fresh processes, alternating with the baseline.
import { resolve } from "node:path";
import { median, runNode } from "./lib.mjs";

const RUNS = 15;

export async function benchImport() {
  const child = resolve(import.meta.dirname, "import-child.mjs");
  const samples = { basiq: [], baseline: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const target of i % 2 ? ["basiq", "baseline"] : ["baseline", "basiq"]) samples[target].push((await runNode(child, [target])).ms);
  }
  return { basiqMs: median(samples.basiq), baselineMs: median(samples.baseline) };
}
