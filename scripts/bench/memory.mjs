// Pagination memory over 200 pages x 500 transactions of ~1 KB: basiq.paginate against a plain
// async generator over fetch, each in fresh processes, alternating; medians of the runs.
import { resolve } from "node:path";
import { median, runNode, startServer } from "./lib.mjs";

const RUNS = 5;

export async function benchMemory() {
  const server = await startServer({ BENCH_PAGES: "200" });
  const child = resolve(import.meta.dirname, "memory-child.mjs");
  const samples = { basiq: [], plain: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const who of i % 2 ? ["basiq", "plain"] : ["plain", "basiq"]) samples[who].push(await runNode(child, [who, server.url]));
    }
  } finally {
    server.stop();
  }
  const summary = (runs) => ({
    items: runs[0].count,
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    peakHeapMb: median(runs.map((r) => r.peakHeapMb)),
    seconds: median(runs.map((r) => r.ms)) / 1000,
  });
  return { basiq: summary(samples.basiq), plain: summary(samples.plain) };
}
